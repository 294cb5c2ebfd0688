// `npx tsx main/sandbox/cli.ts --port 8787 --orders 200 --seed 1 --user demo --password demo
// --client 1001 [--data FILE] [--token-ttl-ms N] [--no-rate-limit] [--big-order-lines N]`: the demo FeedAMP.
import { parseArgs } from 'node:util';
import { startSandbox } from './index';

function integer(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) {
    console.error(`--${name} must be a whole number, got "${value}".`);
    process.exit(2);
  }
  return Number(value);
}

/** A ready-to-paste shipment for a real order, so the printed curl lines work as they are. */
async function shipExample(
  url: string,
  user: string,
  password: string,
  client: string,
): Promise<{ ship: string; look: string } | undefined> {
  const authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  const tokenReply = await fetch(`${url}/api/v1/get_token`, { headers: { authorization } });
  if (!tokenReply.ok) return undefined;
  const { token } = (await tokenReply.json()) as { token: string };
  const list = await fetch(
    `${url}/api/v2/orders?normalized_marketplace_state=AWAITING_SHIPMENT&limit=20`,
    {
      headers: { token, client },
    },
  );
  const { orders } = (await list.json()) as {
    orders: { id: string; is_marketplace_fulfilled?: boolean; order_lines: { id: string }[] }[];
  };
  // Amazon ships its FBA orders itself and refuses a seller's shipment.
  const order = orders.find((o) => o.is_marketplace_fulfilled !== true);
  const line = order?.order_lines[0];
  if (!order || !line) return undefined;
  const body = JSON.stringify({
    fulfillment_type: 'shipment',
    fulfillment_lines: [{ line_id: line.id, quantity: 1 }],
    shipment: {
      shipped_date: '2025-06-02T10:30:00-05:00',
      carrier: 'UPS',
      tracking_number: '1Z999AA10123456784',
    },
  });
  const headers = `-H "token: $TOKEN" -H "client: ${client}"`;
  return {
    ship: `curl -s ${headers} -H "content-type: application/json" -d '${body}' ${url}/api/v2/orders/${order.id}/fulfillments`,
    look: `curl -s ${headers} ${url}/api/v2/orders/${order.id}`,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8787' },
      orders: { type: 'string', default: '200' },
      seed: { type: 'string', default: '1' },
      user: { type: 'string', default: 'demo' },
      password: { type: 'string', default: 'demo' },
      client: { type: 'string', default: '1001' },
      data: { type: 'string' },
      'token-ttl-ms': { type: 'string' },
      'no-rate-limit': { type: 'boolean', default: false },
      // The first order gets this many lines: a long order to pack.
      'big-order-lines': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(
      'Usage: sandbox [--port 8787] [--orders 200] [--seed 1] [--user demo] [--password demo] [--client 1001] [--data FILE] [--token-ttl-ms 3600000] [--no-rate-limit] [--big-order-lines 200]',
    );
    return;
  }
  const sandbox = await startSandbox({
    port: integer('port', values.port, 8787),
    orders: integer('orders', values.orders, 200),
    seed: integer('seed', values.seed, 1),
    user: values.user,
    password: values.password,
    client: values.client,
    ...(values.data ? { dataFile: values.data } : {}),
    ...(values['token-ttl-ms']
      ? { tokenTtlMs: integer('token-ttl-ms', values['token-ttl-ms'], 3_600_000) }
      : {}),
    ...(values['no-rate-limit'] ? { listRateLimit: false as const } : {}),
    ...(values['big-order-lines']
      ? { bigOrderLines: integer('big-order-lines', values['big-order-lines'], 0) }
      : {}),
  });
  const { user, password, client } = sandbox.credentials;
  console.log(`FeedAMP sandbox listening on ${sandbox.url}`);
  console.log(`  seller API       ${sandbox.url}/api/v1/get_token, ${sandbox.url}/api/v2/...`);
  console.log(
    `  Order Source API ${sandbox.marketplaceUrl}/api/v1/... (OAuth client target / target-secret)`,
  );
  console.log(`  admin            ${sandbox.adminUrl}/info`);
  console.log(`  credentials      user ${user}, password ${password}, client ${client}`);
  if (values.data) console.log(`  state file       ${values.data}`);
  console.log('');
  console.log('Try:');
  console.log(
    `  TOKEN=$(curl -s -u ${user}:${password} ${sandbox.url}/api/v1/get_token | sed -E 's/.*"token":"([^"]+)".*/\\1/')`,
  );
  console.log(
    `  curl -s -H "token: $TOKEN" -H "client: ${client}" "${sandbox.url}/api/v2/orders?normalized_marketplace_state=AWAITING_SHIPMENT&limit=5"`,
  );
  const example = await shipExample(sandbox.url, user, password, client);
  if (example) {
    console.log(
      '  # ship one unit of the first line of an order awaiting shipment, then look at it:',
    );
    console.log(`  ${example.ship}`);
    console.log(`  ${example.look}`);
  }
  const stop = (): void => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
