// startSandbox(): a faithful local FeedAMP (seller API V2 + v1 get_token, Order Source API,
// admin surface) on 127.0.0.1, for the demo and every test.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { adminRoutes, ADMIN_PREFIX } from './admin';
import { SellerAuth } from './auth';
import { generateDemoData } from './demo-data';
import { FaultInjector } from './faults';
import { MARKETPLACE_PREFIX, marketplaceRoutes } from './marketplace';
import type { SandboxData, UserRecord } from './model';
import { DebouncedSaver, loadData } from './persistence';
import { SlidingWindowLimiter } from './rate-limit';
import { RequestLog } from './request-log';
import { Router } from './router';
import { cancellationRoutes } from './routes/cancellations';
import { fulfillmentRequestRoutes } from './routes/fulfillment-requests';
import { fulfillmentRoutes } from './routes/fulfillments';
import { orderRoutes } from './routes/orders';
import { refundRoutes } from './routes/refunds';
import { returnRoutes } from './routes/returns';
import { tokenRoutes } from './routes/token';
import { createSandboxServer } from './server';
import { SandboxStore } from './state';

export interface SandboxOptions {
  port?: number;
  seed?: number;
  orders?: number;
  user?: string;
  password?: string;
  client?: string;
  tokenTtlMs?: number;
  listRateLimit?: false | { perSecond: number };
  dataFile?: string;
  now?: () => Date;
  /** Benchmarks: the first order gets this many lines. */
  bigOrderLines?: number;
}

export interface RunningSandbox {
  url: string;
  marketplaceUrl: string;
  adminUrl: string;
  credentials: { user: string; password: string; client: string };
  close: () => Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const credentials = {
    user: options.user ?? 'demo',
    password: options.password ?? 'demo',
    client: options.client ?? '1001',
  };
  const seed = options.seed ?? 1;
  const orderCount = options.orders ?? 200;
  const clock = options.now ?? (() => new Date());
  const now = (): number => clock().getTime();
  const defaultUsers = (): UserRecord[] => [
    { user: credentials.user, password: credentials.password, clients: [credentials.client] },
  ];
  const generate = (s: number, n: number, users: UserRecord[]): SandboxData =>
    generateDemoData({
      seed: s,
      orders: n,
      now: now(),
      clientId: credentials.client,
      users,
      bigOrderLines: options.bigOrderLines,
    });

  const loaded = options.dataFile ? loadData(options.dataFile) : undefined;
  const store = new SandboxStore(loaded ?? generate(seed, orderCount, defaultUsers()));
  const auth = new SellerAuth(store, options.tokenTtlMs ?? 3600 * 1000);
  const perSecond =
    options.listRateLimit === false ? undefined : (options.listRateLimit?.perSecond ?? 2);
  const limiter = perSecond === undefined ? undefined : new SlidingWindowLimiter(perSecond);
  const faults = new FaultInjector();
  const requests = new RequestLog();
  const urls = { url: '', marketplaceUrl: '', adminUrl: '' };

  const api = apiRouter(auth, () => credentials.client);
  const admin = new Router(
    adminRoutes({
      store,
      auth,
      faults,
      limiter: limiter ?? { take: () => ({ allowed: true }), reset: () => undefined },
      requests,
      initialSeed: { seed, orders: orderCount },
      regenerate(s, n) {
        const fresh = generate(s, n, store.data.users);
        // Users and seller tokens survive a reseed so a signed-in app stays signed in.
        fresh.tokens = store.data.tokens;
        store.replace(fresh);
      },
      info: () => ({
        ...urls,
        credentials,
        marketplaceApps: store.data.marketplaceApps,
        seed: store.data.seed,
        orders: store.orders.length,
      }),
    }),
  );

  const saver = options.dataFile ? saveOnChange(store, options.dataFile) : undefined;

  const server = createSandboxServer({ store, auth, api, admin, faults, limiter, requests, now });
  const port = await listen(server, options.port ?? 0);
  urls.url = `http://127.0.0.1:${port}`;
  urls.marketplaceUrl = `${urls.url}${MARKETPLACE_PREFIX}`;
  urls.adminUrl = `${urls.url}${ADMIN_PREFIX}`;

  return {
    ...urls,
    credentials,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      saver?.flush();
    },
  };
}

/** The seller API and the Order Source API, served side by side on one port. */
function apiRouter(auth: SellerAuth, defaultSellerClient: () => string): Router {
  return new Router([
    ...tokenRoutes(auth),
    ...orderRoutes(),
    ...fulfillmentRequestRoutes(),
    ...fulfillmentRoutes(),
    ...cancellationRoutes(),
    ...refundRoutes(),
    ...returnRoutes(),
    ...marketplaceRoutes(defaultSellerClient),
  ]);
}

/** Writes the data to `file` now and again, debounced, after every change. */
function saveOnChange(store: SandboxStore, file: string): DebouncedSaver {
  const saver = new DebouncedSaver(file, () => store.data);
  store.onChange(() => saver.schedule());
  saver.flush();
  return saver;
}

/** Listens on 127.0.0.1 (port 0: any free port) and answers the port taken. */
async function listen(server: Server, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}
