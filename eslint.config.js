// Lint rules, including the process boundaries of DESIGN.md ("Split by runtime, enforced by
// a check"): the renderer never reaches into main/, plain-Node code never loads Electron,
// and the FeedAMP client and the sandbox never share request handling.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const ELECTRON_ONLY = {
  paths: [
    {
      name: 'electron',
      message:
        'Only main/electron.ts, its adapters and preload/ may use Electron; this code must run in plain Node (browser mode, tests).',
    },
    {
      name: 'electron-store',
      message:
        'electron-store loads Electron at import time; use conf, or keep it in main/electron.ts.',
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    files: ['scripts/**/*.mjs', '*.js', '*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ELECTRON_ONLY.paths,
          patterns: [
            {
              group: ['**/main', '**/main/**'],
              message: 'The renderer talks to main only through the bridge (preload/contract.ts).',
            },
            {
              group: ['node:*', 'fs', 'path', 'child_process', 'undici'],
              message: 'The renderer is a sandboxed page: no Node, no network of its own.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['main/**'],
    ignores: ['main/electron.ts', 'main/electron/**', 'main/bridge/ipc-adapter.ts'],
    rules: { 'no-restricted-imports': ['error', ELECTRON_ONLY] },
  },
  {
    files: ['main/feedamp/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ELECTRON_ONLY.paths,
          patterns: [
            {
              group: ['**/sandbox', '**/sandbox/**'],
              message:
                'The client must not share code with the sandbox (issue 3): a misunderstanding on one side would hide on the other.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['main/sandbox/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ELECTRON_ONLY.paths,
          patterns: [
            {
              group: ['**/feedamp/*', '!**/feedamp/enums'],
              message:
                'The sandbox may share only the read-only value lists (main/feedamp/enums.ts) with the client.',
            },
          ],
        },
      ],
    },
  },
);
