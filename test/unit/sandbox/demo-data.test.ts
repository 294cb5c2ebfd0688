import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCatalogue } from '../../../main/sandbox/demo-catalogue';
import { generateDemoData } from '../../../main/sandbox/demo-data';
import { startSandbox } from '../../../main/sandbox/index';
import { DAY } from '../../../main/sandbox/dates';
import { START, shipmentBody } from './harness';

const users = [{ user: 'demo', password: 'demo', clients: ['1001'] }];
const demo = (seed: number, orders = 300) =>
  generateDemoData({ seed, orders, now: START, clientId: '1001', users });

function validCheckDigit(code: string): boolean {
  const digits = [...code].map(Number);
  const check = digits.pop();
  const weights = code.length === 12 ? [3, 1] : [1, 3];
  const sum = digits.reduce((acc, d, i) => acc + d * (weights[i % 2] ?? 1), 0);
  return (10 - (sum % 10)) % 10 === check;
}

describe('sandbox demo data', () => {
  it('gives the same data for the same seed and different data for another', () => {
    expect(JSON.stringify(demo(3))).toBe(JSON.stringify(demo(3)));
    expect(JSON.stringify(demo(4))).not.toBe(JSON.stringify(demo(3)));
  });

  it('has a catalogue of 60–120 SKUs, each with a valid UPC-A or EAN-13 and a bin location', () => {
    const catalogue = buildCatalogue(1);
    expect(catalogue.length).toBeGreaterThanOrEqual(60);
    expect(catalogue.length).toBeLessThanOrEqual(120);
    for (const item of catalogue) {
      const code = 'upc' in item.code ? item.code.upc : item.code.ean;
      expect(code).toMatch('upc' in item.code ? /^\d{12}$/ : /^\d{13}$/);
      expect(validCheckDigit(code), code).toBe(true);
      expect(item.bin).toMatch(/^[A-D]-\d{2}-\d$/);
    }
  });

  it('spreads orders over marketplaces, locations, states and ship-by dates, with 1–8 lines', () => {
    const data = demo(1);
    const orders = data.orders;
    expect(new Set(orders.map((o) => o.marketplace_name)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(orders.map((o) => o.location?.client_location_id)).size).toBeGreaterThanOrEqual(
      2,
    );
    const states = new Set(orders.map((o) => o.normalized_marketplace_state));
    for (const s of ['AWAITING_SHIPMENT', 'PENDING', 'SHIPPED', 'CANCELLED'])
      expect(states).toContain(s);
    const awaiting = orders.filter((o) => o.normalized_marketplace_state === 'AWAITING_SHIPMENT');
    expect(awaiting.length / orders.length).toBeGreaterThan(0.6);
    for (const o of orders) {
      expect(o.lines.length).toBeGreaterThanOrEqual(1);
      expect(o.lines.length).toBeLessThanOrEqual(8);
      for (const l of o.lines) expect(l.order_line_additional_properties.bin_location).toBeTruthy();
    }
    const late = orders.filter((o) => (o.latestShipAt ?? 0) < START).length;
    const later = orders.filter((o) => (o.latestShipAt ?? 0) > START + DAY).length;
    expect(late).toBeGreaterThan(0);
    expect(later).toBeGreaterThan(0);
    expect(orders.some((o) => o.gift_message)).toBe(true);
    expect(orders.some((o) => o.delivery_notes)).toBe(true);
    const skus = orders.flatMap((o) => o.lines.map((l) => l.sku));
    expect(new Set(skus).size).toBeLessThan(skus.length); // codes repeat across orders
    expect(data.returns.length).toBeGreaterThan(0);
    expect(data.returns[0]?.return_lines[0]?.tracking_info?.tracking_number).toBeTruthy();
  });

  it('uses each marketplace’s order-number style', () => {
    const orders = demo(1).orders;
    const byMp = (name: string) =>
      orders.filter((o) => o.marketplace_name === name).map((o) => o.marketplace_order_number);
    for (const n of byMp('Amazon')) expect(n).toMatch(/^\d{3}-\d{7}-\d{7}$/);
    for (const n of byMp('eBay')) expect(n).toMatch(/^\d{2}-\d{5}-\d{5}$/);
    for (const n of byMp('Walmart')) expect(n).toMatch(/^\d{13}$/);
  });

  it('keeps its state in --data FILE across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-data-'));
    const dataFile = join(dir, 'state.json');
    try {
      const first = await startSandbox({ orders: 10, dataFile });
      const auth = { authorization: `Basic ${Buffer.from('demo:demo').toString('base64')}` };
      const { token } = (await (
        await fetch(`${first.url}/api/v1/get_token`, { headers: auth })
      ).json()) as { token: string };
      const headers = { token, client: '1001', 'content-type': 'application/json' };
      const list = (await (
        await fetch(
          `${first.url}/api/v2/orders?normalized_marketplace_state=AWAITING_SHIPMENT&limit=1`,
          { headers },
        )
      ).json()) as { orders: { id: string; order_lines: { id: string }[] }[] };
      const order = list.orders[0]!;
      const shipped = await fetch(`${first.url}/api/v2/orders/${order.id}/fulfillments`, {
        method: 'POST',
        headers,
        body: JSON.stringify(
          shipmentBody([{ line_id: order.order_lines[0]!.id, quantity: 1 }], 'PERSIST-1'),
        ),
      });
      expect(shipped.status).toBe(201);
      await first.close();
      const second = await startSandbox({ orders: 10, dataFile });
      try {
        const found = await fetch(
          `${second.url}/api/v2/orders/${order.id}/fulfillments?tracking_number=PERSIST-1`,
          { headers },
        );
        expect(found.status).toBe(200); // the token persisted too
        expect(((await found.json()) as { fulfillments: unknown[] }).fulfillments).toHaveLength(1);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
