import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, isPersonalKey, redact, teeWriters } from '../../../main/log';
import { createFileSink, logsDir } from '../../../main/station/logs/file-sink';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'packline-log-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('log redaction', () => {
  it('never writes a customer address, name, email or phone, but keeps order numbers', () => {
    const lines: string[] = [];
    const log = createLogger((l) => lines.push(l));
    log.info('order synced', {
      order_id: 'FA-1001',
      customer_order_number: 'CUST-77',
      shipping_address: { address1: '1 Elm Street', city: 'Springfield', postal_code: '12345' },
      billingAddress: { address1: '9 Oak Road' },
      customer: { full_name: 'Ada Lovelace' },
      email: 'ada@example.com',
      phone: '+1 555 0100',
      lines: [{ sku: 'MUG-1', recipient: 'Ada' }],
    });
    const text = lines.join('\n');
    expect(text).toContain('FA-1001');
    expect(text).toContain('CUST-77');
    expect(text).toContain('MUG-1');
    for (const personal of ['Elm', 'Springfield', '12345', 'Oak', 'Ada', 'example.com', '555']) {
      expect(text).not.toContain(personal);
    }
  });

  it('tells personal keys from order keys', () => {
    for (const key of [
      'address',
      'address1',
      'shipping_address',
      'shippingAddress',
      'email',
      'customer_email',
      'phone_number',
      'full_name',
      'postal_code',
      'customer',
    ])
      expect(isPersonalKey(key), key).toBe(true);
    for (const key of [
      'customer_order_number',
      'order_id',
      'address_type',
      'product_name',
      'marketplace_name',
      'sku',
    ])
      expect(isPersonalKey(key), key).toBe(false);
  });

  it('still replaces secrets and keeps errors readable', () => {
    const out = redact({
      token: 't',
      nested: { client_secret: 's' },
      error: new Error('boom'),
    }) as Record<string, unknown>;
    expect(out.token).toBe('[redacted]');
    expect(out.nested).toEqual({ client_secret: '[redacted]' });
    expect(out.error).toMatchObject({ name: 'Error', message: 'boom' });
  });

  it('keeps writing to the other writers when one fails', () => {
    const got: string[] = [];
    const write = teeWriters(
      () => {
        throw new Error('disk full');
      },
      (l) => got.push(l),
    );
    write('a line');
    expect(got).toEqual(['a line']);
  });
});

describe('log file', () => {
  it('writes JSON lines to <data dir>/logs/packline.log', () => {
    const dataDir = tempDir();
    const sink = createFileSink({ dir: logsDir(dataDir) });
    createLogger(sink.write).info('started', { version: '0.1.0', password: 'hunter2' });
    sink.close();
    expect(sink.path).toBe(join(dataDir, 'logs', 'packline.log'));
    const [line] = readFileSync(sink.path, 'utf8').trim().split('\n');
    expect(JSON.parse(line ?? '')).toMatchObject({
      level: 'info',
      message: 'started',
      version: '0.1.0',
      password: '[redacted]',
    });
  });

  it('rotates by size and keeps only the newest files', () => {
    const dir = tempDir();
    const sink = createFileSink({ dir, maxBytes: 100, keep: 2 });
    for (let i = 0; i < 20; i++) sink.write(`line ${String(i).padStart(2, '0')} ${'x'.repeat(30)}`);
    sink.close();
    expect(readdirSync(dir).sort()).toEqual(['packline.log', 'packline.log.1', 'packline.log.2']);
    for (const name of readdirSync(dir)) {
      expect(readFileSync(join(dir, name)).length).toBeLessThanOrEqual(100);
    }
    // The newest line is in the current file, the one before in .1; older ones are gone.
    expect(readFileSync(join(dir, 'packline.log'), 'utf8')).toContain('line 19');
    expect(readFileSync(join(dir, 'packline.log.1'), 'utf8')).toContain('line 17');
    const all = readdirSync(dir)
      .map((n) => readFileSync(join(dir, n), 'utf8'))
      .join('');
    expect(all).not.toContain('line 00');
  });

  it('appends to the file an earlier run left', () => {
    const dir = tempDir();
    const first = createFileSink({ dir });
    first.write('from run one');
    first.close();
    const second = createFileSink({ dir });
    second.write('from run two');
    second.close();
    expect(readFileSync(second.path, 'utf8')).toBe('from run one\nfrom run two\n');
    expect(existsSync(`${second.path}.1`)).toBe(false);
  });
});
