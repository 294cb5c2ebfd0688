// Browser-mode transport: the same handler table over HTTP (calls) and Server-Sent Events
// (events). Bound to loopback by host.ts; here every request must also name our own host
// (no DNS rebinding), come from our own origin when it says where it comes from (no
// cross-site calls), and carry the per-launch secret.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  HTTP_CALL_PREFIX,
  HTTP_EVENTS_PATH,
  SECRET_HEADER,
  SECRET_QUERY,
  type Reply,
} from '../../preload/contract';
import type { Logger } from '../log';
import { dispatch, type Handlers } from './dispatch';
import type { EventBus } from './events';

const MAX_BODY_BYTES = 10 * 1024 * 1024;
const KEEPALIVE_MS = 15_000;

export interface HttpBridgeOptions {
  handlers: Handlers;
  bus: EventBus;
  log: Logger;
  secret: string;
}

/** Why a request must be refused before anything else, or null when it may proceed. */
export function foreignRequestReason(req: IncomingMessage, port: number): string | null {
  const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!allowedHosts.includes(req.headers.host ?? '')) return 'foreign Host header';
  const origin = req.headers.origin;
  if (origin !== undefined && !allowedHosts.some((h) => origin === `http://${h}`)) {
    return 'foreign Origin header';
  }
  return null;
}

function sameSecret(given: string | undefined, secret: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function refuse(res: ServerResponse, status: number, message: string): void {
  const reply: Reply<never> = { ok: false, error: { code: 'FORBIDDEN', message } };
  sendJson(res, status, reply);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as unknown) : {};
}

export class HttpBridge {
  private readonly streams = new Set<ServerResponse>();
  private readonly unsubscribe: () => void;
  private readonly keepalive: NodeJS.Timeout;

  constructor(private readonly options: HttpBridgeOptions) {
    this.unsubscribe = options.bus.subscribe((event, payload) => {
      const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
      for (const res of this.streams) res.write(frame);
    });
    this.keepalive = setInterval(() => {
      for (const res of this.streams) res.write(': keepalive\n\n');
    }, KEEPALIVE_MS);
    this.keepalive.unref();
  }

  /** Handles bridge paths; returns false for anything else (static files). */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === HTTP_EVENTS_PATH) {
      this.openEventStream(url, req, res);
      return true;
    }
    if (url.pathname.startsWith(HTTP_CALL_PREFIX)) {
      void this.call(decodeURIComponent(url.pathname.slice(HTTP_CALL_PREFIX.length)), req, res);
      return true;
    }
    return false;
  }

  close(): void {
    this.unsubscribe();
    clearInterval(this.keepalive);
    for (const res of this.streams) res.end();
    this.streams.clear();
  }

  private async call(method: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { secret, log, handlers } = this.options;
    if (req.method !== 'POST') return refuse(res, 405, 'Bridge calls are POST requests.');
    if (!sameSecret(req.headers[SECRET_HEADER] as string | undefined, secret)) {
      log.warn('bridge call refused: missing or wrong secret', { method });
      return refuse(
        res,
        403,
        'This page is not the one Packline opened; use the address it printed.',
      );
    }
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return refuse(res, 415, 'Bridge calls send JSON.');
    }
    let input: unknown;
    try {
      input = await readJson(req);
    } catch {
      const reply: Reply<never> = {
        ok: false,
        error: { code: 'BAD_INPUT', message: 'The request was not valid JSON.' },
      };
      return sendJson(res, 400, reply);
    }
    sendJson(res, 200, await dispatch(handlers, method, input, log));
  }

  private openEventStream(url: URL, req: IncomingMessage, res: ServerResponse): void {
    // EventSource cannot set headers, so the secret travels in the query for this one path.
    if (!sameSecret(url.searchParams.get(SECRET_QUERY) ?? undefined, this.options.secret)) {
      return refuse(
        res,
        403,
        'This page is not the one Packline opened; use the address it printed.',
      );
    }
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    res.write('retry: 1000\n\n');
    this.streams.add(res);
    req.on('close', () => this.streams.delete(res));
  }
}
