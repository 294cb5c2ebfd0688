import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

// The process boundaries are promises to users (a sandboxed page, Node code that runs
// without Electron); this proves the lint rules catch a deliberately wrong import.
// The files linted here do not exist, so no TypeScript project holds them: the boundary rules
// need no types, and the typed ones are switched off for these texts.
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfig: tseslint.configs.disableTypeChecked,
});

async function restrictedImportErrors(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports');
}

// The first lint loads ESLint's config and typescript-eslint: seconds on a quiet machine, tens of
// seconds on a busy 2-core one, so these tests get more than the default 20 s.
describe('lint boundary rules', { timeout: 90_000 }, () => {
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
        "import { CARRIERS } from '../../common/feedamp-enums';\nexport const x = CARRIERS;\n",
      ),
    ).toHaveLength(0);
    expect(
      await restrictedImportErrors(
        'main/feedamp/ok.ts',
        "import { CARRIERS } from '../../common/feedamp-enums';\nexport const x = CARRIERS;\n",
      ),
    ).toHaveLength(0);
  });

  it('stop the preload and the contract from importing main/, and let them import common/', async () => {
    expect(
      await restrictedImportErrors(
        'preload/api/bad.ts',
        "import { CARRIERS } from '../../main/station/carriers/detect';\nexport const x = CARRIERS;\n",
      ),
    ).toHaveLength(1);
    expect(
      await restrictedImportErrors(
        'preload/api/ok.ts',
        "import { CARRIERS } from '../../common/feedamp-enums';\nexport const x = CARRIERS;\n",
      ),
    ).toHaveLength(0);
    expect(
      await restrictedImportErrors(
        'renderer/store/ok.ts',
        "import { orderProgress } from '../../common/packing';\nexport const x = orderProgress;\n",
      ),
    ).toHaveLength(0);
  });

  it('keep common/ free of Node built-ins, Electron, DOM and Node globals, and of the other layers', async () => {
    for (const [source, rule] of [
      ["import { readFile } from 'node:fs/promises';", 'no-restricted-imports'],
      ["import { join } from 'path';", 'no-restricted-imports'],
      ["import { app } from 'electron';", 'no-restricted-imports'],
      ["import { request } from 'undici';", 'no-restricted-imports'],
      ["import { createCore } from '../main/core';", 'no-restricted-imports'],
      ["import { bridge } from '../renderer/bridge/api';", 'no-restricted-imports'],
      ['const x = document.title;', 'no-restricted-globals'],
      ['const x = window.innerWidth;', 'no-restricted-globals'],
      ['const x = localStorage.length;', 'no-restricted-globals'],
      ['const x = process.env.HOME;', 'no-restricted-globals'],
      ["const x = Buffer.from('a');", 'no-restricted-globals'],
    ] as const) {
      const [result] = await eslint.lintText(`${source}\n`, { filePath: 'common/bad.ts' });
      const errors = (result?.messages ?? []).filter((m) => m.ruleId === rule);
      expect(errors, source).toHaveLength(1);
    }
    const [ok] = await eslint.lintText(
      "import { CARRIERS } from './feedamp-enums';\nexport const x = new Intl.PluralRules('en').select(CARRIERS.length);\n",
      { filePath: 'common/ok.ts' },
    );
    expect(ok?.messages.filter((m) => m.ruleId?.startsWith('no-restricted'))).toEqual([]);
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

  it('flag a screen control nobody can name or reach by keyboard', async () => {
    const [result] = await eslint.lintText(
      [
        'export const Bad = () => (',
        '  <div>',
        '    <img src="box.png" />',
        '    <div onClick={() => undefined}>Ship</div>',
        '  </div>',
        ');',
        '',
      ].join('\n'),
      { filePath: 'renderer/screens/Bad.tsx' },
    );
    const rules = (result?.messages ?? []).map((m) => m.ruleId);
    expect(rules).toContain('jsx-a11y-x/alt-text');
    expect(rules).toContain('jsx-a11y-x/click-events-have-key-events');
  });
});
