// A tiny scripted FeedAMP for fault tests: each request is answered by the test's handler,
// and every request is recorded raw (method, path, query, headers, body).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  /** Path with the raw query string, as sent. */
  url: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  rawBody: string;
}

export type Reply =
  | {
      status: number;
      body?: unknown;
      raw?: string;
      headers?: Record<string, string>;
      delayMs?: number;
    }
  | { destroy: true; delayMs?: number }
  | { hang: true }
  /** Sends the headers and the start of a body, then goes silent. */
  | { stallBody: string }
  /** Sends the body one byte every `everyMs`: never silent long enough for an idle timeout. */
  | { drip: string; everyMs: number }
  /**
   * Streams `bytes` of a JSON string body in 64 KB chunks as the socket drains, never holding
   * more than one chunk; `declareLength` sends Content-Length up front (else chunked).
   */
  | { streamBytes: number; declareLength?: boolean };

export type Handler = (req: RecordedRequest, index: number) => Reply | Promise<Reply>;

export interface ScriptedServer {
  url: string;
  requests: RecordedRequest[];
  /** Bytes of the last streamBytes body written to the socket so far. */
  streamed: { bytes: number };
  setHandler: (handler: Handler) => void;
  close: () => Promise<void>;
}

export const TOKEN_REPLY = (token: string): Reply => ({ status: 200, body: { token } });

export async function startScriptedServer(handler: Handler): Promise<ScriptedServer> {
  let current = handler;
  const requests: RecordedRequest[] = [];
  const open = new Set<ServerResponse>();
  const streamed = { bytes: 0 };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const rawBody = Buffer.concat(chunks).toString('utf8');
        const u = new URL(req.url ?? '/', 'http://x');
        let body: unknown;
        try {
          body = rawBody ? (JSON.parse(rawBody) as unknown) : undefined;
        } catch {
          body = rawBody;
        }
        const recorded: RecordedRequest = {
          method: req.method ?? 'GET',
          path: u.pathname,
          url: req.url ?? '/',
          query: Object.fromEntries(u.searchParams),
          headers: req.headers,
          body,
          rawBody,
        };
        requests.push(recorded);
        const reply = await current(recorded, requests.length - 1);
        if ('hang' in reply) {
          open.add(res);
          return;
        }
        if ('drip' in reply) {
          open.add(res);
          res.writeHead(200, { 'content-type': 'application/json' });
          let i = 0;
          const timer = setInterval(() => {
            if (i >= reply.drip.length || res.destroyed) {
              clearInterval(timer);
              if (!res.destroyed) res.end();
              return;
            }
            res.write(reply.drip[i++]!);
          }, reply.everyMs);
          res.on('close', () => clearInterval(timer));
          return;
        }
        if ('streamBytes' in reply) {
          open.add(res);
          const total = reply.streamBytes;
          res.writeHead(200, {
            'content-type': 'application/json',
            ...(reply.declareLength ? { 'content-length': total } : {}),
          });
          const chunk = Buffer.alloc(64 * 1024, 'x');
          let sent = 0;
          const pump = (): void => {
            while (sent < total && !res.destroyed) {
              const n = Math.min(chunk.length, total - sent);
              sent += n;
              streamed.bytes = sent;
              if (!res.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
                res.once('drain', pump);
                return;
              }
            }
            if (!res.destroyed) res.end();
          };
          res.on('error', () => undefined);
          pump();
          return;
        }
        if ('stallBody' in reply) {
          open.add(res);
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': 1_000_000 });
          res.write(reply.stallBody);
          return;
        }
        if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
        if ('destroy' in reply) {
          req.socket.destroy();
          return;
        }
        const text = reply.raw ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
        res.writeHead(reply.status, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(text),
          ...reply.headers,
        });
        res.end(text);
      })();
    });
  });
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    streamed,
    setHandler(h) {
      current = h;
    },
    async close() {
      if (!server.listening) return;
      for (const res of open) res.socket?.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Virtual time: sleep() moves the clock forward instead of waiting. */
export function fakeClock(start = 1_700_000_000_000) {
  let t = start;
  const sleeps: number[] = [];
  return {
    now: () => t,
    sleeps,
    advance(ms: number) {
      t += ms;
    },
    sleep: async (ms: number, signal?: AbortSignal): Promise<void> => {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
      t = Math.max(t, t + ms);
      await Promise.resolve();
    },
  };
}
