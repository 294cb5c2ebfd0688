// Both modes through the real core: every log line lands in <data dir>/logs/packline.log, and
// the support.saveDiagnostics bridge method writes the zip and answers with its path.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../main/bridge/dispatch';
import { createCore } from '../../../main/core';
import { silentLogger } from '../../../main/log';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('support', () => {
  it('logs to the data folder and saves diagnostics through the bridge', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'packline-support-'));
    dirs.push(dataDir);
    const core = await createCore({
      info: { version: '0.1.0', mode: 'browser', dataDir },
      log: silentLogger,
      heartbeatMs: 60_000,
    });
    try {
      core.log.info('packed', { order_id: 'FA-1', shipping_address: { city: 'Springfield' } });
      const reply = await dispatch(core.handlers, 'support.saveDiagnostics', {}, silentLogger);
      expect(reply.ok).toBe(true);
      const path = reply.ok ? (reply.result as { path: string }).path : '';
      expect(path.startsWith(join(dataDir, 'diagnostics'))).toBe(true);
      expect(existsSync(path)).toBe(true);
      const log = readFileSync(join(dataDir, 'logs', 'packline.log'), 'utf8');
      expect(log).toContain('FA-1');
      expect(log).not.toContain('Springfield');
    } finally {
      await core.dispose();
    }
  });
});
