// Settings → Item codes: every code the station learned (a plain alias or a case), its units
// changed, removed, exported and imported. The codes live in settings (aliases + aliasUnits);
// this service only reads and writes them there, so the Pack screen sees each change at once.
import type { SettingsService } from '../settings';
import { StationError } from '../errors';
import { normaliseSku } from '../../../common/item-codes';
import {
  findLearned,
  learnedCodes,
  withLearned,
  withoutLearned,
  type LearnedCode,
  type LearnedStore,
} from '../scan/item-codes';
import { itemCodesFileName, itemCodesFileText, readItemCodesFile } from './file';

export class ItemCodesService {
  constructor(
    private readonly settings: SettingsService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  list(): LearnedCode[] {
    return learnedCodes(this.settings.get());
  }

  private mustFind(code: string): LearnedCode {
    const found = findLearned(this.settings.get(), code);
    if (!found)
      throw new StationError(
        'not_found',
        `${normaliseSku(code)} is no longer a learned code — it may have been removed.`,
      );
    return found;
  }

  setUnits(code: string, units: number): LearnedCode[] {
    const { sku } = this.mustFind(code);
    this.settings.update(withLearned(this.settings.get(), [{ code, sku, units }]));
    return this.list();
  }

  remove(code: string): LearnedCode[] {
    this.mustFind(code);
    this.settings.update(withoutLearned(this.settings.get(), code));
    return this.list();
  }

  exportFile(): { fileName: string; text: string; count: number } {
    const codes = this.list();
    const now = this.now();
    return {
      fileName: itemCodesFileName(now),
      text: itemCodesFileText(codes, now),
      count: codes.length,
    };
  }

  /** Adds every code of the file; a code already learned is replaced (and counted). */
  import(text: string): { added: number; replaced: number; codes: LearnedCode[] } {
    const rows = readItemCodesFile(text);
    let store: LearnedStore = this.settings.get();
    let added = 0;
    let replaced = 0;
    for (const row of rows) {
      if (findLearned(store, row.code)) replaced++;
      else added++;
      store = withLearned(store, [row]);
    }
    if (rows.length > 0)
      this.settings.update({ aliases: store.aliases, aliasUnits: store.aliasUnits });
    return { added, replaced, codes: this.list() };
  }
}
