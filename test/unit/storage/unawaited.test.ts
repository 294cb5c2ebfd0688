import { spawnSync } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../main/log';
import { createFileSink } from '../../../main/station/logs/file-sink';

const child = (kind: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'test/unit/storage/unawaited-child.ts', kind], {
    timeout: 30_000,
  });

describe('a refused write nobody awaited', () => {
  it('does not end the process', () => {
    const run = child('storage');
    expect(run.status).toBe(0);
    expect(run.stdout.toString()).toBe('alive\n');
  });

  it('while any other unhandled rejection still does', () => {
    const run = child('bug');
    expect(run.status).not.toBe(0);
    expect(run.stdout.toString()).toBe('');
    expect(run.stderr.toString()).toContain('a bug');
  });
});

describe.skipIf(process.platform !== 'linux')('the log on a full disk', () => {
  it('drops lines instead of throwing, and says so once on stderr', () => {
    const dir = mkdtempSync(join(tmpdir(), 'log-full-'));
    // /dev/full answers every write with ENOSPC.
    symlinkSync('/dev/full', join(dir, 'packline.log'));
    const said: string[] = [];
    const sink = createFileSink({ dir, stderr: (line) => said.push(line) });
    const log = createLogger(sink.write);
    expect(() => {
      for (let i = 0; i < 5; i++) log.error('could not queue', { order_id: `FA-${i}` });
    }).not.toThrow();
    expect(said).toHaveLength(1);
    expect(said[0]).toContain('the log file stopped taking lines (ENOSPC)');
    sink.close();
  });

  it('keeps a logger alive whose writer throws', () => {
    const log = createLogger(() => {
      throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
    });
    expect(() => log.error('anything')).not.toThrow();
  });
});
