// Fuzzes browser mode's HTTP surface against a real host in its own process: whatever a local
// client sends — broken addresses, foreign hosts, bad or huge bodies, slow or endless
// connections, random bytes, garbage for every bridge method — the process stays up, every
// malformed request gets a 4xx, and a normal call still works afterwards.
// Seeded: a failure names its seed; PACKLINE_FUZZ_SEED=<seed> replays it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES, methods, type MethodName } from '../../../preload/contract';
import { createRandom } from '../../../main/sandbox/prng';

const SEED = Number(process.env.PACKLINE_FUZZ_SEED ?? 7_340_113);
const CALLS_PER_METHOD = 8;

/**
 * Never run, only fed inputs their schema refuses: with a valid input they would reach a
 * FeedAMP URL taken from that input, i.e. a real server somewhere.
 */
const OUTSIDE_WORLD = new Set<MethodName>(['session.testConnection', 'session.signIn']);

const random = createRandom(SEED).next;
const int = (n: number) => Math.floor(random() * n);
const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
const seedNote = `(seed ${SEED}; replay with PACKLINE_FUZZ_SEED=${SEED})`;

const STRINGS = [
  '',
  ' ',
  '0',
  '-1',
  '1e999',
  'null',
  '__proto__',
  '\u0000',
  '\ud800',
  '😀',
  '%',
  '../..',
  'a'.repeat(300),
];
function garbageString(): string {
  if (random() < 0.5) return pick(STRINGS);
  let s = '';
  for (let i = int(20); i > 0; i--) s += String.fromCharCode(int(0x3000));
  return s;
}
function garbage(depth = 0): unknown {
  switch (int(depth > 3 ? 4 : 6)) {
    case 0:
      return pick([null, true, false]);
    case 1:
      return pick([0, -0, -1, 1.5, 2 ** 53 + 1, 1e308, -1e308, int(1e9)]);
    case 2:
    case 3:
      return garbageString();
    case 4:
      return Array.from({ length: int(4) }, () => garbage(depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = int(4); i > 0; i--) o[garbageString()] = garbage(depth + 1);
      return o;
    }
  }
}
/** Half the time the method's own field names with wrong values, to get past the first check. */
function garbageFor(method: MethodName): unknown {
  const schema = methods[method].input as unknown as { shape?: Record<string, unknown> };
  if (schema.shape && random() < 0.5) {
    const o: Record<string, unknown> = {};
    for (const key of Object.keys(schema.shape)) if (random() < 0.8) o[key] = garbage(1);
    return o;
  }
  return garbage();
}

interface RawAnswer {
  status: number | null;
  text: string;
  /** True when the server closed the connection; false when the test gave up waiting. */
  closedByServer: boolean;
  ms: number;
}

let child: ChildProcess;
const exits: string[] = [];
let stderr = '';
let origin = '';
let port = 0;
let secret = '';
let dataDir = '';
const agent = new Agent({ connections: 4 });

/** Sends bytes on a fresh socket (optionally trickled) and reads until the server closes. */
function raw(
  data: string | Buffer | Array<string | Buffer>,
  options: { gapMs?: number; waitMs?: number } = {},
): Promise<RawAnswer> {
  const started = Date.now();
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    let timer: NodeJS.Timeout | undefined;
    const finish = (closedByServer: boolean) => {
      clearTimeout(giveUp);
      clearTimeout(timer);
      socket.destroy();
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve({ status: m ? Number(m[1]) : null, text, closedByServer, ms: Date.now() - started });
    };
    const giveUp = setTimeout(() => finish(false), options.waitMs ?? 5_000);
    socket.on('data', (d: Buffer) => (text += d.toString('latin1')));
    socket.on('error', () => {}); // a reset is one way of being cut off; 'close' follows
    socket.on('close', () => finish(true));
    const parts = Array.isArray(data) ? [...data] : [data];
    const next = () => {
      const part = parts.shift();
      if (part === undefined || socket.destroyed) return;
      socket.write(part, () => {});
      if (parts.length) timer = setTimeout(next, options.gapMs ?? 0);
    };
    socket.on('connect', next);
  });
}

function get(target: string, headers: Record<string, string> = {}): string {
  const lines = Object.entries({ host: `127.0.0.1:${port}`, connection: 'close', ...headers })
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  return `GET ${target} HTTP/1.1\r\n${lines}\r\n`;
}

function post(target: string, body: string, headers: Record<string, string> = {}): string {
  const all = {
    host: `127.0.0.1:${port}`,
    connection: 'close',
    'content-type': 'application/json',
    'x-packline-secret': secret,
    ...headers,
    'content-length': String(Buffer.byteLength(body)),
  };
  const lines = Object.entries(all)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  return `POST ${target} HTTP/1.1\r\n${lines}\r\n${body}`;
}

async function call(method: string, body: string | Buffer) {
  const res = await request(`${origin}/bridge/call/${encodeURIComponent(method)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-packline-secret': secret },
    body,
    dispatcher: agent,
  });
  const text = await res.body.text();
  return { status: res.statusCode, text };
}

async function expectStillServing() {
  expect(exits, `the host exited ${seedNote}\n${stderr.slice(-2000)}`).toEqual([]);
  const { status, text } = await call('app.info', '{}');
  expect(status).toBe(200);
  expect(JSON.parse(text)).toMatchObject({ ok: true, result: { version: '0.0.0-fuzz' } });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'packline-fuzz-'));
  const rendererDir = join(dataDir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Packline</title>');
  child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(import.meta.dirname, 'fuzz-host.ts'),
      join(dataDir, 'data'),
      rendererDir,
    ],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  child.on('exit', (code, signal) => exits.push(`code ${code} signal ${signal}`));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^Packline: (http\S+)$/m.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', () => reject(new Error(`the fuzz host did not start:\n${stderr}`)));
  });
  const parsed = new URL(url);
  origin = parsed.origin;
  port = Number(parsed.port);
  secret = new URLSearchParams(parsed.hash.slice(1)).get('secret')!;
}, 60_000);

afterEach(() => {
  expect(exits, `the host exited ${seedNote}\n${stderr.slice(-2000)}`).toEqual([]);
});

afterAll(async () => {
  await agent.close();
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('browser-mode host under hostile input', () => {
  it('answers every malformed request target with a 4xx instead of dying', async () => {
    const long = '/' + 'a'.repeat(20_000);
    const targets = [
      get('/%E0%A4%A'),
      get('http://['),
      get('http://[/bridge/call/app.info'),
      get(`http://127.0.0.1:${port}/`),
      get(`http://127.0.0.1:${port}/bridge/call/app.info`),
      get(`127.0.0.1:${port}`),
      get('*'),
      get('//evil.example/index.html'),
      get('/%'),
      get('/%00'),
      get('/index.html%00.png'),
      get('/a\0b'),
      get('/bridge/events%E0'),
      get(long),
      get('/..%2f..%2f..%2fetc%2fpasswd'),
      get('/bridge/call/%E0%A4%A'),
      post('/bridge/call/%E0%A4%A', '{}'),
      post('/bridge/call/app.info%00', '{}'),
      post('http://[', '{}'),
      `CONNECT 127.0.0.1:${port} HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\n\r\n`,
      `OPTIONS * HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\nconnection: close\r\n\r\n`,
    ];
    for (const request of targets) {
      const answer = await raw(request);
      expect(
        answer.status,
        `${JSON.stringify(request.slice(0, 80))} → ${answer.text.slice(0, 80)}`,
      ).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
    }
    // Random percent-escapes: a broken one is 400; one that decodes is a page (or 404 outside).
    for (let i = 0; i < 60; i++) {
      let path = '/';
      for (let j = int(6) + 1; j > 0; j--) {
        path += pick([
          '%',
          '%' + int(256).toString(16).toUpperCase().padStart(2, '0'),
          '%E0%A4',
          '%F0%9F',
          'a',
          '%2F..',
        ]);
      }
      let broken: boolean;
      try {
        broken = decodeURIComponent(path).includes('\0');
      } catch {
        broken = true;
      }
      const answer = await raw(get(path));
      if (broken) expect(answer.status, `${path} ${seedNote}`).toBe(400);
      else expect([200, 404], `${path} ${seedNote}`).toContain(answer.status);
    }
    await expectStillServing();
  });

  it('refuses a foreign or missing Host and a foreign Origin', async () => {
    const answers = await Promise.all([
      raw(`GET / HTTP/1.0\r\n\r\n`),
      raw(get('/', { host: 'evil.example' })),
      raw(get('/', { host: `127.0.0.1:${port + 1}` })),
      raw(get('/', { host: `127.0.0.1:${port}.evil.example` })),
      raw(get('/', { host: '' })),
      raw(get('/', { origin: 'null' })),
      raw(get('/', { origin: 'http://evil.example' })),
      raw(get('/', { origin: `http://127.0.0.1:${port}.evil.example` })),
      raw(post('/bridge/call/app.info', '{}', { origin: 'https://evil.example' })),
      raw(get(`/bridge/events?secret=${secret}`, { host: 'evil.example' })),
    ]);
    for (const a of answers) expect(a.status, a.text.slice(0, 80)).toBe(403);
    await expectStillServing();
  });

  it('refuses bad, huge and deeply nested bodies with a 4xx and a BAD_INPUT sentence', async () => {
    for (const body of ['{', 'nul', '{"a":}', '\u0000', Buffer.from([0xff, 0xfe, 0x7b])]) {
      const { status, text } = await call('app.info', body);
      expect(status).toBe(400);
      expect(JSON.parse(text)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    }
    // The body that once crashed the host: 5 MB and 5,000 levels for one return operation.
    const deep = '{"x":'.repeat(5_000) + '1' + '}'.repeat(5_000);
    const padding = 'x'.repeat(5 * 1024 * 1024);
    const huge = `{"returnId":"1","op":"process","body":{"p":"${padding}","d":${deep}}}`;
    const tooLarge = await call('returns.operation', huge);
    expect(tooLarge.status).toBe(413);
    expect(JSON.parse(tooLarge.text)).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', message: expect.stringMatching(/larger than 1 MB/) },
    });
    // Small but deep is refused before zod or any handler walks it.
    const tooDeep = await call(
      'returns.operation',
      `{"returnId":"1","op":"process","body":${deep}}`,
    );
    expect(tooDeep.status).toBe(400);
    expect(JSON.parse(tooDeep.text).error.message).toMatch(/nested more than 32 levels/);
    const deepArray = await call('app.info', '['.repeat(200_000) + ']'.repeat(200_000));
    expect(deepArray.status).toBe(400);
    // A lying Content-Length is refused before anything is read.
    const lying = await raw(
      `POST /bridge/call/app.info HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\ncontent-type: application/json\r\n` +
        `x-packline-secret: ${secret}\r\ncontent-length: 100000000\r\n\r\n{}`,
    );
    expect(lying.status).toBe(413);
    // Chunked, with no length announced: cut at the limit.
    const chunk = 'x'.repeat(256 * 1024);
    const chunked = await raw([
      `POST /bridge/call/app.info HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\ncontent-type: application/json\r\n` +
        `x-packline-secret: ${secret}\r\ntransfer-encoding: chunked\r\n\r\n`,
      ...Array.from({ length: 8 }, () => `${chunk.length.toString(16)}\r\n${chunk}\r\n`),
      '0\r\n\r\n',
    ]);
    expect(chunked.status).toBe(413);
    // Not JSON, not POST, not a method.
    expect(
      (await raw(post('/bridge/call/app.info', '{}', { 'content-type': 'text/plain' }))).status,
    ).toBe(415);
    expect((await raw(get('/bridge/call/app.info'))).status).toBe(405);
    expect((await call('app.nope', '{}')).status).toBe(404);
    await expectStillServing();
  });

  it('lets a shipments CSV of a few thousand rows through the size check', async () => {
    const rows = ['order_number,sku,quantity,carrier,tracking_number,ship_date'];
    for (let i = 0; i < 5_000; i++) {
      rows.push(
        `111-${String(i).padStart(7, '0')}-1046676,PL-APRN-BLK,1,UPS,1Z999AA1${String(i).padStart(10, '0')},2026-11-22`,
      );
    }
    const body = JSON.stringify({ text: rows.join('\n') });
    expect(body.length).toBeGreaterThan(300_000);
    const { status, text } = await call('outbox.previewCsv', body);
    expect(status).toBe(200);
    expect(JSON.parse(text)).toMatchObject({ ok: true });
  });

  it('cuts off clients that send headers or a body too slowly, or nothing at all', async () => {
    const [headers, body, idle] = await Promise.all([
      raw(
        [`GET / HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\n`, ...Array.from({ length: 60 }, () => 'x')],
        { gapMs: 100, waitMs: 10_000 },
      ),
      raw(
        [
          `POST /bridge/call/app.info HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\ncontent-type: application/json\r\n` +
            `x-packline-secret: ${secret}\r\ncontent-length: 1000\r\n\r\n`,
          ...Array.from({ length: 60 }, () => ' '),
        ],
        { gapMs: 100, waitMs: 10_000 },
      ),
      raw([], { waitMs: 10_000 }),
    ]);
    // Fixture limits: headers 400 ms, whole request 800 ms, checked every 100 ms.
    for (const a of [headers, body, idle]) {
      expect(a.closedByServer).toBe(true);
      expect(a.ms).toBeLessThan(4_000);
      if (a.status !== null) expect(a.status).toBe(408);
    }
    await expectStillServing();
  });

  it('survives a flood of connections and serves again once it passes', async () => {
    const flood = await Promise.all(Array.from({ length: 150 }, () => raw([], { waitMs: 10_000 })));
    expect(flood.every((a) => a.closedByServer)).toBe(true);
    await expectStillServing();
  });

  it('keeps the events stream open past every request timeout', async () => {
    const res = await request(`${origin}/bridge/events?secret=${encodeURIComponent(secret)}`, {
      dispatcher: agent,
    });
    expect(res.statusCode).toBe(200);
    const started = Date.now();
    let late = 0;
    for await (const chunk of res.body) {
      // Heartbeats every 100 ms; count those arriving after the headers (400 ms), request
      // (800 ms) and keep-alive (500 ms) timeouts have all passed.
      if (Date.now() - started > 1_000)
        late += (String(chunk).match(/event: app.heartbeat/g) ?? []).length;
      if (late >= 3) break;
    }
    res.body.destroy();
    expect(late).toBeGreaterThanOrEqual(3);
  });

  it('survives random bytes on a raw socket', async () => {
    for (let round = 0; round < 30; round++) {
      const bytes = Buffer.from(Array.from({ length: int(2_000) + 1 }, () => int(256)));
      // Half the rounds start like a request, so the garbage lands in headers or the body.
      const prefix =
        round % 2
          ? ''
          : pick([
              `GET / HTTP/1.1\r\n`,
              post('/bridge/call/app.info', '').replace(/content-length: 0/, 'content-length: 50'),
            ]);
      const answer = await raw([Buffer.from(prefix), bytes], { waitMs: 5_000 });
      expect(answer.closedByServer, seedNote).toBe(true);
      if (answer.status !== null) {
        expect(answer.status, `${seedNote} ${answer.text.slice(0, 60)}`).toBeGreaterThanOrEqual(
          400,
        );
        expect(answer.status).toBeLessThan(500);
      }
    }
    await expectStillServing();
  });

  it('answers garbage for every bridge method with BAD_INPUT and never with a crash', async () => {
    let refused = 0;
    let ran = 0;
    for (const method of METHOD_NAMES) {
      for (let i = 0; i < CALLS_PER_METHOD; i++) {
        const input = garbageFor(method);
        // dispatch reads a missing or null input as {}, as the renderer sends for no input.
        const valid = methods[method].input.safeParse(input ?? {}).success;
        if (valid && OUTSIDE_WORLD.has(method)) continue;
        const { status, text } = await call(method, JSON.stringify(input));
        const where = `${method} ${JSON.stringify(input).slice(0, 200)} ${seedNote}`;
        const reply = JSON.parse(text) as { ok: boolean; error?: { code: string } };
        if (!valid) {
          refused++;
          expect(status, where).toBe(400);
          expect(reply, where).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
        } else {
          ran++;
          expect(status, where).toBeLessThan(500);
          expect(reply.error?.code, `${where}: ${text.slice(0, 300)}`).not.toBe('INTERNAL');
        }
      }
    }
    expect(refused).toBeGreaterThan(METHOD_NAMES.length * 3);
    expect(ran + refused).toBeGreaterThan(0);
    await expectStillServing();
    // Every bridge method, many calls each: seconds alone, much longer on a loaded 2-core machine.
  }, 90_000);
});
