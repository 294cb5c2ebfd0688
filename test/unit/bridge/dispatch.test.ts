import { describe, expect, it } from 'vitest';
import { BridgeError } from '../../../preload/contract';
import { dispatch, inputTooBig, type Handlers } from '../../../main/bridge/dispatch';
import { createLogger } from '../../../main/log';

const info = { version: '1', mode: 'browser' as const, dataDir: '/d' };

function recordingLogger() {
  const lines: string[] = [];
  return { log: createLogger((line) => lines.push(line)), lines };
}

describe('bridge dispatch', () => {
  it('turns an unknown method into UNKNOWN_METHOD', async () => {
    const { log } = recordingLogger();
    const handlers = { 'app.info': () => info } as Partial<Handlers> as Handlers;
    await expect(dispatch(handlers, 'app.nope', {}, log)).resolves.toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_METHOD' },
    });
  });

  it('passes a BridgeError through as { code, message }', async () => {
    const { log } = recordingLogger();
    const handlers = {
      'app.info': () => {
        throw new BridgeError('FORBIDDEN', 'Not you.');
      },
    } as Partial<Handlers> as Handlers;
    await expect(dispatch(handlers, 'app.info', {}, log)).resolves.toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Not you.' },
    });
  });

  it('hides an unexpected failure behind one sentence and logs the details', async () => {
    const { log, lines } = recordingLogger();
    const handlers = {
      'app.info': () => {
        throw new Error('stack details at line 42');
      },
    } as Partial<Handlers> as Handlers;
    const reply = await dispatch(handlers, 'app.info', {}, log);
    expect(reply).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(reply)).not.toContain('line 42');
    expect(lines.join()).toContain('line 42');
  });
});

describe('bridge input limits (both transports)', () => {
  const nested = (levels: number): unknown => {
    let value: unknown = 'leaf';
    for (let i = 0; i < levels; i++) value = { x: value };
    return value;
  };

  it('refuses an input nested past 32 levels before any handler or schema sees it', async () => {
    const { log } = recordingLogger();
    let ran = false;
    const handlers = {
      'returns.operation': () => {
        ran = true;
        return {};
      },
    } as unknown as Handlers;
    const input = { returnId: '1', op: 'process', body: nested(5_000) };
    const reply = await dispatch(handlers, 'returns.operation', input, log);
    expect(reply).toEqual({
      ok: false,
      error: {
        code: 'BAD_INPUT',
        message: 'This request is nested more than 32 levels deep; Packline refused it.',
      },
    });
    expect(ran).toBe(false);
    expect(inputTooBig('returns.operation', { body: nested(30) })).toBeNull();
  });

  it('refuses a cyclic input, which Electron IPC can deliver, instead of walking it forever', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(inputTooBig('app.info', cyclic)).toMatchObject({ reason: 'depth' });
  });

  it('refuses more than 1 MB for an ordinary call and allows 64 MB for a file being imported', async () => {
    const { log } = recordingLogger();
    const handlers = {
      'returns.operation': () => ({}),
      'outbox.previewCsv': ({ text }: { text: string }) => ({ rows: [], length: text.length }),
    } as unknown as Handlers;
    const twoMb = 'x'.repeat(2 * 1024 * 1024);
    const refused = await dispatch(
      handlers,
      'returns.operation',
      { returnId: '1', op: 'process', body: { note: twoMb } },
      log,
    );
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'BAD_INPUT',
        message: 'This request is larger than 1 MB; Packline refused it.',
      },
    });
    await expect(dispatch(handlers, 'outbox.previewCsv', { text: twoMb }, log)).resolves.toEqual({
      ok: true,
      result: { rows: [], length: twoMb.length },
    });
    expect(inputTooBig('outbox.previewCsv', { text: 'x'.repeat(65 * 1024 * 1024) })).toEqual({
      reason: 'size',
      message: 'This file is larger than 64 MB; split it into smaller files and import each.',
    });
  });
});
