// A station's refusal reaches the page with the wire code and sentence it always had: one map
// in dispatch, one catalogue of the sentences several services say.
import { describe, expect, it } from 'vitest';
import { dispatch, type Handlers } from '../../../main/bridge/dispatch';
import { createLogger } from '../../../main/log';
import { say, StationError, type StationErrorCode } from '../../../main/station/errors';

function failing(error: unknown): Handlers {
  return {
    'app.info': () => {
      throw error;
    },
  } as Partial<Handlers> as Handlers;
}

describe('station errors on the wire', () => {
  it.each([
    ['refused', 'BAD_INPUT'],
    ['not_found', 'NOT_FOUND'],
    ['feedamp', 'FEEDAMP'],
    ['failed', 'INTERNAL'],
  ] as [StationErrorCode, string][])('%s goes out as %s with its sentence', async (code, wire) => {
    const lines: string[] = [];
    const reply = await dispatch(
      failing(new StationError(code, say.orderNotOnStation('4711'))),
      'app.info',
      {},
      createLogger((line) => lines.push(line)),
    );
    expect(reply).toEqual({
      ok: false,
      error: { code: wire, message: 'Order 4711 is not on this station — sync, then try again.' },
    });
    // A refusal is not a failure of Packline: nothing for support in the log.
    expect(lines.join('\n')).not.toContain('bridge call failed');
  });

  it('says a cancelled order’s time one way, as the station’s clock reads it', () => {
    const at = new Date(2026, 10, 3, 9, 5);
    expect(
      say.orderCancelled({
        marketplace_name: 'Amazon',
        marketplace_state_changed_at: at.toISOString(),
      }),
    ).toBe('This order was cancelled on Amazon at 09:05 — do not ship it.');
    expect(say.orderCancelled({ marketplace_state_changed_at: 'not a time' })).toBe(
      'This order was cancelled on the marketplace — do not ship it.',
    );
  });
});
