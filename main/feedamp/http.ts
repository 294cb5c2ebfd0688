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
  /**
   * The whole call — every attempt, retry wait and budget wait — ends here. The idle timeouts
   * above never fire for a server that sends one byte a second; this does.
   */
  callMs?: number;
  /** The same for one page of a list, which can be megabytes. */
  listCallMs?: number;
}

export const DEFAULT_TIMEOUTS: Required<Timeouts> = {
  connectMs: 5_000,
  headersMs: 20_000,
  bodyMs: 20_000,
  callMs: 30_000,
  listCallMs: 60_000,
};

/** The most Packline reads of one answer; a bigger one is refused, not buffered. */
export interface ResponseLimits {
  /** One record (an order, a fulfillment, a token). */
  recordBytes?: number;
  /**
   * One list page. 250 sandbox orders with `include_raw_data` measure 0.65–0.69 MB; a real
   * marketplace's raw data is larger, so the cap leaves about forty times that.
   */
  listBytes?: number;
  /** An error answer: only its first sentence is used, so the rest is not read. */
  errorBytes?: number;
}

export const DEFAULT_LIMITS: Required<ResponseLimits> = {
  recordBytes: 4 * 1024 * 1024,
  listBytes: 32 * 1024 * 1024,
  errorBytes: 64 * 1024,
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
  /** An error answer longer than the error cap: `text` is its beginning. */
  truncated?: boolean;
}

/** A success answer bigger than the cap: it was not read to the end. */
export class ResponseOversize extends Error {
  constructor(
    readonly status: number,
    readonly limitBytes: number,
    /** Bytes read before stopping, or the declared Content-Length when it alone was too big. */
    readonly seenBytes: number,
  ) {
    super(`response over ${limitBytes} bytes (${seenBytes} seen)`);
  }
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

function classifyTransportError(e: unknown, signal?: AbortSignal): TransportFailure {
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
  limits: { successBytes: number; errorBytes: number } = {
    successBytes: DEFAULT_LIMITS.recordBytes,
    errorBytes: DEFAULT_LIMITS.errorBytes,
  },
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
  const headers: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(res.headers)) {
    headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  const success = res.statusCode >= 200 && res.statusCode < 300;
  const cap = success ? limits.successBytes : limits.errorBytes;
  const declared = Number(headers['content-length']);
  if (success && Number.isFinite(declared) && declared > cap) {
    res.body.destroy();
    throw new ResponseOversize(res.statusCode, cap, declared);
  }
  // Read chunk by chunk, counting: res.body.text() would buffer whatever the server sends.
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  try {
    for await (const chunk of res.body) {
      const buffer = chunk as Buffer;
      if (size + buffer.length > cap) {
        if (success) {
          res.body.destroy();
          throw new ResponseOversize(res.statusCode, cap, size + buffer.length);
        }
        chunks.push(buffer.subarray(0, cap - size));
        size = cap;
        truncated = true;
        res.body.destroy();
        break;
      }
      chunks.push(buffer);
      size += buffer.length;
    }
  } catch (e) {
    if (e instanceof ResponseOversize) throw e;
    throw classifyTransportError(e, req.signal);
  }
  return {
    status: res.statusCode,
    headers,
    text: Buffer.concat(chunks).toString('utf8'),
    truncated,
  };
}
