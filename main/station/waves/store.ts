// The station's waves in `<data dir>/waves.json`, written atomically after every change and read
// back through zod, so a wave in progress survives a restart (or a crash) where it stood. Changes
// are made in memory at once and written in order; `flush` waits for the last write.
import { join } from 'node:path';
import { z } from 'zod';
import type { Logger } from '../../log';
import { readJsonFile, writeFileAtomic } from '../storage/atomic-file';
import { waveRecordSchema, type WaveRecord } from './progress';

const fileSchema = z.looseObject({
  nextId: z.number().int().positive(),
  active: z.number().int().positive().optional(),
  waves: z.array(waveRecordSchema),
});
type WaveFile = z.infer<typeof fileSchema>;

/** Enough for a few days of pick lists; older waves are forgotten. */
const KEEP_WAVES = 200;

const CONTEXT = { lost: 'the wave was not saved', retry: 'scan the wave again' };

export class WaveStore {
  private data: WaveFile = { nextId: 1, waves: [] };
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly path: string,
    private readonly log: Logger,
  ) {}

  static async open(dataDir: string, log: Logger): Promise<WaveStore> {
    const store = new WaveStore(join(dataDir, 'waves.json'), log);
    const read = await readJsonFile(store.path, fileSchema).catch((error: unknown) => {
      log.warn('waves: could not read the waves file', { error: String(error) });
      return { status: 'missing' as const };
    });
    if (read.status === 'ok') store.data = read.value;
    else if (read.status === 'invalid')
      log.warn('waves: the waves file is unreadable; starting with none', { reason: read.reason });
    return store;
  }

  get(id: number): WaveRecord | undefined {
    return this.data.waves.find((w) => w.id === id);
  }

  active(): WaveRecord | undefined {
    return this.data.active === undefined ? undefined : this.get(this.data.active);
  }

  /** A wave whose orders are exactly these, in this order, not ended: printing again reuses it. */
  findOpen(orderIds: readonly string[]): WaveRecord | undefined {
    return this.data.waves.find(
      (w) =>
        w.endedAt === undefined &&
        w.orders.length === orderIds.length &&
        w.orders.every((o, i) => o.orderId === orderIds[i]),
    );
  }

  create(orders: readonly { orderId: string; number: string }[], now: Date): WaveRecord {
    const wave: WaveRecord = {
      id: this.data.nextId,
      createdAt: now.toISOString(),
      orders: orders.map((o) => ({ orderId: o.orderId, number: o.number })),
      packed: [],
      skipped: [],
      itemFirst: false,
    };
    const waves = [...this.data.waves, wave];
    // Forget the oldest ended waves first; the active one is always kept.
    while (waves.length > KEEP_WAVES) {
      const at = waves.findIndex((w) => w.id !== this.data.active);
      waves.splice(at, 1);
    }
    this.data = { ...this.data, nextId: wave.id + 1, waves };
    this.save();
    return wave;
  }

  /** Replaces the wave and makes it the active one (or clears the active one when it ended). */
  put(wave: WaveRecord, active: boolean): void {
    const waves = this.data.waves.map((w) => (w.id === wave.id ? wave : w));
    let activeId = this.data.active;
    if (active) activeId = wave.id;
    else if (activeId === wave.id) activeId = undefined;
    this.data = { nextId: this.data.nextId, waves, ...(activeId ? { active: activeId } : {}) };
    this.save();
  }

  flush(): Promise<void> {
    return this.writing;
  }

  private save(): void {
    const text = JSON.stringify(this.data);
    this.writing = this.writing
      .then(() => writeFileAtomic(this.path, text, { context: CONTEXT }))
      .catch((error: unknown) =>
        this.log.warn('waves: could not keep the waves', { error: String(error) }),
      );
  }
}
