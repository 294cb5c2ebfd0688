import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';

let h: Harness;
afterEach(async () => h?.close());

describe('sandbox list rate limit', () => {
  it('answers 429 with Retry-After for the third list request within a second', async () => {
    h = await startHarness({ autoAdvanceMs: 0 });
    expect((await h.api('GET', '/api/v2/orders?limit=1')).status).toBe(200);
    expect((await h.api('GET', '/api/v2/returns?limit=1')).status).toBe(200);
    const limited = await h.api('GET', '/api/v2/orders?limit=1');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(limited.body.error).toMatch(/2 per second/);
    h.clock.advance(1000);
    expect((await h.api('GET', '/api/v2/orders?limit=1')).status).toBe(200);
  });

  it('does not limit single-order reads and writes', async () => {
    h = await startHarness({ autoAdvanceMs: 0 });
    const order = (await h.api<{ orders: { id: string }[] }>('GET', '/api/v2/orders?limit=1')).body
      .orders[0]!;
    for (let i = 0; i < 10; i += 1) {
      expect((await h.api('GET', `/api/v2/orders/${order.id}`)).status).toBe(200);
    }
  });

  it('counts each user separately', async () => {
    h = await startHarness({ autoAdvanceMs: 0 });
    await h.admin('PUT', '/users/pack2', { password: 'pw', clients: ['1001'] });
    await h.api('GET', '/api/v2/orders?limit=1');
    await h.api('GET', '/api/v2/orders?limit=1');
    expect((await h.api('GET', '/api/v2/orders?limit=1')).status).toBe(429);
    const t = await fetch(`${h.sb.url}/api/v1/get_token`, {
      headers: { authorization: `Basic ${Buffer.from('pack2:pw').toString('base64')}` },
    });
    const { token } = (await t.json()) as { token: string };
    const other = await fetch(`${h.sb.url}/api/v2/orders?limit=1`, {
      headers: { token, client: '1001' },
    });
    expect(other.status).toBe(200);
  });

  it('can be switched off', async () => {
    h = await startHarness({ autoAdvanceMs: 0, listRateLimit: false });
    for (let i = 0; i < 6; i += 1)
      expect((await h.api('GET', '/api/v2/orders?limit=1')).status).toBe(200);
  });

  it('follows a configured rate', async () => {
    h = await startHarness({ autoAdvanceMs: 0, listRateLimit: { perSecond: 5 } });
    for (let i = 0; i < 5; i += 1)
      expect((await h.api('GET', '/api/v2/orders?limit=1')).status).toBe(200);
    expect((await h.api('GET', '/api/v2/orders?limit=1')).status).toBe(429);
  });
});
