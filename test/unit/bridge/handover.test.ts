// How browser mode hands the per-launch secret to Chromium: never on its command line (any
// local user can read that), only through a page no other user can read, gone once used.
import { EventEmitter } from 'node:events';
import type { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { openAppWindow, writeHandoverPage } from '../../../main/browser-handover';
import type { Handlers } from '../../../main/bridge/dispatch';
import { EventBus } from '../../../main/bridge/events';
import { HttpBridge, parseRequestTarget } from '../../../main/bridge/http-adapter';
import { silentLogger } from '../../../main/log';

const SECRET = 'Zm9vYmFyYmF6cXV4LXNlY3JldC1zZWNyZXQ';
const URL_WITH_SECRET = `http://127.0.0.1:43123/#secret=${SECRET}`;

function fakeSpawn(failWith?: Error) {
  const launches: Array<{ command: string; args: string[] }> = [];
  const fn = ((command: string, args: string[]) => {
    launches.push({ command, args });
    const child = Object.assign(new EventEmitter(), { unref() {} });
    if (failWith) setImmediate(() => child.emit('error', failWith));
    return child;
  }) as unknown as typeof spawn;
  return { fn, launches };
}

function open(dataDir: string, spawnFn: typeof spawn, env: NodeJS.ProcessEnv = { DISPLAY: ':0' }) {
  const said: string[] = [];
  const page = openAppWindow({
    url: URL_WITH_SECRET,
    dataDir,
    log: silentLogger,
    spawn: spawnFn,
    env,
    platform: 'linux',
    chromium: '/usr/bin/chromium',
    say: (line) => said.push(line),
  });
  return { page, said };
}

let server: Server | undefined;
afterEach(async () => {
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  server = undefined;
});

describe('browser mode opening its page', () => {
  it('starts Chromium with a file path and no secret on the command line', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'packline-open-'));
    const { fn, launches } = fakeSpawn();
    const { page } = open(dataDir, fn);
    expect(launches).toHaveLength(1);
    const { command, args } = launches[0]!;
    expect(command).toBe('/usr/bin/chromium');
    expect([command, ...args].join(' ')).not.toContain(SECRET);
    expect(args[0]).toMatch(/^--app=file:\/\//);
    const file = fileURLToPath(args[0]!.slice('--app='.length));
    expect(file).toBe(page!.path);
    // Only this OS user can read the page, in a folder only this user can list.
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'launch')).mode & 0o777).toBe(0o700);
    expect(readFileSync(file, 'utf8')).toContain(`location.replace("${URL_WITH_SECRET}")`);
  });

  it('writes nothing when there is no display, and says to open the printed address', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'packline-open-'));
    const { fn, launches } = fakeSpawn();
    const { page, said } = open(dataDir, fn, {});
    expect(page).toBeNull();
    expect(launches).toHaveLength(0);
    expect(existsSync(join(dataDir, 'launch'))).toBe(false);
    expect(said.join()).toMatch(/open the address above/);
  });

  it('deletes the page when Chromium cannot start', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'packline-open-'));
    const { fn } = fakeSpawn(new Error('ENOENT'));
    const { page, said } = open(dataDir, fn);
    await expect.poll(() => existsSync(page!.path)).toBe(false);
    expect(said.join()).toMatch(/Chromium did not start/);
  });

  it('tidies a page left behind by a run that was killed, and keeps a fresh one', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'packline-open-'));
    const old = writeHandoverPage(dataDir, URL_WITH_SECRET);
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(old.path, hourAgo, hourAgo);
    const recent = writeHandoverPage(dataDir, URL_WITH_SECRET);
    writeHandoverPage(dataDir, URL_WITH_SECRET);
    expect(existsSync(old.path)).toBe(false);
    expect(existsSync(recent.path)).toBe(true);
  });

  it('is deleted on the first request that carries the secret, not on a guess', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'packline-open-'));
    const page = writeHandoverPage(dataDir, URL_WITH_SECRET);
    const handlers = {
      'app.info': () => ({ version: '1', mode: 'browser', dataDir }),
    } as Partial<Handlers> as Handlers;
    const bridge = new HttpBridge({
      handlers,
      bus: new EventBus(),
      log: silentLogger,
      secret: SECRET,
      onSecretUsed: () => page.remove(),
    });
    server = createServer((req, res) => {
      bridge.handle(parseRequestTarget(req.url)!, req, res);
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const callWith = async (secret: string) => {
      const res = await request(`${origin}/bridge/call/app.info`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-packline-secret': secret },
        body: '{}',
      });
      await res.body.dump();
      return res.statusCode;
    };
    expect(await callWith('guess')).toBe(403);
    expect(existsSync(page.path)).toBe(true);
    expect(await callWith(SECRET)).toBe(200);
    expect(existsSync(page.path)).toBe(false);
    bridge.close();
  });
});
