import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { electronSaveFile } from '../../../main/electron/save-file';

describe('saving an export file in the desktop app', () => {
  it('writes the file where the person chose and says where', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'save-'));
    const target = join(dir, 'moved.json');
    const dialog = { showSaveDialog: vi.fn(async () => ({ canceled: false, filePath: target })) };
    const save = electronSaveFile({
      dialog: dialog,
      window: () => undefined,
      defaultDir: dir,
    });
    expect(await save('packline-outbox.json', '{"entries":[]}')).toBe(target);
    expect(readFileSync(target, 'utf8')).toBe('{"entries":[]}');
    expect(dialog.showSaveDialog).toHaveBeenCalledWith(
      expect.objectContaining({ defaultPath: join(dir, 'packline-outbox.json') }),
    );
  });

  it('writes nothing when the dialog is cancelled', async () => {
    const dialog = { showSaveDialog: vi.fn(async () => ({ canceled: true, filePath: '' })) };
    const save = electronSaveFile({
      dialog: dialog,
      window: () => undefined,
      defaultDir: tmpdir(),
    });
    expect(await save('x.json', '{}')).toBeUndefined();
  });

  it("offers the file's own kind in the dialog: a CSV export is saved as CSV", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'save-'));
    const target = join(dir, 'packing-log.csv');
    const dialog = { showSaveDialog: vi.fn(async () => ({ canceled: false, filePath: target })) };
    const save = electronSaveFile({
      dialog: dialog,
      window: () => undefined,
      defaultDir: dir,
    });
    await save('packing-log-Bench-1-2026-12-03.csv', 'order\r\n');
    expect(dialog.showSaveDialog).toHaveBeenCalledWith(
      expect.objectContaining({ filters: [{ name: 'Packline export', extensions: ['csv'] }] }),
    );
    expect(readFileSync(target, 'utf8')).toBe('order\r\n');
  });
});
