import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Journal } from '../../../main/station/storage/journal';
import { onStorageEvent, type StorageEvent } from '../../../main/station/storage/health';
import { StorageHealth } from '../../../main/station/storage/health';
import { silentLogger } from '../../../main/log';

const record = z.object({ n: z.number(), order: z.string() });
const open = (dir: string) =>
  Journal.open({
    dir,
    name: 'outbox',
    snapshotSchema: z.object({ entries: z.array(record) }),
    recordSchema: record,
  });
const tmp = () => mkdtempSync(join(tmpdir(), 'journal-damage-'));

async function writeRecords(dir: string, count: number): Promise<void> {
  const { journal } = await open(dir);
  for (let n = 1; n <= count; n += 50) {
    const batch = [];
    for (let k = n; k < Math.min(n + 50, count + 1); k++) batch.push({ n: k, order: `PO-${k}` });
    await journal.appendMany(batch);
  }
  await journal.close();
}

/** The byte offset where line `index` (0-based) starts. */
function lineStart(bytes: Buffer, index: number): number {
  let offset = 0;
  for (let i = 0; i < index; i++) offset = bytes.indexOf(0x0a, offset) + 1;
  return offset;
}

const offs: Array<() => void> = [];
afterEach(() => offs.splice(0).forEach((off) => off()));

describe('a damaged record in the middle of a journal', () => {
  it('costs that record only: every other one is recovered and the damaged file is kept', async () => {
    const dir = tmp();
    await writeRecords(dir, 313);
    const path = join(dir, 'outbox.journal');
    const original = readFileSync(path);
    const damaged = Buffer.from(original);
    // Flip one byte inside record 157's JSON (line 156), as a bad sector would.
    const at = lineStart(damaged, 156) + 20;
    damaged[at] = damaged[at]! ^ 0x04;
    writeFileSync(path, damaged);

    const events: StorageEvent[] = [];
    offs.push(onStorageEvent((e) => events.push(e)));
    const health = new StorageHealth(dir, silentLogger);
    offs.push(() => health.dispose());

    const reopened = await open(dir);
    const numbers = reopened.records.map((r) => r.n);
    expect(numbers).toHaveLength(312);
    expect(numbers).not.toContain(157);
    expect(numbers).toEqual([...Array(313).keys()].map((i) => i + 1).filter((n) => n !== 157));
    expect(reopened.damaged).toMatchObject({ unreadable: 1, recovered: 312 });

    // The damaged file is kept byte for byte beside the journal, for a support person.
    const copies = readdirSync(dir).filter((n) => n.startsWith('outbox.journal.damaged-'));
    expect(copies).toEqual([reopened.damaged!.copy]);
    expect(readFileSync(join(dir, copies[0]!)).equals(damaged)).toBe(true);

    // What the packer reads, once.
    const notice = health.status().notices;
    expect(notice).toHaveLength(1);
    expect(notice[0]!.message).toBe(
      `The upload queue file was damaged; 1 record could not be read and was kept in ${copies[0]}; 312 were recovered.`,
    );
    expect(events.filter((e) => e.kind === 'damaged')).toHaveLength(1);

    // Later appends land after the recovered ones, and the next start finds nothing damaged.
    await reopened.journal.append({ n: 314, order: 'PO-314' });
    await reopened.journal.close();
    const again = await open(dir);
    expect(again.damaged).toBeUndefined();
    expect(again.records.map((r) => r.n)).toEqual([...numbers, 314]);
    await again.journal.close();
  });

  it('finds the next good record behind a newline that was damaged too', async () => {
    const dir = tmp();
    await writeRecords(dir, 10);
    const path = join(dir, 'outbox.journal');
    const bytes = readFileSync(path);
    // The newline ending record 4 becomes another byte: records 4 and 5 run together.
    const end = lineStart(bytes, 4) - 1;
    bytes[end] = 0x20;
    writeFileSync(path, bytes);
    const reopened = await open(dir);
    expect(reopened.records.map((r) => r.n)).toEqual([1, 2, 3, 5, 6, 7, 8, 9, 10]);
    expect(reopened.damaged?.unreadable).toBe(1);
    await reopened.journal.close();
  });

  it('still treats a cut-off last line as a torn write: cut, with no damage notice', async () => {
    const dir = tmp();
    await writeRecords(dir, 5);
    const path = join(dir, 'outbox.journal');
    const bytes = readFileSync(path);
    writeFileSync(path, bytes.subarray(0, bytes.length - 7));
    const reopened = await open(dir);
    expect(reopened.records.map((r) => r.n)).toEqual([1, 2, 3, 4]);
    expect(reopened.damaged).toBeUndefined();
    expect(reopened.repairedBytes).toBeGreaterThan(0);
    expect(readdirSync(dir).some((n) => n.includes('damaged'))).toBe(false);
    await reopened.journal.close();
    expect(existsSync(path)).toBe(true);
  });
});
