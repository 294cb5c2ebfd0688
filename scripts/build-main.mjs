// Bundles the Node/Electron side with esbuild: browser-mode host (ESM), Electron main (ESM),
// preload (CommonJS: a sandboxed preload cannot load ES modules), and the sandbox CLI.
import { Buffer } from 'node:buffer';
import { cpSync } from 'node:fs';
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
};

/**
 * The contract's method names, read from the contract itself at build time. The preload
 * refuses any other channel, and gets the list as a constant so it stays free of zod.
 */
async function contractMethodNames() {
  const result = await build({
    entryPoints: ['preload/contract.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    logLevel: 'warning',
  });
  const code = result.outputFiles[0].text;
  const contract = await import(
    `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`
  );
  return contract.METHOD_NAMES;
}

const methodNames = await contractMethodNames();

await Promise.all([
  build({
    ...common,
    entryPoints: { host: 'main/host.ts', electron: 'main/electron.ts' },
    outdir: 'dist/main',
    format: 'esm',
    packages: 'external',
  }),
  build({
    ...common,
    entryPoints: { index: 'preload/index.ts' },
    outdir: 'dist/preload',
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    external: ['electron'],
    define: { PACKLINE_METHOD_NAMES: JSON.stringify(methodNames) },
  }),
]);

// The warehouse schema's numbered SQL files, read at run time beside the bundle.
cpSync('main/station/warehouse/migrations', 'dist/main/warehouse-migrations', { recursive: true });
