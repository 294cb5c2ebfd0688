import { afterEach, describe, expect, it } from 'vitest';
import {
  AbortedError,
  ClientNotAllowedError,
  FeedampClient,
  MemoryTokenStore,
  NetworkError,
  NotFoundError,
  OutcomeUnknownError,
  RateLimitedError,
  ResponseShapeError,
  ServerError,
  UnauthorizedError,
  ValidationError,
  type FeedampClientOptions,
} from '../../../main/feedamp/index.js';
import {
  fakeClock,
  startScriptedServer,
  TOKEN_REPLY,
  type Handler,
  type ScriptedServer,
} from './scripted-server.js';

const ORDER = { id: '109872189273617283', marketplace_order_number: 'M-1' };
const SHIPMENT = {
  fulfillment_type: 'shipment' as const,
  fulfillment_lines: [{ line_id: '11', quantity: 1 }],
  shipment: {
    shipped_date: new Date('2024-06-15T14:30:00.789Z'),
    carrier: 'UPS' as const,
    tracking_number: '1Z',
  },
};

let server: ScriptedServer | undefined;
let client: FeedampClient | undefined;
afterEach(async () => {
  await client?.close();
  await server?.close();
  client = undefined;
  server = undefined;
});

async function setup(handler: Handler, options: Partial<FeedampClientOptions> = {}) {
  server = await startScriptedServer(handler);
  const clock = fakeClock();
  const tokenStore = options.tokenStore ?? new MemoryTokenStore('stored-token');
  client = new FeedampClient({
    baseUrl: server.url,
    username: 'pack1',
    password: 's3cret',
    clientId: 42,
    tokenStore,
    now: clock.now,
    sleep: clock.sleep,
    retry: { random: () => 0.5 },
    ...options,
  });
  return { server, client, clock, tokenStore };
}

const v2 = (s: ScriptedServer) => s.requests.filter((r) => r.path.startsWith('/api/v2'));
const tokenCalls = (s: ScriptedServer) => s.requests.filter((r) => r.path === '/api/v1/get_token');

describe('authentication headers', () => {
  it('sends token, client and Basic on every V2 call and Basic alone to get_token', async () => {
    const { server, client } = await setup(
      (req) =>
        req.path === '/api/v1/get_token' ? TOKEN_REPLY('fresh') : { status: 200, body: ORDER },
      { tokenStore: new MemoryTokenStore() },
    );
    await client.getOrder(ORDER.id);
    const [tok, get] = server.requests;
    expect(tok!.headers.authorization).toBe(
      'Basic ' + Buffer.from('pack1:s3cret').toString('base64'),
    );
    expect(tok!.headers.token).toBeUndefined();
    expect(get!.headers.token).toBe('fresh');
    expect(get!.headers.client).toBe('42');
    expect(get!.headers.authorization).toMatch(/^Basic /);
  });

  it('leaves Basic off V2 calls when sendBasicAuthOnV2 is false', async () => {
    const { server, client } = await setup(() => ({ status: 200, body: ORDER }), {
      sendBasicAuthOnV2: false,
    });
    await client.getOrder(ORDER.id);
    expect(server.requests[0]!.headers.authorization).toBeUndefined();
    expect(server.requests[0]!.headers.token).toBe('stored-token');
  });

  it('reuses the stored token across client restarts instead of asking for a new one', async () => {
    const store = new MemoryTokenStore();
    const { server, client } = await setup(
      (req) =>
        req.path === '/api/v1/get_token' ? TOKEN_REPLY('t1') : { status: 200, body: ORDER },
      { tokenStore: store },
    );
    await client.getOrder(ORDER.id);
    const second = new FeedampClient({
      baseUrl: server.url,
      username: 'pack1',
      password: 's3cret',
      clientId: 42,
      tokenStore: store,
    });
    await second.getOrder(ORDER.id);
    await second.close();
    expect(tokenCalls(server)).toHaveLength(1);
    expect(await store.load()).toBe('t1');
  });
});

describe('token refresh', () => {
  it('refreshes an expired token once for 20 concurrent calls, then each call retries once', async () => {
    const { server, client, tokenStore } = await setup(
      async (req) => {
        if (req.path === '/api/v1/get_token') {
          await new Promise((r) => setTimeout(r, 30));
          return TOKEN_REPLY('new-token');
        }
        return req.headers.token === 'new-token'
          ? { status: 200, body: ORDER }
          : { status: 401, body: { error: 'Token expired.' } };
      },
      { budgets: { read: { perSecond: 1000, burst: 100 } } },
    );
    const results = await Promise.all(Array.from({ length: 20 }, () => client.getOrder(ORDER.id)));
    expect(results.every((o) => o.id === ORDER.id)).toBe(true);
    expect(tokenCalls(server)).toHaveLength(1);
    expect(v2(server)).toHaveLength(40);
    expect(await tokenStore.load()).toBe('new-token');
  });

  it('retries a POST once after a 401 and a refresh', async () => {
    const { server, client } = await setup((req) => {
      if (req.path === '/api/v1/get_token') return TOKEN_REPLY('new-token');
      if (req.headers.token !== 'new-token')
        return { status: 401, body: { error: 'Missing token.' } };
      return {
        status: 201,
        body: {
          id: '7',
          ...SHIPMENT,
          shipment: { ...SHIPMENT.shipment, shipped_date: '2024-06-15T14:30:00+00:00' },
        },
      };
    });
    const f = await client.createFulfillment(ORDER.id, SHIPMENT);
    expect(f.id).toBe('7');
    expect(v2(server)).toHaveLength(2);
    expect(tokenCalls(server)).toHaveLength(1);
  });

  it('gives up with Unauthorized when the fresh token is refused too — no loop', async () => {
    const { server, client } = await setup((req) =>
      req.path === '/api/v1/get_token'
        ? TOKEN_REPLY('new-token')
        : { status: 401, body: { error: 'Nope.' } },
    );
    const err = await client.getOrder(ORDER.id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnauthorizedError);
    expect(v2(server)).toHaveLength(2);
    expect(tokenCalls(server)).toHaveLength(1);
  });

  it('reports a refused password in the packer’s words', async () => {
    const { client } = await setup(() => ({ status: 401, body: { error: 'Bad credentials' } }), {
      tokenStore: new MemoryTokenStore(),
    });
    const err = (await client.getOrder(ORDER.id).catch((e: unknown) => e)) as UnauthorizedError;
    expect(err).toBeInstanceOf(UnauthorizedError);
    expect(err.code).toBe('unauthorized');
    expect(err.message).toBe('FeedAMP refused the password for user pack1 — check Settings.');
    expect(err.detail).toContain('Bad credentials');
    expect(err.message + err.detail).not.toContain('s3cret');
  });

  it('treats 403 as ClientNotAllowed and does not retry', async () => {
    const { server, client } = await setup(() => ({ status: 403, body: { error: 'Forbidden' } }));
    const err = await client.listOrders().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClientNotAllowedError);
    expect((err as ClientNotAllowedError).message).toContain('client 42');
    expect(server.requests).toHaveLength(1);
  });
});

describe('rate limits and retries', () => {
  it('waits for Retry-After (seconds) on 429 and then succeeds', async () => {
    const { server, client, clock } = await setup((_req, i) =>
      i === 0
        ? { status: 429, headers: { 'retry-after': '3' }, body: {} }
        : { status: 200, body: { orders: [] } },
    );
    const start = clock.now();
    await client.listOrders();
    expect(server.requests).toHaveLength(2);
    expect(clock.now() - start).toBeGreaterThanOrEqual(3000);
  });

  it('understands Retry-After as an HTTP date', async () => {
    const clock0 = fakeClock();
    const when = new Date(clock0.now() + 5000).toUTCString();
    const { server, client, clock } = await setup((_req, i) =>
      i === 0
        ? { status: 429, headers: { 'retry-after': when }, body: {} }
        : { status: 200, body: ORDER },
    );
    const start = clock.now();
    await client.getOrder(ORDER.id);
    expect(server.requests).toHaveLength(2);
    expect(clock.now() - start).toBeGreaterThanOrEqual(4000);
  });

  it('reports RateLimited for a POST instead of resending it, and pauses the shared bucket', async () => {
    const { server, client, clock } = await setup((_req, i) =>
      i === 0
        ? { status: 429, headers: { 'retry-after': '2' }, body: {} }
        : { status: 200, body: { cancellations: [] } },
    );
    const err = (await client
      .createCancellation(ORDER.id, {
        cancellation_lines: [{ line_id: '1', quantity: 1 }],
        reason: 'out_of_stock',
      })
      .catch((e: unknown) => e)) as RateLimitedError;
    expect(err).toBeInstanceOf(RateLimitedError);
    expect(err.retryAfterMs).toBe(2000);
    expect(server.requests).toHaveLength(1);
    const before = clock.now();
    await client
      .createCancellation(ORDER.id, {
        cancellation_lines: [{ line_id: '1', quantity: 1 }],
        reason: 'out_of_stock',
      })
      .catch(() => undefined);
    expect(clock.now() - before).toBeGreaterThanOrEqual(1999);
  });

  it('retries a GET after 5xx with jittered back-off and succeeds', async () => {
    const { server, client, clock } = await setup((_req, i) =>
      i < 2 ? { status: 503, body: { error: 'busy' } } : { status: 200, body: ORDER },
    );
    await client.getOrder(ORDER.id);
    expect(server.requests).toHaveLength(3);
    expect(clock.sleeps.filter((ms) => ms > 0)).toEqual([125, 250]);
  });

  it('stops retrying a GET after maxAttempts and reports Server', async () => {
    const { server, client } = await setup(() => ({ status: 500, body: { error: 'boom' } }), {
      retry: { maxAttempts: 3, random: () => 0 },
    });
    const err = (await client.getOrder(ORDER.id).catch((e: unknown) => e)) as ServerError;
    expect(err).toBeInstanceOf(ServerError);
    expect(err.status).toBe(500);
    expect(server.requests).toHaveLength(3);
  });

  it('retries a PUT of a known id after 5xx', async () => {
    const { server, client } = await setup((_req, i) =>
      i === 0
        ? { status: 502, body: {} }
        : { status: 200, body: { id: '5', reason: 'out_of_stock' } },
    );
    await client.updateCancellation(ORDER.id, '5', {
      cancellation_lines: [{ line_id: '1', quantity: 1 }],
      reason: 'out_of_stock',
    });
    expect(server.requests).toHaveLength(2);
  });

  it('never retries a POST after 5xx', async () => {
    const { server, client } = await setup(() => ({ status: 503, body: { error: 'down' } }));
    const err = await client.createFulfillment(ORDER.id, SHIPMENT).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServerError);
    expect(server.requests).toHaveLength(1);
  });
});

describe('network failures', () => {
  it('reports OutcomeUnknown when the connection drops after a POST was sent, and sends once', async () => {
    const { server, client } = await setup(() => ({ destroy: true }));
    const err = (await client
      .createFulfillment(ORDER.id, SHIPMENT)
      .catch((e: unknown) => e)) as OutcomeUnknownError;
    expect(err).toBeInstanceOf(OutcomeUnknownError);
    expect(err.code).toBe('outcome_unknown');
    expect(server.requests).toHaveLength(1);
  });

  it('reports Network (nothing sent) when FeedAMP refuses the connection', async () => {
    const { server } = await setup(() => ({ status: 200, body: ORDER }));
    const url = server.url;
    await server.close();
    const c = new FeedampClient({
      baseUrl: url,
      username: 'u',
      password: 'p',
      clientId: 1,
      tokenStore: new MemoryTokenStore('t'),
      sleep: fakeClock().sleep,
    });
    const err = (await c
      .createFulfillment(ORDER.id, SHIPMENT)
      .catch((e: unknown) => e)) as NetworkError;
    await c.close();
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.message).toBe('Cannot reach FeedAMP — check the network; nothing was sent.');
  });

  it('times out waiting for headers: OutcomeUnknown for a POST, sent once', async () => {
    const { server, client } = await setup(() => ({ hang: true }), {
      timeouts: { headersMs: 150 },
    });
    const t0 = Date.now();
    const err = await client.createFulfillment(ORDER.id, SHIPMENT).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OutcomeUnknownError);
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(server.requests).toHaveLength(1);
  });

  it('retries a GET after a headers timeout and gets the answer', async () => {
    const { server, client } = await setup(
      (_req, i) => (i === 0 ? { hang: true } : { status: 200, body: ORDER }),
      {
        timeouts: { headersMs: 150 },
      },
    );
    const order = await client.getOrder(ORDER.id);
    expect(order.id).toBe(ORDER.id);
    expect(server.requests).toHaveLength(2);
  });

  it('times out a body that stalls after the headers arrived', async () => {
    const { server, client } = await setup(() => ({ stallBody: '{"orders": [' }), {
      timeouts: { bodyMs: 150 },
      retry: { maxAttempts: 2, random: () => 0 },
    });
    const err = await client.listOrders().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OutcomeUnknownError);
    expect((err as OutcomeUnknownError).detail).toContain('UND_ERR_BODY_TIMEOUT');
    expect(server.requests).toHaveLength(2);
  });

  it('stops on the caller’s AbortSignal', async () => {
    const { client } = await setup(() => ({ hang: true }));
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const err = (await client
      .createFulfillment(ORDER.id, SHIPMENT, { signal: ac.signal })
      .catch((e: unknown) => e)) as AbortedError;
    expect(err).toBeInstanceOf(AbortedError);
    expect(err.mayHaveReachedServer).toBe(true);
    const err2 = (await client
      .getOrder(ORDER.id, { signal: AbortSignal.abort() })
      .catch((e: unknown) => e)) as AbortedError;
    expect(err2).toBeInstanceOf(AbortedError);
    expect(err2.mayHaveReachedServer).toBe(false);
  });
});

describe('responses', () => {
  it('names the bad field of a malformed response', async () => {
    const { client } = await setup(() => ({
      status: 200,
      body: { orders: [{ id: '1', order_lines: [{ id: '2', quantity: 'two' }] }], next_cursor: '' },
    }));
    const err = (await client.listOrders().catch((e: unknown) => e)) as ResponseShapeError;
    expect(err).toBeInstanceOf(ResponseShapeError);
    expect(err.path).toBe('orders.0.order_lines.0.quantity');
    expect(err.message).toContain('orders.0.order_lines.0.quantity');
  });

  it('pages leniently: one malformed order is reported by id, the rest still arrive', async () => {
    const { client } = await setup((req) =>
      req.query.cursor
        ? { status: 200, body: { orders: [{ id: '3' }], next_cursor: '' } }
        : {
            status: 200,
            body: {
              orders: [{ id: '1' }, { id: '2', order_lines: [{ quantity: 'x' }] }, { id: 5 }],
              next_cursor: 'n',
            },
          },
    );
    const pages = [];
    for await (const page of client.iterateLenientOrderPages()) pages.push(page);
    expect(pages.map((p) => p.orders.map((o) => o.id))).toEqual([['1'], ['3']]);
    expect(pages[0]!.rejected).toEqual([
      { id: '2', reason: expect.stringContaining('orders.1.order_lines.0.quantity') },
      { id: '(no id)', reason: expect.stringContaining('orders.2.') },
    ]);
  });

  it('pages returns leniently too: a malformed return is reported, the page still arrives', async () => {
    const { client } = await setup(() => ({
      status: 200,
      body: {
        returns: [
          { id: '7', rma: 'RMA-1' },
          { id: '8', return_lines: [{ quantity: 'two' }] },
        ],
      },
    }));
    const pages = [];
    for await (const page of client.iterateLenientReturnPages()) pages.push(page);
    expect(pages.map((p) => p.returns.map((r) => r.id))).toEqual([['7']]);
    expect(pages[0]!.rejected).toEqual([
      { id: '8', reason: expect.stringContaining('returns.1.return_lines.0.quantity') },
    ]);
  });

  it('rejects a body that is not JSON', async () => {
    const { client } = await setup(() => ({ status: 200, raw: '<html>proxy</html>' }));
    await expect(client.getOrder(ORDER.id)).rejects.toBeInstanceOf(ResponseShapeError);
  });

  it('refuses an ID sent as a number, which would lose digits', async () => {
    const { client } = await setup(() => ({ status: 200, raw: '{"id": 109872189273617283}' }));
    const err = (await client.getOrder(ORDER.id).catch((e: unknown) => e)) as ResponseShapeError;
    expect(err.path).toBe('id');
  });

  it('keeps every digit of a fulfillment request’s integer order_id', async () => {
    const { client } = await setup(() => ({
      status: 200,
      raw: '{"id":"3","order_id": 109872189273617283,"fulfillment_request_lines":[]}',
    }));
    const fr = await client.getFulfillmentRequest(ORDER.id, '3');
    expect(fr.order_id).toBe('109872189273617283');
  });

  it('keeps fields FeedAMP adds later, and tolerates new enum values and nulls', async () => {
    const { client } = await setup(() => ({
      status: 200,
      body: {
        ...ORDER,
        brand_new_field: { a: 1 },
        normalized_marketplace_state: 'ON_THE_MOON',
        gift_message: null,
      },
    }));
    const order = await client.getOrder(ORDER.id);
    expect(order.brand_new_field).toEqual({ a: 1 });
    expect(order.normalized_marketplace_state).toBe('ON_THE_MOON');
  });

  it('carries the server’s messages in a Validation error', async () => {
    const { client } = await setup(() => ({
      status: 400,
      body: { error: 'Quantity exceeds remaining units.' },
    }));
    const err = (await client
      .createFulfillment(ORDER.id, SHIPMENT)
      .catch((e: unknown) => e)) as ValidationError;
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.serverMessages).toEqual(['Quantity exceeds remaining units.']);
    expect(err.message).toBe('FeedAMP refused this: Quantity exceeds remaining units.');
  });

  it('reports 404 as NotFound', async () => {
    const { client } = await setup(() => ({ status: 404, body: { error: 'Not found' } }));
    const err = (await client
      .getFulfillment(ORDER.id, '9')
      .catch((e: unknown) => e)) as NotFoundError;
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err.message).toContain('fulfillment');
  });

  it('refuses an invalid request without sending it', async () => {
    const { server, client } = await setup(() => ({ status: 200, body: {} }));
    const err = (await client
      .createCancellation(ORDER.id, { cancellation_lines: [], reason: 'out_of_stock' })
      .catch((e: unknown) => e)) as ValidationError;
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.sent).toBe(false);
    await expect(client.getOrder('../etc')).rejects.toBeInstanceOf(ValidationError);
    expect(server.requests).toHaveLength(0);
  });

  it('names what it refused to send: which id, the operation, the filter field', async () => {
    const { server, client } = await setup(() => ({ status: 200, body: {} }));
    const refusal = (call: Promise<unknown>) =>
      call.then(
        () => 'sent',
        (e: unknown) => (e instanceof ValidationError && !e.sent ? e.message : String(e)),
      );
    expect(await refusal(client.getFulfillmentRequest(ORDER.id, 'FR-1'))).toBe(
      'Packline did not send this because it is not valid: fulfillment request id must be a FeedAMP id (digits only).',
    );
    expect(await refusal(client.deleteCancellation(ORDER.id, '7/../8'))).toBe(
      'Packline did not send this because it is not valid: cancellation id must be a FeedAMP id (digits only).',
    );
    expect(await refusal(client.runReturnOperation('8', 'process now'))).toBe(
      'Packline did not send this because it is not valid: must be an operation name.',
    );
    expect(await refusal(client.listOrders({ limit: 0 }))).toMatch(
      /^Packline did not send this because it is not valid: limit: /,
    );
    expect(server.requests).toHaveLength(0);
  });

  it('reads order refunds under either `cancellations` (documented) or `refunds`', async () => {
    const { client } = await setup((_req, i) => ({
      status: 200,
      body:
        i === 0
          ? { cancellations: [{ id: '1', cp_refund_number: 'R1' }] }
          : { refunds: [{ id: '2', cp_refund_number: 'R2' }] },
    }));
    expect((await client.listOrderRefunds(ORDER.id)).map((r) => r.id)).toEqual(['1']);
    expect((await client.listOrderRefunds(ORDER.id)).map((r) => r.id)).toEqual(['2']);
  });

  it('treats an empty DELETE reply as success', async () => {
    const { server, client } = await setup(() => ({ status: 204 }));
    await client.deleteFulfillment(ORDER.id, '5');
    expect(server.requests[0]!.method).toBe('DELETE');
  });
});

describe('queries and pagination', () => {
  it('sends date filters with a numeric offset, whole seconds and + encoded', async () => {
    const { server, client } = await setup(() => ({ status: 200, body: { orders: [] } }));
    await client.listOrders({
      marketplace_state_changed_after: new Date('2024-03-13T08:50:59.900Z'),
      imported_before: '2024-03-13T08:50:59.123+05:30',
      normalized_marketplace_state: ['AWAITING_SHIPMENT', 'PENDING'],
      limit: 250,
    });
    const req = server.requests[0]!;
    expect(req.url).toContain('marketplace_state_changed_after=2024-03-13T08%3A50%3A59%2B00%3A00');
    expect(req.query.imported_before).toBe('2024-03-13T08:50:59+05:30');
    expect(req.query.normalized_marketplace_state).toBe('AWAITING_SHIPMENT,PENDING');
    expect(req.query.limit).toBe('250');
  });

  it('follows next_cursor and stops on an empty cursor', async () => {
    const { server, client } = await setup((req) => {
      const cursor = req.query.cursor;
      if (!cursor) return { status: 200, body: { orders: [{ id: '1' }], next_cursor: 'a' } };
      if (cursor === 'a') return { status: 200, body: { orders: [{ id: '2' }], next_cursor: 'b' } };
      return { status: 200, body: { orders: [{ id: '3' }], next_cursor: '' } };
    });
    const ids: string[] = [];
    for await (const o of client.iterateOrders({ limit: 1 })) ids.push(o.id ?? '');
    expect(ids).toEqual(['1', '2', '3']);
    expect(server.requests.map((r) => r.query.cursor)).toEqual([undefined, 'a', 'b']);
  });

  it('stops on a missing cursor or an empty page', async () => {
    const { client } = await setup((req) =>
      req.path === '/api/v2/returns'
        ? { status: 200, body: { returns: [], next_cursor: 'more' } }
        : { status: 200, body: { orders: [{ id: '1' }] } },
    );
    const orders: unknown[] = [];
    for await (const o of client.iterateOrders()) orders.push(o);
    expect(orders).toHaveLength(1);
    const returns: unknown[] = [];
    for await (const r of client.iterateReturns()) returns.push(r);
    expect(returns).toHaveLength(0);
  });

  it('fails loudly when a cursor repeats instead of looping', async () => {
    const { server, client } = await setup((req) => ({
      status: 200,
      body: { orders: [{ id: '1' }], next_cursor: req.query.cursor === 'a' ? 'b' : 'a' },
    }));
    const run = async () => {
      for await (const _ of client.iterateOrders()) void _;
    };
    const err = (await run().catch((e: unknown) => e)) as ResponseShapeError;
    expect(err).toBeInstanceOf(ResponseShapeError);
    expect(err.path).toBe('next_cursor');
    expect(server.requests).toHaveLength(3);
  });
});
