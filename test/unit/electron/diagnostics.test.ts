import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { saveDiagnostics } from '../../../main/station/diagnostics';
import { zipEntries } from '../../../main/station/logs/zip-writer';

/** Reads a zip through its central directory, as an unzip tool would. */
function readZip(zip: Buffer): Map<string, string> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const files = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const body = zip.subarray(dataStart, dataStart + size);
    files.set(name, (method === 8 ? inflateRawSync(body) : body).toString('utf8'));
    at += 46 + nameLength;
  }
  return files;
}

const hasUnzip = (() => {
  try {
    execFileSync('unzip', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('zip writer', () => {
  it('writes entries an unzip tool reads back byte for byte', () => {
    const big = 'packline '.repeat(2000);
    const zip = zipEntries([
      { name: 'a.txt', data: 'hello' },
      { name: 'logs/packline.log', data: big },
      { name: 'bin', data: new Uint8Array([0, 1, 2, 255]) },
    ]);
    const files = readZip(zip);
    expect(files.get('a.txt')).toBe('hello');
    expect(files.get('logs/packline.log')).toBe(big);
    expect(zip.length).toBeLessThan(big.length / 10); // deflated
    if (hasUnzip) {
      const dir = mkdtempSync(join(tmpdir(), 'packline-zip-'));
      dirs.push(dir);
      writeFileSync(join(dir, 't.zip'), zip);
      expect(execFileSync('unzip', ['-t', join(dir, 't.zip')]).toString()).toContain(
        'No errors detected',
      );
    }
  });

  it('refuses names that would escape the folder it is unpacked into', () => {
    expect(() => zipEntries([{ name: '../evil', data: 'x' }])).toThrow(/Invalid zip entry/);
    expect(() => zipEntries([{ name: '/etc/passwd', data: 'x' }])).toThrow(/Invalid zip entry/);
  });
});

describe('Save diagnostics', () => {
  it('zips logs, settings without secrets or addresses, and the outbox summary', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'packline-diag-'));
    dirs.push(dataDir);
    mkdirSync(join(dataDir, 'logs'));
    writeFileSync(join(dataDir, 'logs', 'packline.log'), '{"message":"now"}\n');
    writeFileSync(join(dataDir, 'logs', 'packline.log.1'), '{"message":"before"}\n');
    writeFileSync(join(dataDir, 'logs', 'other.txt'), 'not a log');

    const path = await saveDiagnostics({
      info: { version: '0.1.0', mode: 'electron', dataDir },
      readSettings: async () => ({
        feedamp: { username: 'pack1', password: 'hunter2', token: 'tok-9', clientId: 'c1' },
        returnAddress: { address1: '1 Elm Street' },
        scanner: { gapMs: 35 },
      }),
      outboxSummary: async () => ({ queued: 3, needsAttention: 1 }),
      now: () => new Date(2026, 0, 2, 3, 4, 5),
    });

    expect(path).toBe(join(dataDir, 'diagnostics', 'packline-diagnostics-20260102-030405.zip'));
    expect(readdirSync(join(dataDir, 'diagnostics'))).toEqual([
      'packline-diagnostics-20260102-030405.zip',
    ]);
    const files = readZip(readFileSync(path));
    expect([...files.keys()].sort()).toEqual([
      'about.json',
      'logs/packline.log',
      'logs/packline.log.1',
      'outbox-summary.json',
      'settings.json',
    ]);
    const settings = files.get('settings.json') ?? '';
    expect(JSON.parse(settings)).toEqual({
      feedamp: { username: 'pack1', password: '[redacted]', token: '[redacted]', clientId: 'c1' },
      scanner: { gapMs: 35 },
    });
    expect(JSON.parse(files.get('outbox-summary.json') ?? '')).toEqual({
      queued: 3,
      needsAttention: 1,
    });
    expect(JSON.parse(files.get('about.json') ?? '')).toMatchObject({
      version: '0.1.0',
      mode: 'electron',
    });
    expect(files.get('logs/packline.log.1')).toContain('before');
    expect(existsSync(`${path}.partial`)).toBe(false);
  });
});
