// Lint rules, including the process boundaries (split by runtime, enforced by a check): the
// renderer and the preload never reach into main/, plain-Node code never loads Electron, the
// FeedAMP client and the sandbox never share request handling, and common/ runs in every process
// so it uses nothing one of them lacks.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import jsxA11y from 'eslint-plugin-jsx-a11y-x';

const NODE_ONLY = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'undici'];

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
  // Typed rules: what only the types can show (a promise nobody awaits, a method passed without
  // its object, a switch that misses a case of a union).
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      // An async function without await is how an implementation of a Promise-returning
      // interface turns a throw into a rejection; keeping `async` there is deliberate.
      '@typescript-eslint/require-await': 'off',
      // An AbortSignal's reason is typed `any`; it is what an aborted wait must reject with.
      '@typescript-eslint/prefer-promise-reject-errors': [
        'error',
        { allowThrowingAny: true, allowThrowingUnknown: true },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    // Store actions and callbacks are passed around without their object (a zustand store's
    // actions are destructured): declared as function-typed properties, they say they need no
    // `this`, and unbound-method can tell the two apart.
    files: ['**/*.{ts,tsx,mts}'],
    rules: { '@typescript-eslint/method-signature-style': ['error', 'property'] },
  },
  {
    // Hooks called in the same order every render, with the dependencies they read.
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // Every control named, every role real, in the markup itself; the axe scans in the e2e
    // tests check the rendered screens on top. (jsx-a11y-x: eslint-plugin-jsx-a11y's rules for
    // ESLint 10, which the original does not support.)
    files: ['renderer/**/*.tsx'],
    ...jsxA11y.configs.recommended,
  },
  {
    // Small modules and functions in the product: a file is read in one sitting, a function on
    // one screen. React components (.tsx) are mostly markup and may run longer as functions.
    files: ['main/**/*.{ts,tsx}', 'common/**/*.ts', 'preload/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    rules: { 'max-lines': ['error', { max: 400 }] },
  },
  {
    files: ['main/**/*.ts', 'common/**/*.ts', 'preload/**/*.ts', 'renderer/**/*.ts'],
    rules: {
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // Tests read FeedAMP's and the database's answers as loose JSON on purpose (a fake, a
    // malformed body, a row); their assertions are what check the shape.
    files: ['test/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    // Plain JavaScript (scripts, config files) is in no TypeScript project.
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
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
    files: ['preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/main', '**/main/**'],
              message:
                'The preload and the contract load in the page too: share code through common/, never main/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['common/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ELECTRON_ONLY.paths,
          patterns: [
            {
              group: NODE_ONLY,
              message: 'common/ runs in the page too: no Node built-ins, no network.',
            },
            {
              group: [
                '**/main',
                '**/main/**',
                '**/renderer/**',
                '**/preload/**',
                'react',
                'zustand',
              ],
              message:
                'common/ is the bottom layer: the other folders import it, never the reverse.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location'].map(
          (name) => ({ name, message: 'common/ runs in Node too: no DOM.' }),
        ),
        ...['process', 'Buffer', 'require', '__dirname', '__filename', 'global'].map((name) => ({
          name,
          message: 'common/ runs in the page too: no Node globals.',
        })),
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
                'The client must not share code with the sandbox: a misunderstanding on one side would hide on the other.',
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
              group: ['**/feedamp', '**/feedamp/**'],
              message:
                'The sandbox may share only the read-only value lists (common/feedamp-enums.ts) with the client.',
            },
          ],
        },
      ],
    },
  },
);
