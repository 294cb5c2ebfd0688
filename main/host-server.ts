// Browser mode's server: the built renderer and the bridge on 127.0.0.1 only.
import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pipeline, type Duplex } from 'node:stream';
import {
  HttpBridge,
  decodePath,
  foreignRequestReason,
  parseRequestTarget,
} from './bridge/http-adapter';
import type { Core } from './core';
import type { Logger } from './log';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.wav': 'audio/wav',
  '.woff2': 'font/woff2',
};

/** Same policy as the Electron window: nothing but our own files and our own bridge. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * How long a client may take and how many may be connected. A slow or stuck client is cut off
 * so it cannot hold the server; the events stream is exempt once its request has arrived,
 * because these time the request, not the response.
 */
interface HostLimits {
  /** From connecting to the end of the request headers. */
  headersTimeoutMs: number;
  /** From connecting to the end of the request body. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** Connections beyond this are dropped at once; a page uses about seven. */
  maxConnections: number;
}

const DEFAULT_HOST_LIMITS: HostLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 60_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 64,
};

export interface HostOptions {
  core: Core;
  log: Logger;
  rendererDir: string;
  port?: number;
  secret?: string;
  limits?: Partial<HostLimits>;
  /** Called once, when the first request carrying the secret arrives (see host.ts). */
  onSecretUsed?: () => void;
}

export interface RunningHost {
  url: string; // includes the secret in the fragment: never sent to a server, never logged
  origin: string;
  port: number;
  server: Server;
  close: () => Promise<void>;
}

function serveStatic(
  rendererDir: string,
  url: URL,
  req: IncomingMessage,
  res: ServerResponse,
  log: Logger,
): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405).end();
    return;
  }
  const pathname = decodePath(url.pathname);
  if (pathname === null) {
    res.writeHead(400, { 'content-type': 'text/plain' }).end('Bad request: malformed address.');
    return;
  }
  const root = resolve(rendererDir);
  let file = normalize(join(root, pathname === '/' ? 'index.html' : pathname));
  if (!file.startsWith(root + sep)) {
    res.writeHead(404).end();
    return;
  }
  if (!isFile(file)) file = join(root, 'index.html');
  if (!existsSync(file)) {
    res.writeHead(500, { 'content-type': 'text/plain' });
    res.end('The renderer is not built. Run: npm run build');
    return;
  }
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  pipeline(createReadStream(file), res, (error) => {
    // A page closing mid-download is normal; an unreadable file is ours to know about.
    if (error && error.code !== 'ERR_STREAM_PREMATURE_CLOSE') {
      log.warn('could not send a page file', { file, error });
    }
  });
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false; // missing, a name too long, not a directory on the way: all "no such file"
  }
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const secret = options.secret ?? randomBytes(24).toString('base64url');
  const bridge = new HttpBridge({
    handlers: options.core.handlers,
    bus: options.core.bus,
    log: options.log,
    secret,
    onSecretUsed: options.onSecretUsed,
  });
  const limits = { ...DEFAULT_HOST_LIMITS, ...options.limits };
  const { log } = options;
  let port = 0;
  const route = (req: IncomingMessage, res: ServerResponse) => {
    const reason = foreignRequestReason(req, port);
    if (reason) {
      log.warn('request refused', { reason, path: req.url?.split('?')[0]?.slice(0, 200) });
      res.writeHead(403, { 'content-type': 'text/plain' }).end('Refused: ' + reason);
      return;
    }
    const url = parseRequestTarget(req.url);
    if (!url) {
      log.warn('request refused', { reason: 'not a plain path' });
      res.writeHead(400, { 'content-type': 'text/plain' }).end('Bad request: malformed address.');
      return;
    }
    if (!bridge.handle(url, req, res)) serveStatic(options.rendererDir, url, req, res, log);
  };
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // Node checks the two timeouts above only this often (30 s by default).
      connectionsCheckingInterval: Math.max(
        50,
        Math.min(1_000, Math.floor(limits.headersTimeoutMs / 4)),
      ),
    },
    (req, res) => {
      // Last resort: whatever a request does, it answers and the process stays up.
      try {
        route(req, res);
      } catch (error) {
        log.error('request handler failed', { error, path: req.url?.split('?')[0]?.slice(0, 200) });
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'text/plain', connection: 'close' });
          res.end('Packline could not answer this request; the log has the details.');
        } else res.destroy();
      }
    },
  );
  server.maxConnections = limits.maxConnections;
  // CONNECT (a proxy tunnel) has no business here; without this Node drops it unanswered.
  server.on('connect', (_req: IncomingMessage, socket: Duplex) => {
    socket.on('error', () => socket.destroy());
    socket.end('HTTP/1.1 405 Method Not Allowed\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/#secret=${secret}`,
    origin,
    port,
    server,
    async close() {
      bridge.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
