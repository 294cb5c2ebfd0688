// node:http glue: read the request, apply faults, authenticate, rate-limit, dispatch, answer.
// Handlers return a response value instead of writing to the socket, which is what lets a
// "lost answer" fault apply a write and then drop the connection, and a held request apply
// after its client has gone.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { ADMIN_PREFIX } from './admin';
import type { SellerAuth } from './auth';
import type { FaultInjector } from './faults';
import {
  firstHeader,
  HttpError,
  serializeJson,
  type SandboxRequest,
  type SandboxResponse,
} from './http';
import { authenticateMarketplace } from './marketplace-oauth';
import { tryOtherWrite } from './other-client';
import type { RateDecision } from './rate-limit';
import type { RequestLog } from './request-log';
import type { RouteContext, Router } from './router';
import type { SandboxStore } from './state';

const MAX_BODY_BYTES = 1024 * 1024;

export interface RateLimiterHandle {
  take: (key: string, now: number) => RateDecision;
  reset: () => void;
}

export interface ServerDeps {
  store: SandboxStore;
  auth: SellerAuth;
  api: Router;
  admin: Router;
  faults: FaultInjector;
  limiter: RateLimiterHandle | undefined;
  requests: RequestLog;
  now: () => number;
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge());
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseRequestBody(
  raw: string,
  contentType: string | undefined,
): { body?: unknown; error?: string } {
  if (raw.length === 0) return {};
  if (contentType?.includes('application/x-www-form-urlencoded')) {
    return { body: Object.fromEntries(new URLSearchParams(raw)) };
  }
  try {
    return { body: JSON.parse(raw) as unknown };
  } catch {
    return { error: 'The request body is not valid JSON.' };
  }
}

function send(res: ServerResponse, response: SandboxResponse): void {
  const headers: Record<string, string> = { ...(response.headers ?? {}) };
  if (response.body === undefined || response.status === 204) {
    res.writeHead(response.status, headers);
    res.end();
    return;
  }
  const text = serializeJson(response.body);
  headers['content-type'] = 'application/json; charset=utf-8';
  headers['content-length'] = String(Buffer.byteLength(text));
  res.writeHead(response.status, headers);
  res.end(text);
}

function errorResponse(error: unknown): SandboxResponse {
  if (error instanceof HttpError) {
    return { status: error.status, body: { error: error.message }, headers: error.headers };
  }
  console.error('[sandbox] handler failed', error);
  return { status: 500, body: { error: 'The sandbox failed to handle this request.' } };
}

function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

function dispatch(
  deps: ServerDeps,
  router: Router,
  request: SandboxRequest,
  now: number,
): SandboxResponse {
  try {
    const match = router.match(request.method, request.path);
    if (match === undefined)
      throw new HttpError(404, `No route for ${request.method} ${request.path}.`);
    if (match === 'method')
      throw new HttpError(405, `${request.method} is not allowed on ${request.path}.`);
    const { route, params } = match;
    const ctx: RouteContext = { req: request, params, store: deps.store, now };
    if (route.auth === 'seller') {
      ctx.seller = deps.auth.authenticate(request.headers, now);
      if (route.rateLimited && deps.limiter) {
        const decision = deps.limiter.take(ctx.seller.user, now);
        if (!decision.allowed) {
          throw new HttpError(
            429,
            `Too many list requests: at most 2 per second for user ${ctx.seller.user}; retry after ${decision.retryAfterSeconds} s.`,
            { 'retry-after': String(decision.retryAfterSeconds) },
          );
        }
      }
    } else if (route.auth === 'bearer') {
      ctx.grant = authenticateMarketplace(
        deps.store,
        firstHeader(request.headers, 'authorization'),
        now,
      );
    }
    if (request.bodyError) throw new HttpError(400, request.bodyError);
    return route.handle(ctx);
  } catch (error) {
    return errorResponse(error);
  }
}

export function createSandboxServer(deps: ServerDeps): Server {
  // Held requests (slow, slowApply) end when the sandbox closes instead of applying a write
  // into a store nobody is looking at any more.
  const closing = new AbortController();
  const server = createServer((req, res) => {
    handle(deps, req, res, closing.signal).catch((error: unknown) => {
      if (closing.signal.aborted) return;
      if (error instanceof BodyTooLarge) {
        if (!res.headersSent)
          send(res, { status: 413, body: { error: 'The request body is larger than 1 MB.' } });
        return;
      }
      console.error('[sandbox] request failed', error);
      if (!res.headersSent) send(res, errorResponse(error));
    });
  });
  server.once('close', () => closing.abort());
  return server;
}

function connectionOpen(req: IncomingMessage, res: ServerResponse): boolean {
  return !req.socket.destroyed && !res.destroyed;
}

async function handle(
  deps: ServerDeps,
  req: IncomingMessage,
  res: ServerResponse,
  closing: AbortSignal,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const method = (req.method ?? 'GET').toUpperCase();
  const path = url.pathname;
  const raw = await readBody(req);
  const parsed = parseRequestBody(raw, firstHeader(req.headers, 'content-type'));
  const request: SandboxRequest = {
    method,
    path,
    query: url.searchParams,
    headers: req.headers,
    body: parsed.body,
    rawBody: raw,
    ...(parsed.error ? { bodyError: parsed.error } : {}),
  };

  if (path === ADMIN_PREFIX || path.startsWith(`${ADMIN_PREFIX}/`)) {
    if (!isLoopback(req.socket.remoteAddress)) {
      send(res, {
        status: 403,
        body: { error: 'The admin surface answers loopback callers only.' },
      });
      return;
    }
    send(res, dispatch(deps, deps.admin, request, deps.now()));
    return;
  }

  deps.requests.add(
    method,
    path,
    url.searchParams,
    req.headers,
    parsed.body ?? (raw ? raw : undefined),
    new Date(deps.now()).toISOString(),
  );

  if (deps.faults.active && (await answeredByFault(deps, req, res, request, closing))) return;
  send(res, dispatch(deps, deps.api, request, deps.now()));
}

/**
 * Plays the injected fault for this request, if one is due. True when the fault has answered
 * (or dropped) the request; false when the request should now be dispatched as usual.
 */
async function answeredByFault(
  deps: ServerDeps,
  req: IncomingMessage,
  res: ServerResponse,
  request: SandboxRequest,
  closing: AbortSignal,
): Promise<boolean> {
  const { method, path } = request;
  const decision = deps.faults.decide(method, path);
  if (decision.delayMs > 0) await sleep(decision.delayMs, undefined, { signal: closing });
  if (decision.kind === 'error') {
    send(res, {
      status: decision.status,
      body: {
        error:
          decision.status === 503 ? 'Service temporarily unavailable.' : 'Internal server error.',
      },
    });
    return true;
  }
  if (decision.kind === 'rateLimited') {
    send(res, {
      status: 429,
      headers: { 'retry-after': String(decision.retryAfterSeconds) },
      body: { error: 'Too many requests.' },
    });
    return true;
  }
  if (decision.kind === 'reset') {
    req.socket.destroy();
    return true;
  }
  if (decision.kind === 'lostAnswer') {
    dispatch(deps, deps.api, request, deps.now());
    req.socket.destroy();
    return true;
  }
  if (decision.kind === 'slowApply') {
    await sleep(decision.holdMs, undefined, { signal: closing });
    // Applied whether or not the client is still waiting: a real server does not notice.
    const response = dispatch(deps, deps.api, request, deps.now());
    if (decision.loseAnswer) req.socket.destroy();
    else if (connectionOpen(req, res)) send(res, response);
    return true;
  }
  if (decision.kind === 'otherWrite') {
    const { kind, orderId, body } = decision.write;
    deps.faults.noteOtherWrite(tryOtherWrite(deps.store, kind, orderId, body, deps.now()));
  }
  return false;
}
