import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { open as openFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { silentLogger } from '../../../main/log';
import { createFileSink } from '../../../main/station/logs/file-sink';
import { SettingsService } from '../../../main/station/settings';
import { writeFileAtomic } from '../../../main/station/storage/atomic-file';
import { StorageError } from '../../../main/station/storage/errors';
import { StorageHealth } from '../../../main/station/storage/health';
import { Journal } from '../../../main/station/storage/journal';

const FULL = 'The disk is full — nothing was queued. Free some space and scan Ship again.';
const record = z.object({ n: z.number(), pad: z.string() });
const open = (dir: string) =>
  Journal.open({
    dir,
    name: 'outbox',
    snapshotSchema: z.object({ entries: z.array(record) }),
    recordSchema: record,
  });
const tmp = () => mkdtempSync(join(tmpdir(), 'disk-full-'));
const enospc = () =>
  Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
const leftovers = (dir: string) => readdirSync(dir).filter((n) => n.endsWith('.tmp'));

/** The prototype every FileHandle shares: the one place to inject a failing write. */
async function fileHandlePrototype(dir: string) {
  const handle = await openFile(join(dir, 'probe'), 'w');
  const proto = Object.getPrototypeOf(handle) as {
    appendFile: (data: string) => Promise<void>;
    writeFile: (data: string | Uint8Array) => Promise<void>;
  };
  await handle.close();
  return proto;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a write the disk refuses (injected ENOSPC)', () => {
  it('is refused with the sentence, loses no acknowledged record and keeps none of its own', async () => {
    const dir = tmp();
    const health = new StorageHealth(dir, silentLogger);
    const proto = await fileHandlePrototype(dir);
    const { journal } = await open(dir);
    const acked: number[] = [];
    for (let n = 1; n <= 5; n++) {
      await journal.append({ n, pad: 'x' });
      acked.push(n);
    }
    // The disk fills in the middle of the next write: half of it lands, then ENOSPC.
    const real = proto.appendFile;
    vi.spyOn(proto, 'appendFile').mockImplementationOnce(async function (
      this: typeof proto,
      data: string,
    ) {
      await real.call(this, data.slice(0, Math.floor(data.length / 2)));
      throw enospc();
    });
    const refused = await journal.append({ n: 6, pad: 'x' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(StorageError);
    expect((refused as StorageError).code).toBe('disk_full');
    expect((refused as StorageError).message).toBe(FULL);
    expect(health.status().problem).toMatchObject({ code: 'disk_full', message: FULL });

    // Space again: the next write succeeds and the header's state clears.
    await journal.append({ n: 7, pad: 'x' });
    acked.push(7);
    expect(health.status().problem).toBeUndefined();
    await journal.close();

    const reopened = await open(dir);
    expect(reopened.records.map((r) => r.n)).toEqual(acked);
    expect(reopened.damaged).toBeUndefined();
    await reopened.journal.close();
    health.dispose();
  });

  it('leaves no temporary file and the old contents when an atomic write fails', async () => {
    const dir = tmp();
    const proto = await fileHandlePrototype(dir);
    await writeFileAtomic(join(dir, 'vault.json'), 'old');
    vi.spyOn(proto, 'writeFile').mockRejectedValueOnce(enospc());
    const error = await writeFileAtomic(join(dir, 'vault.json'), 'new').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect(leftovers(dir)).toEqual([]);
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(join(dir, 'vault.json'), 'utf8')).toBe('old');
  });
});

/** A real 1 MB disk: a tmpfs, where this process may mount one (root, mount allowed). */
function mountTinyDisk(): { dir: string; unmount: () => void } | string {
  if (process.platform !== 'linux') return 'tmpfs needs Linux';
  if (process.getuid?.() !== 0) return 'mounting a tmpfs needs root';
  const dir = mkdtempSync(join(tmpdir(), 'tiny-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    return `mount is not allowed here (${(error as Error).message.split('\n')[0]})`;
  }
  return {
    dir,
    unmount: () => {
      // Lazy: a handle a failed assertion left open must not keep the mount.
      execFileSync('umount', ['-l', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const disk = mountTinyDisk();
if (typeof disk === 'string') console.warn(`Skipping the real full-disk tests: ${disk}`);

describe.skipIf(typeof disk === 'string')('a real 1 MB disk filling up', () => {
  it('refuses the write that does not fit, keeps every acknowledged one, and stays alive', async () => {
    if (typeof disk === 'string') return;
    try {
      const dir = join(disk.dir, 'data');
      mkdirSync(dir);
      // Something else on the disk, deleted later to "free some space".
      const filler = join(disk.dir, 'someone-elses-file');
      writeFileSync(filler, Buffer.alloc(128 * 1024));
      const health = new StorageHealth(dir, silentLogger);
      const sink = createFileSink({ dir: join(dir, 'logs'), stderr: () => undefined });
      const settings = new SettingsService(dir, silentLogger);
      const { journal } = await open(dir);
      const acked: number[] = [];
      const pad = 'p'.repeat(2000);
      let refused: unknown;
      for (let n = 1; n < 2000 && !refused; n++) {
        try {
          await journal.append({ n, pad });
          acked.push(n);
        } catch (error) {
          refused = error;
        }
      }
      expect(acked.length).toBeGreaterThan(100);
      expect(refused).toBeInstanceOf(StorageError);
      expect((refused as StorageError).message).toBe(FULL);
      expect(health.status().problem?.code).toBe('disk_full');

      // Everything else refuses politely too; nothing throws past its caller.
      expect(() => sink.write('{"level":"info","message":"still logging"}')).not.toThrow();
      expect(() => settings.update({ stationName: 'Bench 7' })).toThrow(
        'The disk is full — the settings were not saved. Free some space and save them again.',
      );
      expect(settings.get().stationName).not.toBe('Bench 7');
      await expect(journal.compact({ entries: [] })).rejects.toBeInstanceOf(StorageError);
      await expect(journal.append({ n: 99999, pad })).rejects.toThrow(FULL);
      expect(leftovers(dir)).toEqual([]);

      await journal.close();
      const reopened = await open(dir);
      expect(reopened.records.map((r) => r.n)).toEqual(acked);
      expect(reopened.damaged).toBeUndefined();

      // Free space: the next write goes through and the header's red state clears.
      rmSync(filler);
      await reopened.journal.append({ n: acked.length + 1, pad: 'x' });
      expect(health.status().problem).toBeUndefined();
      await reopened.journal.close();
      sink.close();
      health.dispose();
    } finally {
      disk.unmount();
    }
  });
});
