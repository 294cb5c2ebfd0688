// Raw-HTTP harness for sandbox tests: a sandbox on port 0 with a fake clock, plain fetch
// calls (never the project's FeedAMP client), and a few shortcuts for common setup.
import {
  startSandbox,
  type RunningSandbox,
  type SandboxOptions,
} from '../../../main/sandbox/index';

export const START = Date.parse('2025-06-02T15:00:00Z');

interface Reply<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

export interface Harness {
  sb: RunningSandbox;
  clock: { now: number; advance: (ms: number) => void };
  token: () => Promise<string>;
  /** Seller API call with a cached token and the demo client header. */
  api: <T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) => Promise<Reply<T>>;
  raw: <T = Record<string, unknown>>(url: string, init?: RequestInit) => Promise<Reply<T>>;
  admin: <T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
  ) => Promise<Reply<T>>;
  /** The first order of that state nothing was shipped from and the seller may ship. */
  firstOrder: (state?: string, minLines?: number) => Promise<Order>;
  close: () => Promise<void>;
}

interface OrderLine {
  id: string;
  quantity: number;
  sku: string;
  marketplace_line_number: string;
}
export interface Order {
  id: string;
  normalized_marketplace_state: string;
  marketplace_state_changed_at: string;
  marketplace_name: string;
  marketplace_order_number: string;
  order_lines: OrderLine[];
  [key: string]: unknown;
}

export const basic = (user: string, password: string): string =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

async function parse<T>(res: Response): Promise<Reply<T>> {
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    body: (text ? JSON.parse(text) : undefined) as T,
  };
}

/**
 * Each request moves the fake clock on by `autoAdvanceMs` (default 600 ms), which keeps
 * ordinary tests under the 2-per-second list limit; rate-limit tests pass 0.
 */
export async function startHarness(
  options: SandboxOptions & { autoAdvanceMs?: number } = {},
): Promise<Harness> {
  const { autoAdvanceMs = 600, ...rest } = options;
  const clock = {
    now: START,
    advance(ms: number) {
      clock.now += ms;
    },
  };
  const sb = await startSandbox({ orders: 60, now: () => new Date(clock.now), ...rest });
  let cached: string | undefined;
  const raw = async <T>(url: string, init?: RequestInit): Promise<Reply<T>> => {
    clock.advance(autoAdvanceMs);
    return parse<T>(await fetch(url, init));
  };
  const token = async (): Promise<string> => {
    if (cached) return cached;
    const r = await raw<{ token: string }>(`${sb.url}/api/v1/get_token`, {
      headers: { authorization: basic(sb.credentials.user, sb.credentials.password) },
    });
    if (r.status !== 200) throw new Error(`get_token answered ${r.status}`);
    cached = r.body.token;
    return cached;
  };
  const api = async <T>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) =>
    raw<T>(`${sb.url}${path}`, {
      method,
      headers: {
        token: await token(),
        client: sb.credentials.client,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const admin = async <T>(method: string, path: string, body?: unknown) =>
    parse<T>(
      await fetch(`${sb.adminUrl}${path}`, {
        method,
        ...(body === undefined
          ? {}
          : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
      }),
    );
  const firstOrder = async (state = 'AWAITING_SHIPMENT', minLines = 1): Promise<Order> => {
    const r = await api<{ orders: Order[] }>(
      'GET',
      `/api/v2/orders?normalized_marketplace_state=${state}&limit=250`,
    );
    // An order nobody has shipped from yet, so tests know exactly how many units are left.
    const pristine: Order[] = [];
    for (const o of r.body.orders) {
      if (o.order_lines.length < minLines) continue;
      if (o.is_marketplace_fulfilled === true) continue; // the seller may not ship these
      const f = await api<{ fulfillments: unknown[] }>(
        'GET',
        `/api/v2/orders/${o.id}/fulfillments`,
      );
      if (f.body.fulfillments.length === 0) pristine.push(o);
      if (pristine.length) break;
    }
    const found = pristine[0];
    if (!found) throw new Error(`no ${state} order with ${minLines}+ lines in the demo data`);
    return found;
  };
  return { sb, clock, token, api, raw, admin, firstOrder, close: () => sb.close() };
}

export function shipmentBody(
  lines: { line_id: string; quantity: number }[],
  tracking = '1Z999AA10123456784',
) {
  return {
    fulfillment_type: 'shipment',
    fulfillment_lines: lines,
    shipment: {
      shipped_date: '2025-06-02T10:30:00-05:00',
      carrier: 'UPS',
      tracking_number: tracking,
    },
  };
}
