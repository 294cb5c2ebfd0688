import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, unitsLeft, writes, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('outbox under faults', () => {
  it('lands 1,000 shipments exactly once through 20 % faults (500, 503, 429, reset, lost answer, slow)', async () => {
    h = await startHarness({
      sandbox: { orders: 500, seed: 7 },
      concurrency: 8,
      // Looks for an unanswered shipment only after the slowest request (400 ms) has settled.
      settleMs: 600,
      // A slow answer (400 ms) outlives the headers timeout: the client reports "outcome unknown".
      client: {
        timeouts: { connectMs: 1_000, headersMs: 250, bodyMs: 1_000 },
        retry: { baseDelayMs: 5, maxDelayMs: 40, maxTotalMs: 5_000 },
      },
    });
    const units = await unitsLeft(h.client, h.waitingOrders());
    expect(units.length).toBeGreaterThanOrEqual(1000);
    await h.admin('PUT', '/faults', {
      routes: '^(POST|GET) /api/v2/orders/\\d+/fulfillments$',
      errorRate: 0.06,
      rateLimitRate: 0.03,
      retryAfterSeconds: 0, // honouring Retry-After itself is proven in the client's tests
      resetRate: 0.04,
      lostAnswerRate: 0.04,
      slowRate: 0.03,
      slowMs: 400,
      seed: 11,
    });
    for (const [i, unit] of units.slice(0, 1000).entries()) {
      await h.outbox.submitShipment({
        orderId: unit.orderId,
        lines: [{ lineId: unit.lineId, quantity: 1 }],
        carrier: 'UPS',
        trackingNumber: `1ZFAULT${String(i).padStart(5, '0')}`,
      });
    }
    // Each shipment now also reads its order three times before it goes (91 s on a loaded 2-core
    // machine), hence the longer timeout.
    for (let round = 0; round < 200 && h.outbox.counts().sentToday < 1000; round++) {
      await h.worker.kick();
      await h.worker.idle();
      if (h.outbox.counts().sentToday < 1000) await new Promise((r) => setTimeout(r, 50));
    }
    expect(h.outbox.counts()).toMatchObject({ sentToday: 1000, queued: 0, attention: 0 });
    const faults = await h.admin<{ requests: { method: string; path: string }[] }>(
      'GET',
      '/requests',
    );
    console.log(`fault test: ${faults.requests.length} requests for 1000 shipments`);
    await h.admin('DELETE', '/faults');
    const landed = (await writes(h)).map((w) => w.body.shipment?.tracking_number);
    expect(landed).toHaveLength(1000);
    expect(new Set(landed).size).toBe(1000);
  }, 240_000);
});
