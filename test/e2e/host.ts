// Starts Packline in browser mode as a user would (the built bundle, a child process) and
// hands the test the URL it prints.
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SECRET_HEADER } from '../../preload/channels';

export interface BrowserModeApp {
  url: string;
  origin: string;
  secret: string;
  dataDir: string;
  process: ChildProcess;
  stderr: () => string;
  stop: () => Promise<void>;
}

/** A data folder (a fresh temporary one if not given), extra environment, extra arguments. */
export interface LaunchOptions {
  dataDir?: string;
  env?: Record<string, string>;
  args?: string[];
}

export async function launchBrowserMode(options: LaunchOptions = {}): Promise<BrowserModeApp> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'packline-e2e-'));
  const child = spawn(
    process.execPath,
    ['dist/main/host.js', '--data-dir', dataDir, ...(options.args ?? [])],
    {
      env: { ...process.env, PACKLINE_HEARTBEAT_MS: '300', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Packline did not print its URL:\n${stdout}\n${stderr}`)),
      // Generous: on a loaded 2-core machine with two workers a start can take many seconds;
      // start-up time itself is measured by the bench, not here.
      45_000,
    );
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = /^Packline: (http\S+)$/m.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) =>
      reject(new Error(`Packline exited (${code}):\n${stdout}\n${stderr}`)),
    );
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    secret: new URLSearchParams(parsed.hash.slice(1)).get('secret') ?? '',
    dataDir,
    process: child,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** What main answers a bridge call, refusals included (for tests that expect one). */
export interface BridgeReply<T> {
  ok: boolean;
  result: T;
  error?: { code?: string; message?: string };
}

export async function bridgeReply<T>(
  from: Page | APIRequestContext,
  app: BrowserModeApp,
  method: string,
  input: object = {},
): Promise<BridgeReply<T>> {
  const request = 'post' in from ? from : from.request;
  const res = await request.post(`${app.origin}/bridge/call/${method}`, {
    data: input,
    headers: { [SECRET_HEADER]: app.secret },
  });
  return (await res.json()) as BridgeReply<T>;
}

/**
 * Asks the running Packline over its bridge (what main holds, to compare with what the page
 * shows, or to set a test up quickly); fails the test with main's error if the call is refused.
 */
export async function bridgeCall<T>(
  from: Page | APIRequestContext,
  app: BrowserModeApp,
  method: string,
  input: object = {},
): Promise<T> {
  const reply = await bridgeReply<T>(from, app, method, input);
  expect(reply.ok, JSON.stringify(reply.error)).toBe(true);
  return reply.result;
}
