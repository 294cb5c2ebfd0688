import { describe, expect, it } from 'vitest';
import { BridgeError } from '../../../preload/contract';
import { dispatch, type Handlers } from '../../../main/bridge/dispatch';
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
