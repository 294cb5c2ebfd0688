import type { IncomingHttpHeaders } from 'node:http';

export interface SandboxRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Parsed JSON (or form fields for urlencoded bodies); undefined when the body was empty. */
  body: unknown;
  rawBody: string;
  /** Set when a body was sent but could not be parsed; handlers answer 400 with it. */
  bodyError?: string;
}

export interface SandboxResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Thrown by handlers; becomes `{"error": message}` with the status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (message: string): HttpError => new HttpError(400, message);
export const notFound = (message: string): HttpError => new HttpError(404, message);

export const ok = (body: unknown): SandboxResponse => ({ status: 200, body });
export const created = (body: unknown): SandboxResponse => ({ status: 201, body });
export const noContent = (): SandboxResponse => ({ status: 204 });

/**
 * FulfillmentRequest.order_id is typed `integer` in the reference, yet 18-digit ids exceed
 * 2^53. Wrapping the digit string lets the serializer print the exact digits as a JSON number
 * without the value ever passing through a JS number.
 */
export class JsonInteger {
  constructor(readonly digits: string) {}
  toJSON(): string {
    return `\u0000int:${this.digits}`;
  }
}

export function serializeJson(body: unknown): string {
  const text = JSON.stringify(body);
  return text.includes('\\u0000int:') ? text.replace(/"\\u0000int:(\d+)"/g, '$1') : text;
}

export function firstHeader(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
