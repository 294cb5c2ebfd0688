// Browser-mode transport: the same handler table over HTTP (calls) and Server-Sent Events
// (events). Bound to loopback by host.ts; here every request must also name our own host
// (no DNS rebinding), come from our own origin when it says where it comes from (no
// cross-site calls), and carry the per-launch secret. Nothing a client sends may throw out of
// this file: a malformed address or body is a 4xx, never a dead process.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  HTTP_CALL_PREFIX,
  HTTP_EVENTS_PATH,
  SECRET_HEADER,
  SECRET_QUERY,
  type ErrorCode,
  type Reply,
} from '../../preload/contract';
import type { Logger } from '../log';
import { dispatch, inputByteLimit, type Handlers } from './dispatch';
import type { EventBus } from './events';

const KEEPALIVE_MS = 15_000;
const WRONG_PAGE = 'This page is not the one Packline opened; use the address it printed.';

export interface HttpBridgeOptions {
  handlers: Handlers;
  bus: EventBus;
  log: Logger;
  secret: string;
  /** Called once, on the first request that carries the secret: the page has taken it. */
  onSecretUsed?: () => void;
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

/**
 * The request target as a URL, or null when it is not a plain path. Browsers only ever send
 * a path here ("origin form"); an absolute URL, `host:port`, `*` or `//host/…` is not ours.
 */
export function parseRequestTarget(target: string | undefined): URL | null {
  if (!target?.startsWith('/') || target.startsWith('//')) return null;
  try {
    return new URL(target, 'http://127.0.0.1');
  } catch {
    return null;
  }
}

/** decodeURIComponent that answers null for a broken escape (`%E0%A4%A`) or a NUL byte. */
export function decodePath(text: string): string | null {
  try {
    const decoded = decodeURIComponent(text);
    return decoded.includes('\0') ? null : decoded;
  } catch {
    return null;
  }
}

function sameSecret(given: string | undefined, secret: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  extraHeaders: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, {
    'content-type': 'application/json',
    'cache-control': 'no-store',
    ...extraHeaders,
  });
  res.end(text);
}

function sendError(
  res: ServerResponse,
  status: number,
  code: ErrorCode,
  message: string,
  extraHeaders?: Record<string, string>,
): void {
  const reply: Reply<never> = { ok: false, error: { code, message } };
  sendJson(res, status, reply, extraHeaders);
}

/** HTTP status for a reply, so a client (or a fuzzer) sees a refused input as a 4xx. */
function statusOf(reply: Reply<unknown>): number {
  if (reply.ok) return 200;
  if (reply.error.code === 'BAD_INPUT') return 400;
  if (reply.error.code === 'UNKNOWN_METHOD') return 404;
  return 200;
}

/**
 * How much of a too-large body is still read (and thrown away) so the client, which is
 * usually still sending, receives the 413 and its sentence rather than a reset connection.
 */
const DRAIN_BYTES = 16 * 1024 * 1024;

type Body = { text: string } | { tooLarge: true };

/**
 * Reads the body up to `limit` bytes. Past the limit nothing more is kept; past `limit` plus
 * DRAIN_BYTES it stops reading at once.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Body> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else chunks.length = 0;
      if (size > limit + DRAIN_BYTES) {
        cleanup();
        req.pause();
        resolve({ tooLarge: true });
      }
    };
    const onEnd = () => {
      cleanup();
      resolve(size > limit ? { tooLarge: true } : { text: Buffer.concat(chunks).toString('utf8') });
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onClose = () => onError(new Error('the client went away before sending the body'));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

export class HttpBridge {
  private readonly streams = new Set<ServerResponse>();
  private readonly unsubscribe: () => void;
  private readonly keepalive: NodeJS.Timeout;
  private secretUsed = false;

  constructor(private readonly options: HttpBridgeOptions) {
    this.unsubscribe = options.bus.subscribe((event, payload) => {
      this.broadcast(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
    });
    this.keepalive = setInterval(() => this.broadcast(': keepalive\n\n'), KEEPALIVE_MS);
    this.keepalive.unref();
  }

  /** Handles bridge paths; returns false for anything else (static files). */
  handle(url: URL, req: IncomingMessage, res: ServerResponse): boolean {
    if (url.pathname === HTTP_EVENTS_PATH) {
      this.openEventStream(url, req, res);
      return true;
    }
    if (url.pathname.startsWith(HTTP_CALL_PREFIX)) {
      this.call(url.pathname.slice(HTTP_CALL_PREFIX.length), req, res).catch((error: unknown) => {
        this.options.log.error('bridge request failed', { error });
        if (!res.headersSent) {
          sendError(
            res,
            500,
            'INTERNAL',
            'Something went wrong inside Packline; the log has the details.',
          );
        } else res.destroy();
      });
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

  private broadcast(frame: string): void {
    for (const res of this.streams) {
      if (res.destroyed || res.writableEnded) this.streams.delete(res);
      else res.write(frame);
    }
  }

  private checkSecret(given: string | undefined): boolean {
    if (!sameSecret(given, this.options.secret)) return false;
    if (!this.secretUsed) {
      this.secretUsed = true;
      try {
        this.options.onSecretUsed?.();
      } catch (error) {
        this.options.log.warn('could not finish handing over the secret', { error });
      }
    }
    return true;
  }

  private async call(encoded: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { log, handlers } = this.options;
    const method = decodePath(encoded);
    if (method === null) {
      return sendError(res, 400, 'BAD_INPUT', 'This address is not a Packline action.');
    }
    if (req.method !== 'POST') {
      return sendError(res, 405, 'FORBIDDEN', 'Bridge calls are POST requests.');
    }
    const given = req.headers[SECRET_HEADER];
    if (!this.checkSecret(typeof given === 'string' ? given : undefined)) {
      log.warn('bridge call refused: missing or wrong secret', { method: method.slice(0, 100) });
      return sendError(res, 403, 'FORBIDDEN', WRONG_PAGE);
    }
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendError(res, 415, 'BAD_INPUT', 'Bridge calls send JSON.');
    }
    const limit = inputByteLimit(method);
    const tooLarge = () => {
      log.warn('bridge call refused: body too large', { method: method.slice(0, 100) });
      const mb = limit / 1024 / 1024;
      // Close the connection: whatever is left of the body is never read.
      sendError(
        res,
        413,
        'BAD_INPUT',
        `This request is larger than ${mb} MB; Packline refused it.`,
        {
          connection: 'close',
        },
      );
    };
    if (Number(req.headers['content-length'] ?? 0) > limit + DRAIN_BYTES) return tooLarge();
    const body = await readBody(req, limit);
    if ('tooLarge' in body) return tooLarge();
    let input: unknown;
    try {
      input = body.text ? (JSON.parse(body.text) as unknown) : {};
    } catch {
      return sendError(res, 400, 'BAD_INPUT', 'The request was not valid JSON.');
    }
    const reply = await dispatch(handlers, method, input, log);
    sendJson(res, statusOf(reply), reply);
  }

  private openEventStream(url: URL, req: IncomingMessage, res: ServerResponse): void {
    // EventSource cannot set headers, so the secret travels in the query for this one path.
    if (!this.checkSecret(url.searchParams.get(SECRET_QUERY) ?? undefined)) {
      return sendError(res, 403, 'FORBIDDEN', WRONG_PAGE);
    }
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    res.write('retry: 1000\n\n');
    this.streams.add(res);
    // A page that vanishes mid-write must not leave an unhandled 'error' behind.
    res.on('error', () => this.streams.delete(res));
    req.on('close', () => this.streams.delete(res));
  }
}
