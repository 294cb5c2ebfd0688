// `npm run dev`: browser mode that rebuilds on every change and reloads the page.
//   - the renderer: Vite's build in watch mode (the same config as `npm run build`);
//   - the host (main/host.ts and all it imports): esbuild in watch mode; each good build
//     restarts the host on the same port with the same per-launch secret;
//   - the page polls a tiny build-id file and reloads when either side has rebuilt.
// The page is still served by the host itself, so the secret, the Host/Origin checks and the
// Content-Security-Policy are exactly those of `npm start`; the poller is a same-origin file.
// Everything goes to dist/dev/, so a dev session never changes the build the tests use.
//
// Options: --port N (default: a free port, kept across restarts), --data-dir DIR, --open.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { context } from 'esbuild';
import { build as viteBuild } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'dist/dev');
const rendererOut = join(out, 'renderer');
const BUILD_ID_FILE = 'dev-build.json';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    'data-dir': { type: 'string' },
    open: { type: 'boolean', default: false },
  },
  strict: true,
});

const say = (line) => process.stdout.write(`dev: ${line}\n`);

/** A port that stays the page's address across host restarts. */
async function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

const port = values.port ?? String(await freePort());
const secret = randomBytes(24).toString('base64url');

/** Written after each rebuild or restart; a new id makes the open page reload. */
function bumpBuildId() {
  mkdirSync(rendererOut, { recursive: true });
  writeFileSync(
    join(rendererOut, BUILD_ID_FILE),
    JSON.stringify({ id: randomBytes(8).toString('hex') }),
  );
}

// Loaded only by the dev build of index.html. A plain same-origin script: the page's CSP
// (script-src 'self', connect-src 'self') allows it as it is.
const POLLER = `(() => {
  let seen;
  const check = async () => {
    try {
      const res = await fetch('./${BUILD_ID_FILE}', { cache: 'no-store' });
      const { id } = await res.json();
      if (typeof id === 'string') {
        if (seen !== undefined && id !== seen) return location.reload();
        seen = id;
      }
    } catch {
      // The host is restarting or the renderer is being written: ask again shortly.
    }
    setTimeout(check, 300);
  };
  check();
})();
`;

/** Vite plugin: the poller in the main page only, and a new build id once files are written. */
const devReload = {
  name: 'packline-dev-reload',
  transformIndexHtml: {
    order: 'post',
    handler(html, ctx) {
      if (!ctx.filename.endsWith('renderer/index.html')) return html;
      return html.replace('</head>', '    <script src="./dev-reload.js"></script>\n  </head>');
    },
  },
  generateBundle() {
    this.emitFile({ type: 'asset', fileName: 'dev-reload.js', source: POLLER });
  },
  writeBundle() {
    bumpBuildId();
    say('renderer rebuilt');
  },
};

let host = null;
let hostExit = null;
let stopping = false;

async function stopHost() {
  if (!host) return;
  const exited = hostExit;
  host.stoppedByUs = true;
  host.kill('SIGTERM');
  await exited;
}

async function restartHost() {
  await stopHost();
  const args = [join(out, 'main/host.js'), '--port', port];
  if (values['data-dir']) args.push('--data-dir', values['data-dir']);
  if (values.open && !restartHost.opened) args.push('--open');
  restartHost.opened = true;
  const child = spawn(process.execPath, ['--enable-source-maps', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, PACKLINE_DEV_SECRET: secret, PACKLINE_RENDERER_DIR: rendererOut },
  });
  host = child;
  hostExit = new Promise((resolve) => child.once('exit', resolve));
  child.once('exit', (code, signal) => {
    if (host === child) host = null;
    if (!stopping && !child.stoppedByUs)
      say(`the host stopped (${code ?? signal}); save a file to start it again`);
  });
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (text) => {
    process.stdout.write(text);
    // Up and listening: reload the page so it talks to this run.
    if (text.includes('Packline: ')) bumpBuildId();
  });
}

// Read at run time beside the bundle, as in `npm run build`.
cpSync(join(root, 'main/station/warehouse/migrations'), join(out, 'main/warehouse-migrations'), {
  recursive: true,
});

rmSync(rendererOut, { recursive: true, force: true });
const renderer = await viteBuild({
  configFile: join(root, 'vite.config.mts'),
  logLevel: 'warn',
  plugins: [devReload],
  // Emptied once here, not on each rebuild: the page polls this folder meanwhile.
  build: { outDir: rendererOut, emptyOutDir: false, watch: {} },
});
// The first renderer build is written before the host starts, so the first page load works.
await new Promise((resolve, reject) => {
  const onEvent = (event) => {
    if (event.code === 'END') resolve();
    if (event.code === 'ERROR') {
      if (!host) reject(event.error);
    }
  };
  renderer.on('event', onEvent);
});

const main = await context({
  entryPoints: { host: join(root, 'main/host.ts') },
  outdir: join(out, 'main'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
  plugins: [
    {
      name: 'restart-host',
      setup(b) {
        b.onEnd(async (result) => {
          if (result.errors.length > 0)
            return say('main has errors; the host keeps running the last good build');
          say('main rebuilt; restarting the host');
          await restartHost();
        });
      },
    },
  ],
});
await main.watch();
say(`watching renderer/, main/, preload/ and common/ — the address stays the same across rebuilds`);

const shutdown = async () => {
  stopping = true;
  await main.dispose();
  await renderer.close();
  await stopHost();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
