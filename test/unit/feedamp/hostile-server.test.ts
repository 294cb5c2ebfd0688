// A FeedAMP that misbehaves: drips its answer, sends 200 MB, answers errors with HTML pages and
// stack traces, refuses the 101st token. The client must end every call, read only what it can
// hold, and put one clean sentence before the packer.
import { afterEach, describe, expect, it } from 'vitest';
import {
  DeadlineError,
  FeedampClient,
  feedampUrlProblem,
  HTTPS_REQUIRED_SENTENCE,
  InsecureFeedampUrl,
  MemoryTokenStore,
  ResponseTooLargeError,
  ServerError,
  TokenCapError,
  UnauthorizedError,
  ValidationError,
  cleanServerText,
  type FeedampClientOptions,
} from '../../../main/feedamp/index.js';
import {
  fakeClock,
  startScriptedServer,
  type Handler,
  type ScriptedServer,
} from './scripted-server.js';

const ORDER_ID = '109872189273617283';
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
  client = new FeedampClient({
    baseUrl: server.url,
    username: 'pack1',
    password: 's3cret',
    clientId: 42,
    tokenStore: new MemoryTokenStore('stored-token'),
    now: clock.now,
    sleep: clock.sleep,
    retry: { random: () => 0.5 },
    ...options,
  });
  return { server, client, clock };
}

describe('a server that drips its answer', () => {
  it('fails the call at its deadline with a sentence that says so', async () => {
    const { server, client } = await setup(
      () => ({
        drip: JSON.stringify({ id: ORDER_ID, marketplace_order_number: 'M-1' }),
        everyMs: 200,
      }),
      { timeouts: { callMs: 2_000 } },
    );
    const t0 = Date.now();
    const err = (await client.getOrder(ORDER_ID).catch((e: unknown) => e)) as DeadlineError;
    const elapsed = Date.now() - t0;
    // The body is never silent for 20 s (the idle timeout), so only the deadline ends it.
    expect(err).toBeInstanceOf(DeadlineError);
    expect(err.message).toBe(
      'FeedAMP did not finish answering within 2 s — check the network; Packline will try again.',
    );
    expect(err.detail).toContain('GET /api/v2/orders/');
    expect(elapsed).toBeGreaterThanOrEqual(1_900);
    expect(elapsed).toBeLessThan(4_000);
    // The deadline covers the whole call: no second attempt started after it.
    expect(server.requests).toHaveLength(1);
  }, 10_000);

  it('gives a write that was dripping the "may have gone through" sentence', async () => {
    const { client } = await setup(() => ({ drip: '{"id":"7"}', everyMs: 400 }), {
      timeouts: { callMs: 1_000 },
    });
    const err = (await client
      .runOrderOperation(ORDER_ID, 'acknowledge')
      .catch((e: unknown) => e)) as DeadlineError;
    expect(err).toBeInstanceOf(DeadlineError);
    expect(err.code).toBe('outcome_unknown');
    expect(err.message).toContain('may have gone through');
  });
}, 20_000);

describe('an answer too large to hold', () => {
  async function rssDuring<T>(work: () => Promise<T>): Promise<{ result: T; growthMb: number }> {
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 10);
    try {
      const result = await work();
      peak = Math.max(peak, process.memoryUsage().rss);
      return { result, growthMb: (peak - before) / 1024 / 1024 };
    } finally {
      clearInterval(sampler);
    }
  }

  it('stops reading a 200 MB streamed body at the cap, without buffering it', async () => {
    const { server, client } = await setup(() => ({ streamBytes: 200 * 1024 * 1024 }));
    const { result: err, growthMb } = await rssDuring(() =>
      client.getOrder(ORDER_ID).catch((e: unknown) => e),
    );
    expect(err).toBeInstanceOf(ResponseTooLargeError);
    expect((err as ResponseTooLargeError).message).toBe(
      'FeedAMP sent a reply larger than 4 MB, more than Packline reads for one call — report this to support.',
    );
    expect((err as ResponseTooLargeError).code).toBe('response_shape');
    // The server was stopped a few socket buffers past the 4 MB cap, not at 200 MB.
    expect(server.streamed.bytes).toBeLessThan(24 * 1024 * 1024);
    expect(growthMb).toBeLessThan(64);
    // Not retried: the same answer would come again.
    expect(server.requests).toHaveLength(1);
  }, 20_000);

  it('refuses a body whose Content-Length is over the cap before reading any of it', async () => {
    const { server, client } = await setup(() => ({
      streamBytes: 200 * 1024 * 1024,
      declareLength: true,
    }));
    const err = await client.getOrder(ORDER_ID).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ResponseTooLargeError);
    expect(server.streamed.bytes).toBeLessThan(24 * 1024 * 1024);
  });

  it('allows list pages more room than single records', async () => {
    const page = { orders: [], filler: 'x'.repeat(6 * 1024 * 1024) };
    const { client } = await setup(() => ({ status: 200, body: page }));
    await expect(client.listOrders()).resolves.toMatchObject({ orders: [] });
    await expect(client.getOrder(ORDER_ID)).rejects.toBeInstanceOf(ResponseTooLargeError);
  });
});

describe('error text a packer reads', () => {
  const HTML_500 = `<!DOCTYPE html><html><head><title>500 Internal Server Error</title>
<style>body{font:12px monospace}</style></head><body><h1>Internal Server Error</h1>
<pre>Traceback (most recent call last):
  File "/srv/feedamp/app.py", line 42, in handler
    raise RuntimeError("db down")</pre></body></html>`;
  const STACK = `TypeError: Cannot read properties of undefined (reading 'lines')
    at mapOrder (/srv/feedamp/src/orders.js:118:22)
    at Layer.handle [as handle_request] (/srv/feedamp/node_modules/express/lib/router/layer.js:95:5)`;

  const expectClean = (message: string) => {
    expect(message).not.toMatch(/[<>]|\bat \S+ \(|Traceback|\.js:\d+|\.py"/);
    // eslint-disable-next-line no-control-regex
    expect(message).not.toMatch(/[\u0000-\u001f\u007f]/);
    expect(message.length).toBeLessThanOrEqual(220);
  };

  it('an HTML 500 page becomes the plain server-trouble sentence; the page goes to the log', async () => {
    const { client } = await setup(() => ({ status: 500, raw: HTML_500 }), {
      retry: { maxAttempts: 1 },
    });
    const err = (await client.getOrder(ORDER_ID).catch((e: unknown) => e)) as ServerError;
    expect(err).toBeInstanceOf(ServerError);
    expect(err.message).toBe('FeedAMP is having trouble (error 500) — try again in a minute.');
    expect(err.detail).toContain('Traceback');
  });

  it('an HTML refusal is cut to its title', async () => {
    const { client } = await setup(() => ({ status: 400, raw: HTML_500.replace(/500 /, '400 ') }));
    const err = (await client.getOrder(ORDER_ID).catch((e: unknown) => e)) as ValidationError;
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.message).toBe('FeedAMP refused this: 400 Internal Server Error.');
    expectClean(err.message);
  });

  it('a stack trace body becomes its first sentence; the trace stays in the log', async () => {
    const { client } = await setup(() => ({ status: 422, raw: STACK }));
    const err = (await client.getOrder(ORDER_ID).catch((e: unknown) => e)) as ValidationError;
    expect(err.message).toBe(
      "FeedAMP refused this: TypeError: Cannot read properties of undefined (reading 'lines').",
    );
    expectClean(err.message);
    expect(err.detail).toContain('orders.js:118');
  });

  it('a JSON error with control characters and a long tail is one short sentence', async () => {
    const long = `Tracking number\u0007 1Z999 is\u001b[31m already used by another shipment on this order. ${'More detail. '.repeat(40)}`;
    const { client } = await setup(() => ({ status: 409, body: { error: long } }));
    const err = (await client.getOrder(ORDER_ID).catch((e: unknown) => e)) as ValidationError;
    expect(err.message).toBe(
      'FeedAMP refused this: Tracking number 1Z999 is [31m already used by another shipment on this order.',
    );
    expectClean(err.message);
  });

  it('cleanServerText cuts a sentence with no full stop at about 160 characters', () => {
    const cleaned = cleanServerText(`word `.repeat(100))!;
    expect(cleaned.length).toBeLessThanOrEqual(160);
    expect(cleaned.endsWith('…')).toBe(true);
    expect(cleanServerText('    at foo (/x.js:1:2)\n<br/>')).toBeUndefined();
  });
});

describe('the 100-token cap', () => {
  const tokenRefusal =
    (error: string): Handler =>
    () => ({ status: 401, body: { error } });

  it('says the account has no free token, in the sandbox’s wording', async () => {
    const { client } = await setup(
      tokenRefusal(
        'User pack1 already has 100 active tokens; reuse one or wait until one expires.',
      ),
      { tokenStore: new MemoryTokenStore() },
    );
    const err = (await client.getOrder(ORDER_ID).catch((e: unknown) => e)) as TokenCapError;
    expect(err).toBeInstanceOf(TokenCapError);
    expect(err.code).toBe('unauthorized');
    expect(err.message).toBe(
      'FeedAMP has no free token for user pack1: the account already holds all 100 it may have, and one frees up only when one of them expires — try again later, or ask whoever runs the FeedAMP account.',
    );
  });

  it('recognises other wordings of the same refusal, and not a wrong password', async () => {
    for (const [text, cap] of [
      ['Token limit exceeded for this account.', true],
      ['Too many active tokens.', true],
      ['Maximum number of tokens reached', true],
      ['Invalid username or password.', false],
      ['Bad credentials', false],
      ['Missing token.', false],
    ] as const) {
      const { client } = await setup(tokenRefusal(text), { tokenStore: new MemoryTokenStore() });
      const err = await client.getToken().catch((e: unknown) => e);
      expect(err, text).toBeInstanceOf(cap ? TokenCapError : UnauthorizedError);
      if (!cap)
        expect((err as Error).message).toBe(
          'FeedAMP refused the password for user pack1 — check Settings.',
        );
      await client.close();
      await server!.close();
      server = undefined;
    }
  });
});

describe('https only', () => {
  it('refuses http:// to another computer and allows it to this one', () => {
    expect(feedampUrlProblem('http://example.com')).toBe(HTTPS_REQUIRED_SENTENCE);
    expect(HTTPS_REQUIRED_SENTENCE).toBe(
      'Packline sends your password with every call, so it only talks to FeedAMP over https:// (http:// is allowed for this computer only).',
    );
    for (const url of [
      'http://10.0.0.7:8080',
      'http://127.0.0.1.nip.io',
      'http://[::2]:80',
      'ftp://example.com',
    ])
      expect(feedampUrlProblem(url), url).toBe(HTTPS_REQUIRED_SENTENCE);
    for (const url of [
      'https://api.feedamp.feedonomics.com',
      'http://127.0.0.1:8787',
      'http://127.9.8.7',
      'http://localhost:8787',
      'http://[::1]:8787',
    ])
      expect(feedampUrlProblem(url), url).toBeUndefined();
  });

  it('will not even make a client for http://example.com', () => {
    expect(
      () =>
        new FeedampClient({
          baseUrl: 'http://example.com',
          username: 'u',
          password: 'p',
          clientId: 1,
          tokenStore: new MemoryTokenStore(),
        }),
    ).toThrow(InsecureFeedampUrl);
  });
});

describe('429 with Retry-After', () => {
  it('waits the Retry-After plus jitter, so stations told the same wait spread out', async () => {
    const waits: number[] = [];
    for (const r of [0, 0.5, 0.99]) {
      const { client, clock } = await setup(
        (_req, i) =>
          i === 0
            ? { status: 429, headers: { 'retry-after': '2' }, body: {} }
            : { status: 200, body: { orders: [] } },
        { retry: { random: () => r } },
      );
      await client.listOrders();
      waits.push(clock.sleeps.find((ms) => ms >= 2_000)!);
      await client.close();
      await server!.close();
      server = undefined;
    }
    expect(waits[0]).toBe(2_000);
    expect(new Set(waits).size).toBe(3);
    expect(Math.max(...waits)).toBeLessThan(3_000);
  });
});
