import { afterEach, describe, expect, it } from 'vitest';
import { basic, startHarness, type Harness } from './harness';

let h: Harness;
afterEach(async () => h?.close());

const getToken = (hh: Harness, auth?: string) =>
  hh.raw<{ token?: string; error?: string }>(`${hh.sb.url}/api/v1/get_token`, {
    headers: auth ? { authorization: auth } : {},
  });

describe('sandbox authentication', () => {
  it('gives a token for the right Basic credentials', async () => {
    h = await startHarness();
    const r = await getToken(h, basic('demo', 'demo'));
    expect(r.status).toBe(200);
    expect(typeof r.body.token).toBe('string');
  });

  it('refuses get_token with a wrong password or without Basic credentials (401)', async () => {
    h = await startHarness();
    expect((await getToken(h, basic('demo', 'nope'))).status).toBe(401);
    const none = await getToken(h);
    expect(none.status).toBe(401);
    expect(none.body.error).toMatch(/Basic/);
  });

  it('answers 401 {"error":"Missing token."} when the token header is absent', async () => {
    h = await startHarness();
    const r = await h.raw(`${h.sb.url}/api/v2/orders`, { headers: { client: '1001' } });
    expect(r.status).toBe(401);
    expect(r.body).toEqual({ error: 'Missing token.' });
  });

  it('answers 401 for an unknown token', async () => {
    h = await startHarness();
    const r = await h.raw(`${h.sb.url}/api/v2/orders`, {
      headers: { token: 'bogus', client: '1001' },
    });
    expect(r.status).toBe(401);
  });

  it('answers 401 once the token has outlived its TTL, and a new token works', async () => {
    h = await startHarness({ tokenTtlMs: 60_000 });
    const token = await h.token();
    const headers = { token, client: '1001' };
    expect((await h.raw(`${h.sb.url}/api/v2/orders/1`, { headers })).status).toBe(404);
    h.clock.advance(61_000);
    const expired = await h.raw<{ error: string }>(`${h.sb.url}/api/v2/orders?limit=1`, {
      headers,
    });
    expect(expired.status).toBe(401);
    expect(expired.body.error).toMatch(/expired/i);
    const fresh = await getToken(h, basic('demo', 'demo'));
    expect(
      (
        await h.raw(`${h.sb.url}/api/v2/orders?limit=1`, {
          headers: { token: fresh.body.token ?? '', client: '1001' },
        })
      ).status,
    ).toBe(200);
  });

  it('answers 403 for a client id the user may not act for', async () => {
    h = await startHarness();
    const r = await h.api('GET', '/api/v2/orders?limit=1', undefined, { client: '2002' });
    expect(r.status).toBe(403);
    expect(r.body.error).toMatch(/2002/);
  });

  it('answers 401 when the client header is missing', async () => {
    h = await startHarness();
    const r = await h.raw(`${h.sb.url}/api/v2/orders?limit=1`, {
      headers: { token: await h.token() },
    });
    expect(r.status).toBe(401);
  });

  it('lets a user act for extra client ids set through the admin surface', async () => {
    h = await startHarness();
    await h.admin('PUT', '/users/demo', { clients: ['1001', '2002'] });
    const r = await h.api<{ orders: unknown[] }>('GET', '/api/v2/orders?limit=1', undefined, {
      client: '2002',
    });
    expect(r.status).toBe(200);
    expect(r.body.orders).toEqual([]); // client 2002 has no orders of its own
  });

  it('refuses wrong Basic credentials sent alongside a valid token', async () => {
    h = await startHarness();
    const r = await h.api('GET', '/api/v2/orders?limit=1', undefined, {
      authorization: basic('demo', 'wrong'),
    });
    expect(r.status).toBe(401);
    const right = await h.api('GET', '/api/v2/orders?limit=1', undefined, {
      authorization: basic('demo', 'demo'),
    });
    expect(right.status).toBe(200);
  });

  it('refuses the 101st active token with 401 while the first 100 keep working', async () => {
    h = await startHarness({ tokenTtlMs: 3_600_000, autoAdvanceMs: 0 });
    const tokens: string[] = [];
    for (let i = 0; i < 100; i += 1) {
      const r = await getToken(h, basic('demo', 'demo'));
      expect(r.status).toBe(200);
      tokens.push(r.body.token ?? '');
    }
    const refused = await getToken(h, basic('demo', 'demo'));
    expect(refused.status).toBe(401);
    expect(refused.body.error).toMatch(/100 active tokens/);
    const first = await h.raw(`${h.sb.url}/api/v2/orders/1`, {
      headers: { token: tokens[0] ?? '', client: '1001' },
    });
    expect(first.status).toBe(404);
    h.clock.advance(3_600_001);
    expect((await getToken(h, basic('demo', 'demo'))).status).toBe(200);
  });
});
