// Browser-mode entry: `node dist/main/host.js [--port N] [--data-dir DIR] [--open]`.
// Prints one line, `Packline: <url>`; the URL carries the per-launch secret in its fragment.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { version } from '../package.json';
import { openAppWindow, type HandoverPage } from './browser-handover';
import { createCore } from './core';
import { startHost } from './host-server';
import { createLogger } from './log';
import { ensureDataDir, resolveDataDir } from './station/data-dir';
import { DataFolderBusyError } from './station/data-lock';
import { StorageError } from './station/storage/errors';

function rendererDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [
    process.env.PACKLINE_RENDERER_DIR,
    join(here, '../renderer'),
    join(here, '../dist/renderer'),
  ];
  return (
    candidates.find((d): d is string => !!d && existsSync(join(d, 'index.html'))) ??
    join(here, '../renderer')
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      open: { type: 'boolean', default: false },
      browser: { type: 'boolean', default: false }, // accepted: npm start passes it through
    },
    strict: true,
  });
  // `npm run dev` restarts this process on every change to main/ and hands each run the same
  // secret, so the open page keeps working. Through the environment, which only this OS user
  // can read (a command line is visible to all); dropped at once so no child inherits it.
  const devSecret = process.env.PACKLINE_DEV_SECRET;
  delete process.env.PACKLINE_DEV_SECRET;
  if (devSecret !== undefined && !/^[\w-]{32,}$/.test(devSecret)) {
    process.stderr.write('Packline: PACKLINE_DEV_SECRET must be 32 or more letters and digits.\n');
    process.exit(2);
  }
  const log = createLogger();
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(
      `Packline: --port must be a number from 0 to 65535, not "${values.port}".\n`,
    );
    process.exit(2);
  }
  const dataDir = resolveDataDir(values['data-dir']);
  ensureDataDir(dataDir);
  // Tuning knobs for test harnesses (README "Tuning"); the defaults suit a real station.
  const heartbeatMs = Number(process.env.PACKLINE_HEARTBEAT_MS ?? 5_000);
  const settle = process.env.PACKLINE_OUTBOX_SETTLE_MS;
  const core = await createCore({
    info: { version, mode: 'browser', dataDir },
    log,
    heartbeatMs,
    outboxSettleMs: settle === undefined ? undefined : Number(settle),
  });
  let handover: HandoverPage | null = null;
  const host = await startHost({
    secret: devSecret,
    core,
    log,
    rendererDir: rendererDir(),
    port,
    // The page has the secret now; the file that carried it to Chromium has done its job.
    onSecretUsed: () => handover?.remove(),
  });
  process.stdout.write(`Packline: ${host.url}\n`);
  if (values.open) handover = openAppWindow({ url: host.url, dataDir, log });

  const stop = async () => {
    handover?.remove();
    await host.close();
    await core.dispose();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  // A data folder in use, read-only or missing is said in its own sentence (with what to do).
  const plain = error instanceof StorageError || error instanceof DataFolderBusyError;
  process.stderr.write(plain ? `${message}\n` : `Packline could not start: ${message}\n`);
  process.exit(1);
});
