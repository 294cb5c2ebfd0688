// Sandbox throughput on loopback: how many simple requests per second it answers, so it is
// never the bottleneck of a test or demo. Run: npx tsx test/bench/sandbox.bench.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { spawn } from 'node:child_process';

const CONCURRENCY = 32;
const DURATION_MS = 3000;
const RESULT = fileURLToPath(new URL('./results/sandbox.json', import.meta.url));

interface Scenario {
  name: string;
  path: (i: number) => string;
}

/**
 * The sandbox runs in its own process, as it does for the demo and the e2e tests, so the
 * load generator does not steal its event loop.
 */
async function startSandboxProcess(): Promise<{ url: string; stop: () => void }> {
  const cli = fileURLToPath(new URL('../../main/sandbox/cli.ts', import.meta.url));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', cli, '--port', '0', '--orders', '10000', '--no-rate-limit'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${String(code)}`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

async function run(): Promise<void> {
  const sb = await startSandboxProcess();
  const agent = new Agent({ connections: CONCURRENCY, pipelining: 1 });
  const auth = `Basic ${Buffer.from('demo:demo').toString('base64')}`;
  const tokenReply = await request(`${sb.url}/api/v1/get_token`, {
    headers: { authorization: auth },
    dispatcher: agent,
  });
  const { token } = (await tokenReply.body.json()) as { token: string };
  const headers = { token, client: '1001' };
  const page = await request(`${sb.url}/api/v2/orders?limit=250`, { headers, dispatcher: agent });
  const ids = ((await page.body.json()) as { orders: { id: string }[] }).orders.map((o) => o.id);

  const scenarios: Scenario[] = [
    { name: 'GET /api/v2/orders/{id}', path: (i) => `/api/v2/orders/${ids[i % ids.length] ?? ''}` },
    {
      name: 'GET /api/v2/orders/{id}/fulfillments',
      path: (i) => `/api/v2/orders/${ids[i % ids.length] ?? ''}/fulfillments`,
    },
    {
      name: 'GET /api/v2/orders?normalized_marketplace_state=AWAITING_SHIPMENT&limit=10 (10k orders)',
      path: () => '/api/v2/orders?normalized_marketplace_state=AWAITING_SHIPMENT&limit=10',
    },
    { name: 'GET /api/v2/orders?limit=250 (10k orders)', path: () => '/api/v2/orders?limit=250' },
  ];

  // Warm up the JIT and connections so the first scenario is not measured cold.
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, k) => {
      for (let i = 0; i < 100; i += 1) {
        const res = await request(`${sb.url}${scenarios[0]!.path(i + k)}`, {
          headers,
          dispatcher: agent,
        });
        await res.body.arrayBuffer();
      }
    }),
  );

  const results: {
    scenario: string;
    requests: number;
    seconds: number;
    requestsPerSecond: number;
    errors: number;
  }[] = [];
  for (const scenario of scenarios) {
    let count = 0;
    let errors = 0;
    const started = performance.now();
    const deadline = started + DURATION_MS;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (performance.now() < deadline) {
          const res = await request(`${sb.url}${scenario.path(count)}`, {
            headers,
            dispatcher: agent,
          });
          await res.body.arrayBuffer();
          if (res.statusCode !== 200) errors += 1;
          count += 1;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const rps = Math.round(count / seconds);
    results.push({
      scenario: scenario.name,
      requests: count,
      seconds: Number(seconds.toFixed(2)),
      requestsPerSecond: rps,
      errors,
    });
    console.log(`${scenario.name}: ${rps} req/s (${count} requests, ${errors} errors)`);
  }
  await agent.close();
  sb.stop();
  const summary = {
    measuredAt: new Date().toISOString(),
    node: process.version,
    concurrency: CONCURRENCY,
    durationMsPerScenario: DURATION_MS,
    target: '>= 2000 simple requests/s on loopback',
    simpleRequestsPerSecond: results[0]?.requestsPerSecond ?? 0,
    results,
  };
  mkdirSync(dirname(RESULT), { recursive: true });
  writeFileSync(RESULT, `${JSON.stringify(summary, null, 2)}\n`);
  console.log(`wrote ${RESULT}`);
}

run().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
