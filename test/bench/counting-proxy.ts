// A proxy in front of the sandbox that sees every list request (orders and returns) with its
// status and query, so a bench can tell an accepted page from a 429 and a page asked for twice.
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Seen = {
  /** Milliseconds since the bench's start (`t0`). */
  at: number;
  path: string;
  status: number;
  query: Record<string, string>;
};

export async function countingProxy(target: string, seen: Seen[], t0: () => number) {
  const upstream = new URL(target);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '', 'http://proxy');
    const at = performance.now() - t0();
    const out = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        if (req.method === 'GET' && /\/api\/v2\/(orders|returns)$/.test(url.pathname))
          seen.push({
            at,
            path: url.pathname,
            status: answer.statusCode ?? 0,
            query: Object.fromEntries(url.searchParams),
          });
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    out.on('error', () => res.destroy());
    req.pipe(out);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}${upstream.pathname.replace(/\/$/, '')}`, server };
}
