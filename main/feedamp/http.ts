// The one place bytes go to FeedAMP: undici with timeouts, and transport failures sorted by
// whether the request can have reached the server — the outbox depends on that distinction.
import { Agent, request, type Dispatcher } from 'undici';

export interface Timeouts {
  /** TCP/TLS connect. A connect timeout means nothing was sent. */
  connectMs?: number;
  /** From the request leaving to the response headers arriving. */
  headersMs?: number;
  /** Longest silence while the response body streams in. */
  bodyMs?: number;
}

export const DEFAULT_TIMEOUTS: Required<Timeouts> = {
  connectMs: 5_000,
  headersMs: 20_000,
  bodyMs: 20_000,
};

export function makeAgent(timeouts: Required<Timeouts>): Agent {
  return new Agent({
    connect: { timeout: timeouts.connectMs },
    headersTimeout: timeouts.headersMs,
    bodyTimeout: timeouts.bodyMs,
    keepAliveTimeout: 4_000,
  });
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | undefined>;
  text: string;
}

/** Why a request produced no HTTP response. */
export type TransportFailureKind = 'not_sent' | 'maybe_sent' | 'aborted';

export class TransportFailure extends Error {
  constructor(
    readonly kind: TransportFailureKind,
    readonly errorCode: string,
    override readonly cause: unknown,
  ) {
    super(`${kind}: ${errorCode}`);
  }
}

// Failures that happen before a byte of the request can have left this machine.
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENETDOWN',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_INVALID_ARG',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
]);

function errorCodeOf(e: unknown): string {
  if (e && typeof e === 'object') {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    const name = (e as { name?: unknown }).name;
    if (typeof name === 'string') return name;
  }
  return 'UNKNOWN';
}

export function classifyTransportError(e: unknown, signal?: AbortSignal): TransportFailure {
  if (signal?.aborted) return new TransportFailure('aborted', 'ABORTED', e);
  let code = errorCodeOf(e);
  // Node wraps some connect failures (e.g. happy-eyeballs) in an AggregateError.
  if (e instanceof AggregateError && e.errors.length > 0) {
    const codes = e.errors.map(errorCodeOf);
    if (codes.every((c) => NOT_SENT_CODES.has(c))) code = codes[0]!;
  }
  // Anything else — reset after sending, headers or body timeout, socket closed — may have
  // reached FeedAMP; when unsure, say so rather than risk a duplicate shipment.
  return new TransportFailure(NOT_SENT_CODES.has(code) ? 'not_sent' : 'maybe_sent', code, e);
}

export async function send(
  dispatcher: Dispatcher,
  timeouts: Required<Timeouts>,
  req: HttpRequest,
): Promise<HttpResponse> {
  let res: Dispatcher.ResponseData;
  try {
    res = await request(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      signal: req.signal,
      dispatcher,
      headersTimeout: timeouts.headersMs,
      bodyTimeout: timeouts.bodyMs,
    });
  } catch (e) {
    throw classifyTransportError(e, req.signal);
  }
  let text: string;
  try {
    text = await res.body.text();
  } catch (e) {
    throw classifyTransportError(e, req.signal);
  }
  const headers: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(res.headers)) {
    headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return { status: res.statusCode, headers, text };
}
