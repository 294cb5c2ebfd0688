import { spawn } from 'node:child_process';
import { mkdtempSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Journal } from '../../../main/station/storage/journal';

const stateSchema = z.object({ values: z.array(z.number()) });
const open = (dir: string) =>
  Journal.open({
    dir,
    name: 'crash',
    snapshotSchema: stateSchema.extend({ count: z.number() }),
    recordSchema: z.number(),
  });
const tmp = () => mkdtempSync(join(tmpdir(), 'journal-'));

describe('durable journal', () => {
  it('gives back every appended record, in order, after reopening', async () => {
    const dir = tmp();
    const first = await open(dir);
    await Promise.all([1, 2, 3].map((n) => first.journal.append(n)));
    await first.journal.close();
    const again = await open(dir);
    expect(again.records).toEqual([1, 2, 3]);
    await again.journal.close();
  });

  it('keeps records appended while a compaction runs, and drops none it folded in', async () => {
    const dir = tmp();
    const { journal } = await open(dir);
    await journal.appendMany([1, 2]);
    const compaction = journal.compact({ count: 2, values: [1, 2] });
    const late = journal.append(3);
    await Promise.all([compaction, late]);
    await journal.close();
    const again = await open(dir);
    expect([...again.snapshot!.values, ...again.records]).toEqual([1, 2, 3]);
    await again.journal.close();
  });

  it('keeps names in any script through a snapshot (written as ASCII escapes)', async () => {
    const dir = tmp();
    const names = z.object({ values: z.array(z.number()), count: z.number(), who: z.string() });
    const first = await Journal.open({
      dir,
      name: 'names',
      snapshotSchema: names,
      recordSchema: z.number(),
    });
    await first.journal.compact({ values: [], count: 0, who: 'Noah Müller, 李雷 😀' });
    await first.journal.close();
    const { readFileSync } = await import('node:fs');
    const { isAscii } = await import('node:buffer');
    expect(isAscii(readFileSync(join(dir, 'names.snapshot.json')))).toBe(true);
    const again = await Journal.open({
      dir,
      name: 'names',
      snapshotSchema: names,
      recordSchema: z.number(),
    });
    expect(again.snapshot?.who).toBe('Noah Müller, 李雷 😀');
    await again.journal.close();
  });

  it('cuts a torn last line instead of reading it, and keeps appending after it', async () => {
    const dir = tmp();
    const { journal } = await open(dir);
    await journal.appendMany([1, 2, 3]);
    await journal.close();
    const path = join(dir, 'crash.journal');
    truncateSync(path, statSync(path).size - 5);
    const repaired = await open(dir);
    expect(repaired.records).toEqual([1, 2]);
    expect(repaired.repairedBytes).toBeGreaterThan(0);
    await repaired.journal.append(4);
    await repaired.journal.close();
    const last = await open(dir);
    expect(last.records).toEqual([1, 2, 4]);
    await last.journal.close();
  });

  it('refuses a line whose checksum does not match', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'crash.journal'), '00000000 [1,1]\n');
    const opened = await open(dir);
    expect(opened.records).toEqual([]);
    await opened.journal.close();
  });

  it('loses no acknowledged record and repeats none across 25 SIGKILLs', async () => {
    const dir = tmp();
    let acked = 0;
    for (let round = 0; round < 25; round++) {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'test/unit/storage/journal-child.ts', dir],
        {
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      let out = '';
      await new Promise<void>((resolve) => {
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const acks = [...out.matchAll(/acked (\d+)/g)];
          if (acks.length > 0) acked = Math.max(acked, Number(acks.at(-1)![1]));
          // Kill at a random moment once it is writing.
          if (acks.length >= 1 + Math.floor(Math.random() * 40)) child.kill('SIGKILL');
        });
        child.on('exit', () => resolve());
      });
      const { snapshot, records, journal } = await open(dir);
      const values = [...(snapshot?.values ?? []), ...records];
      await journal.close();
      // Every value 1..n exactly once, in order, and n covers everything acknowledged.
      expect(values.length).toBeGreaterThanOrEqual(acked);
      expect(values).toEqual(Array.from({ length: values.length }, (_, i) => i + 1));
    }
    // 25 child processes, each loading tsx: about 1 s each on a quiet machine, up to 10 s on a
    // busy 2-core one.
  }, 300_000);
});
