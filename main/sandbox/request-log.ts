// A log of raw requests as received, so contract tests can check what a client really sent
// against openapi.yaml. Secrets are replaced, not dropped, so "header present" still shows.
import type { IncomingHttpHeaders } from 'node:http';

export interface LoggedRequest {
  seq: number;
  at: string;
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string | string[]>;
  body?: unknown;
}

const MAX_ENTRIES = 20_000;
const SECRET_HEADERS = new Set(['token', 'cookie', 'proxy-authorization']);

function redactHeaders(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (name === 'authorization') {
      const scheme = String(value).split(' ')[0] ?? '';
      // A well-formed placeholder keeps "Basic <base64>" checks meaningful.
      out[name] =
        scheme.toLowerCase() === 'basic'
          ? 'Basic cmVkYWN0ZWQ6cmVkYWN0ZWQ='
          : `${scheme} [redacted]`;
    } else if (SECRET_HEADERS.has(name)) {
      out[name] = '[redacted]';
    } else {
      out[name] = value;
    }
  }
  return out;
}

function queryObject(query: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of query) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

/** Request bodies may carry OAuth secrets; those fields are replaced as well. */
function redactBody(body: unknown): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const copy: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  for (const key of ['client_secret', 'refresh_token', 'code', 'password']) {
    if (key in copy) copy[key] = '[redacted]';
  }
  return copy;
}

export class RequestLog {
  private entries: LoggedRequest[] = [];
  private seq = 0;

  add(
    method: string,
    path: string,
    query: URLSearchParams,
    headers: IncomingHttpHeaders,
    body: unknown,
    at: string,
  ): void {
    this.seq += 1;
    this.entries.push({
      seq: this.seq,
      at,
      method,
      path,
      query: queryObject(query),
      headers: redactHeaders(headers),
      ...(body === undefined ? {} : { body: redactBody(body) }),
    });
    if (this.entries.length > MAX_ENTRIES)
      this.entries.splice(0, this.entries.length - MAX_ENTRIES);
  }

  since(seq: number): { requests: LoggedRequest[]; last: number } {
    return { requests: this.entries.filter((e) => e.seq > seq), last: this.seq };
  }

  clear(): void {
    this.entries = [];
  }
}
