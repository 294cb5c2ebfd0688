// Export files in the desktop app: a save dialog, then the file written by main. The page's own
// downloads are blocked in Electron (window.ts), so the page cannot save them itself.
import type { BrowserWindow, Dialog } from 'electron';
import { writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';

export interface SaveFileDeps {
  dialog: Pick<Dialog, 'showSaveDialog'>;
  window: () => BrowserWindow | undefined;
  defaultDir: string;
}

/** Resolves with the path written, or undefined when the person cancels the dialog. */
export function electronSaveFile(deps: SaveFileDeps) {
  return async (suggestedName: string, text: string): Promise<string | undefined> => {
    // The file's own kind (the outbox hand-over is JSON, the packing log CSV).
    const extension = extname(suggestedName).slice(1) || 'json';
    const options = {
      defaultPath: join(deps.defaultDir, suggestedName),
      filters: [{ name: 'Packline export', extensions: [extension] }],
    };
    const win = deps.window();
    const choice = win
      ? await deps.dialog.showSaveDialog(win, options)
      : await deps.dialog.showSaveDialog(options);
    if (choice.canceled || !choice.filePath) return undefined;
    await writeFile(choice.filePath, text, { encoding: 'utf8', flush: true });
    return choice.filePath;
  };
}
