// Bundles the Node/Electron side with esbuild: browser-mode host (ESM), Electron main (ESM),
// preload (CommonJS: a sandboxed preload cannot load ES modules), and the sandbox CLI.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
};

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
  }),
]);
