// What this station did while working alone, in memory and in its file: written down before a
// package is queued, replayed into the database on rejoining, then forgotten.
import type { Logger } from '../../log';
import { OfflineFile, SHIP_CONTEXT, type OfflineWork } from './offline';
import type { PackedLines } from './packed-lines';

export class OfflineJournal {
  private work: OfflineWork = { packages: [], changes: [] };
  private readonly file: OfflineFile;

  constructor(
    dataDir: string,
    private readonly log: Logger,
  ) {
    this.file = new OfflineFile(dataDir, log);
  }

  /** At start: what an earlier run did alone. An unreadable file is logged, not thrown. */
  async load(): Promise<void> {
    try {
      this.work = await this.file.load();
    } catch (error) {
      this.log.error('warehouse: could not read the packages packed alone', { error });
    }
  }

  /** Written down (for a package, before it is queued); throws the storage sentence if not. */
  async keep(work: Partial<OfflineWork>): Promise<void> {
    this.work = {
      packages: [...this.work.packages, ...(work.packages ?? [])],
      changes: [...this.work.changes, ...(work.changes ?? [])],
    };
    try {
      await this.file.save(this.work, SHIP_CONTEXT);
    } catch (error) {
      // Not on disk: the package is refused, so it must not be recorded on rejoining either.
      this.drop(work);
      throw error;
    }
  }

  async forget(work: Partial<OfflineWork>): Promise<void> {
    this.drop(work);
    await this.file.save(this.work);
  }

  private drop(work: Partial<OfflineWork>): void {
    this.work = {
      packages: this.work.packages.filter((p) => !work.packages?.includes(p)),
      changes: this.work.changes.filter((c) => !work.changes?.includes(c)),
    };
  }

  /**
   * Packages packed alone reach packed_lines, then leave the file. A crash in between replays
   * them at the next rejoin, where their keys make them count once.
   */
  async replay(linesOf: (account: string) => PackedLines): Promise<void> {
    const { packages, changes } = this.work;
    if (packages.length + changes.length === 0) return;
    for (const account of new Set(packages.map((p) => p.account)))
      await linesOf(account).recordOffline(packages.filter((p) => p.account === account));
    // After the packages: a package packed and then discarded alone is recorded, then released.
    for (const change of changes) await linesOf(change.account).apply(change);
    await this.forget({ packages, changes });
    this.log.info('warehouse: what was done alone is recorded', {
      packages: packages.length,
      changes: changes.length,
    });
  }
}
