// Starts the FeedAMP sandbox in its own process (as `npm run sandbox` does), so a test can
// sign in to it for real, take it away and bring it back.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SandboxOptions {
  orders?: number;
  seed?: number;
  user?: string;
  password?: string;
  client?: string;
  /**
   * Keep the sandbox's state in a file, so that `startAgain` after `stop` is FeedAMP going away
   * and coming back with its orders, writes and tokens (without it, it comes back new).
   */
  persist?: boolean;
  /** The first order gets this many lines. */
  bigOrderLines?: number;
}

export interface SandboxProcess {
  url: string;
  port: number;
  user: string;
  password: string;
  client: string;
  stop: () => Promise<void>;
  /** Starts it again on the same port, after `stop`. */
  startAgain: () => Promise<void>;
}

export async function startSandboxProcess(options: SandboxOptions = {}): Promise<SandboxProcess> {
  const user = options.user ?? 'pack1';
  const password = options.password ?? 'right-password';
  const client = options.client ?? '1001';
  const dataFile = options.persist
    ? join(mkdtempSync(join(tmpdir(), 'packline-sandbox-')), 'sandbox.json')
    : undefined;
  const args = (port: number) => [
    'main/sandbox/cli.ts',
    ...['--port', String(port), '--orders', String(options.orders ?? 60)],
    ...['--seed', String(options.seed ?? 7)],
    ...['--user', user, '--password', password, '--client', client],
    ...(dataFile ? ['--data', dataFile] : []),
    ...(options.bigOrderLines ? ['--big-order-lines', String(options.bigOrderLines)] : []),
  ];

  let child = spawn('node_modules/.bin/tsx', args(0), { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await listening(child);
  const port = Number(new URL(url).port);
  return {
    url,
    port,
    user,
    password,
    client,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
    async startAgain() {
      child = spawn('node_modules/.bin/tsx', args(port), { stdio: ['ignore', 'pipe', 'pipe'] });
      await listening(child);
    },
  };
}

/** The address the sandbox prints once it listens. */
function listening(child: ChildProcess): Promise<string> {
  let output = '';
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Sandbox did not start:\n${output}`)), 20_000);
    child.stdout!.on('data', (d: Buffer) => {
      output += d.toString();
      const m = /listening on (http\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`Sandbox exited (${code}):\n${output}`)));
  });
}
