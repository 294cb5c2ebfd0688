import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The process boundaries are promises to users (a sandboxed page, Node code that runs
// without Electron); this proves the lint rules catch a deliberately wrong import.
const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImportErrors(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports');
}

describe('lint boundary rules', () => {
  it('stop the renderer from importing main/', async () => {
    const errors = await restrictedImportErrors(
      'renderer/screens/Bad.ts',
      "import { createCore } from '../../main/core';\nexport const x = createCore;\n",
    );
    expect(errors).toHaveLength(1);
  });

  it('stop plain-Node code from importing electron or electron-store', async () => {
    for (const file of [
      'main/station/bad.ts',
      'main/feedamp/bad.ts',
      'main/bridge/handlers-bad.ts',
    ]) {
      const errors = await restrictedImportErrors(
        file,
        "import { app } from 'electron';\nimport Store from 'electron-store';\nexport const x = [app, Store];\n",
      );
      expect(errors, file).toHaveLength(2);
    }
  });

  it('stop the client and the sandbox from sharing request code, but allow the enum lists', async () => {
    expect(
      await restrictedImportErrors(
        'main/feedamp/bad.ts',
        "import { startSandbox } from '../sandbox';\nexport const x = startSandbox;\n",
      ),
    ).toHaveLength(1);
    expect(
      await restrictedImportErrors(
        'main/sandbox/bad.ts',
        "import { FeedampClient } from '../feedamp/client';\nexport const x = FeedampClient;\n",
      ),
    ).toHaveLength(1);
    expect(
      await restrictedImportErrors(
        'main/sandbox/ok.ts',
        "import { CARRIERS } from '../feedamp/enums';\nexport const x = CARRIERS;\n",
      ),
    ).toHaveLength(0);
  });

  it('let the Electron entry and the ipc adapter import electron', async () => {
    expect(
      await restrictedImportErrors(
        'main/electron.ts',
        "import { app } from 'electron';\nexport const x = app;\n",
      ),
    ).toHaveLength(0);
    expect(
      await restrictedImportErrors(
        'main/bridge/ipc-adapter.ts',
        "import { ipcMain } from 'electron';\nexport const x = ipcMain;\n",
      ),
    ).toHaveLength(0);
  });
});
