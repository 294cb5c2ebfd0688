// npx tsx test/bench/client.bench.ts
// 1. Client overhead per call vs a bare undici request on loopback (goal ≤ 1.3×).
// 2. Paging 10k orders at limit 250 against a server enforcing 2 requests/second in a sliding
//    one-second window (the sandbox's rule): total ≤ 1.05 × the floor, zero 429s. Run against
//    a minimal server here and against the sandbox itself.
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'undici';
import { FeedampClient, MemoryTokenStore } from '../../main/feedamp/index.js';
import { startSandbox } from '../../main/sandbox/index.js';

const ORDER = {
  id: '109872189273617283',
  marketplace_order_number: '111-99998888-55555',
  customer_order_number: '000-1234567-7654321',
  marketplace_name: 'Target',
  imported_date: '2020-12-31T12:34:56-05:00',
  currency: 'USD',
  shipping_address: {
    full_name: 'John M. Doe',
    address1: '123 Fake Street',
    city: 'Ghost Town',
    state: 'DC',
    postal_code: '91234',
    country_code: 'USA',
  },
  order_lines: [
    {
      id: '209872189273617283',
      sku: '1234-12353',
      product_name: 'ACME Super Product',
      quantity: 1,
      unit_price: 200,
      taxes: [{ type: 'SHIPPING', amount: 1.1 }],
    },
    {
      id: '209872189273617284',
      sku: '1234-12354',
      product_name: 'ACME Other Product',
      quantity: 2,
      unit_price: 20,
    },
  ],
  normalized_marketplace_state: 'AWAITING_SHIPMENT',
  fulfillment_type: 'shipment',
};

async function listen(handler: RequestListener) {
  const server = createServer(handler);
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function overhead() {
  const body = JSON.stringify(ORDER);
  const { server, url } = await listen((req, res) => {
    if (req.url === '/api/v1/get_token') {
      res.end('{"token":"t"}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(body);
  });
  const agent = new Agent({ keepAliveTimeout: 60_000 });
  const client = new FeedampClient({
    baseUrl: url,
    username: 'u',
    password: 'p',
    clientId: 1,
    tokenStore: new MemoryTokenStore('t'),
    budgets: { read: { perSecond: 1e9, burst: 1e6 } },
  });
  const path = `/api/v2/orders/${ORDER.id}`;
  const bare = async () => {
    const res = await request(url + path, {
      dispatcher: agent,
      headers: { token: 't', client: '1' },
    });
    await res.body.json();
  };
  const viaClient = async () => {
    await client.getOrder(ORDER.id);
  };
  const N = 4000;
  const time = async (fn: () => Promise<void>) => {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < N; i++) await fn();
    return Number(process.hrtime.bigint() - t0) / 1e3 / N; // µs per call
  };
  for (let i = 0; i < 500; i++) {
    await bare();
    await viaClient();
  }
  // Alternate rounds so drift affects both equally; keep each one's best round.
  let bareUs = Infinity;
  let clientUs = Infinity;
  for (let round = 0; round < 3; round++) {
    bareUs = Math.min(bareUs, await time(bare));
    clientUs = Math.min(clientUs, await time(viaClient));
  }
  await client.close();
  await agent.close();
  server.closeAllConnections();
  server.close();
  return {
    calls: N,
    bareUsPerCall: +bareUs.toFixed(1),
    clientUsPerCall: +clientUs.toFixed(1),
    ratio: +(clientUs / bareUs).toFixed(3),
    goal: 1.3,
  };
}

async function pagingAgainstMinimalServer() {
  const total = 10_000;
  const limit = 250;
  const orders = Array.from({ length: total }, (_, i) => ({
    ...ORDER,
    id: String(100000000000000000n + BigInt(i)),
  }));
  const stamps: number[] = [];
  let tooMany = 0;
  const { server, url } = await listen((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    if (u.pathname === '/api/v1/get_token') {
      res.end('{"token":"t"}');
      return;
    }
    const now = Date.now();
    const recent = stamps.filter((t) => t > now - 1000);
    if (recent.length >= 2) {
      tooMany++;
      res.writeHead(429, { 'retry-after': '1' });
      res.end('{"error":"Too many requests"}');
      return;
    }
    stamps.push(now);
    const start = Number(u.searchParams.get('cursor') ?? '0');
    const page = orders.slice(start, start + Number(u.searchParams.get('limit') ?? 100));
    const next = start + page.length < total ? String(start + page.length) : '';
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ orders: page, next_cursor: next }));
  });
  const client = new FeedampClient({
    baseUrl: url,
    username: 'u',
    password: 'p',
    clientId: 1,
    tokenStore: new MemoryTokenStore('t'),
  });
  const t0 = Date.now();
  let count = 0;
  let pages = 0;
  for await (const page of client.iterateOrderPages({ limit })) {
    pages++;
    count += page.orders.length;
  }
  const ms = Date.now() - t0;
  await client.close();
  server.closeAllConnections();
  server.close();
  const floorMs = (pages - 1) * 500;
  return {
    server: 'minimal sliding-window server',
    orders: count,
    pages,
    ms,
    floorMs,
    ratio: +(ms / floorMs).toFixed(4),
    goal: 1.05,
    responses429: tooMany,
  };
}

async function pagingAgainstSandbox() {
  const t0 = Date.now();
  const sandbox = await startSandbox({ orders: 10_000, listRateLimit: { perSecond: 2 } });
  const setupMs = Date.now() - t0;
  const client = new FeedampClient({
    baseUrl: sandbox.url,
    username: sandbox.credentials.user,
    password: sandbox.credentials.password,
    clientId: sandbox.credentials.client,
    tokenStore: new MemoryTokenStore(),
  });
  let pages = 0;
  let count = 0;
  const t1 = Date.now();
  for await (const page of client.iterateOrderPages({ limit: 250 })) {
    pages++;
    count += page.orders.length;
  }
  const ms = Date.now() - t1;
  const log: unknown = await request(`${sandbox.adminUrl}/requests`).then((r) => r.body.json());
  const entries = Array.isArray(log) ? log : ((log as { requests?: unknown[] }).requests ?? []);
  // The sandbox logs requests, not statuses: every list request beyond one per page was refused.
  const listRequests = entries.filter(
    (e) => (e as { path?: string }).path === '/api/v2/orders',
  ).length;
  const tooMany = listRequests - pages;
  await client.close();
  await sandbox.close();
  const floorMs = (pages - 1) * 500;
  return {
    server: 'sandbox',
    setupMs,
    orders: count,
    pages,
    ms,
    floorMs,
    ratio: +(ms / floorMs).toFixed(4),
    goal: 1.05,
    responses429: tooMany,
    requestLogEntries: entries.length,
  };
}

const results: Record<string, unknown> = { node: process.version, when: new Date().toISOString() };
results.overhead = await overhead();
console.log('overhead', results.overhead);
results.paging = await pagingAgainstMinimalServer();
console.log('paging', results.paging);
try {
  results.pagingSandbox = await pagingAgainstSandbox();
} catch (e) {
  results.pagingSandbox = { error: String(e) };
}
console.log('paging (sandbox)', results.pagingSandbox);
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(
  new URL('./results/client.json', import.meta.url),
  JSON.stringify(results, null, 2) + '\n',
);
