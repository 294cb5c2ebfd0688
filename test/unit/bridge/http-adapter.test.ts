import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { createCore, type Core } from '../../../main/core';
import { startHost, type RunningHost } from '../../../main/host-server';
import { silentLogger } from '../../../main/log';

let core: Core | undefined;
let host: RunningHost | undefined;
afterEach(async () => {
  await host?.close();
  await core?.dispose();
});

async function start(heartbeatMs = 60_000) {
  const rendererDir = mkdtempSync(join(tmpdir(), 'renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Packline</title>');
  core = await createCore({
    info: { version: '9.9.9', mode: 'browser', dataDir: '/d' },
    log: silentLogger,
    heartbeatMs,
  });
  host = await startHost({ core, log: silentLogger, rendererDir, secret: 's3cret' });
  return host;
}

function call(h: RunningHost, headers: Record<string, string>, body = '{}') {
  return request(`${h.origin}/bridge/call/app.info`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
}

describe('browser-mode http adapter', () => {
  it('answers a call carrying the secret', async () => {
    const h = await start();
    const res = await call(h, { 'x-packline-secret': 's3cret' });
    expect(await res.body.json()).toEqual({
      ok: true,
      result: { version: '9.9.9', mode: 'browser', dataDir: '/d' },
    });
  });

  it('refuses a call without the secret or with a wrong one', async () => {
    const h = await start();
    for (const headers of [{}, { 'x-packline-secret': 'guess' }] as Record<string, string>[]) {
      const res = await call(h, headers);
      expect(res.statusCode).toBe(403);
      expect(await res.body.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  it('refuses a foreign Origin even with the secret', async () => {
    const h = await start();
    const res = await call(h, { 'x-packline-secret': 's3cret', origin: 'http://evil.example' });
    expect(res.statusCode).toBe(403);
    await res.body.dump();
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const h = await start();
    const res = await call(h, { 'x-packline-secret': 's3cret', host: `evil.example:${h.port}` });
    expect(res.statusCode).toBe(403);
    await res.body.dump();
  });

  it('rejects bad input with BAD_INPUT', async () => {
    const h = await start();
    const res = await call(h, { 'x-packline-secret': 's3cret' }, '{"version":"2"}');
    expect(await res.body.json()).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });

  it('streams events to a page holding the secret, and not to one without', async () => {
    const h = await start(50);
    const refused = await request(`${h.origin}/bridge/events`);
    expect(refused.statusCode).toBe(403);
    await refused.body.dump();
    const res = await request(`${h.origin}/bridge/events?secret=s3cret`);
    let text = '';
    for await (const chunk of res.body) {
      text += chunk.toString();
      if (text.includes('event: app.heartbeat')) break;
    }
    expect(text).toMatch(/event: app.heartbeat\ndata: \{"at":/);
    res.body.destroy();
  });

  it('binds to loopback only', async () => {
    const h = await start();
    expect(h.server.address()).toMatchObject({ address: '127.0.0.1' });
  });
});
