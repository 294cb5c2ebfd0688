// Stations opening and shipping the same orders at the same moment, and what FeedAMP shows
// afterwards: shared by the race test and the warehouse bench, so both judge the race alike.
import type { Order } from '../../../main/feedamp/schemas';
import type { Harness } from '../outbox/harness';
import type { PackStation } from './pack-stations';

type RaceOrder = Order & { id: string };

/** Until no station has an upload waiting or on its way. */
export async function drain(stations: PackStation[]): Promise<void> {
  for (let round = 0; round < 500; round++) {
    await Promise.all(stations.map((s) => s.h.worker.kick(true)));
    await Promise.all(stations.map((s) => s.h.worker.idle()));
    const waiting = stations.some((s) =>
      s.h.store.all().some((e) => e.state === 'pending' || e.state === 'sending'),
    );
    if (!waiting) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('uploads did not finish');
}

/** Every station opens and ships every line of every order, all at the same moment. */
export async function race(all: PackStation[], orders: RaceOrder[]) {
  const accepted: { station: string; orderId: string; tracking: string }[] = [];
  const refused: string[] = [];
  await Promise.all(
    orders.flatMap((order, n) =>
      all.map(async (s, i) => {
        const tracking = `1ZRACE${i}${String(n).padStart(4, '0')}`;
        try {
          await s.pack.open(order.id).catch((e: Error) => refused.push(e.message));
          await s.pack.ship({
            orderId: order.id,
            lines: (order.order_lines ?? []).map((l) => ({
              lineId: l.id!,
              quantity: l.quantity!,
            })),
            carrier: 'UPS',
            trackingNumber: tracking,
          });
          accepted.push({ station: s.name, orderId: order.id, tracking });
        } catch (error) {
          refused.push((error as Error).message);
        }
      }),
    ),
  );
  await drain(all);
  return { accepted, refused };
}

/** Lines FeedAMP shows shipped beyond what was ordered, and packages that never landed. */
export async function audit(h: Harness, orders: RaceOrder[], accepted: { tracking: string }[]) {
  const overShipped: string[] = [];
  const landed = new Set<string>();
  for (const order of orders) {
    const stored = await h.admin<{ order_lines: { id: string; quantity: number }[] }>(
      'GET',
      `/orders/${order.id}`,
    );
    const fulfillments = await h.client.listFulfillments(order.id);
    for (const f of fulfillments) landed.add(f.shipment?.tracking_number ?? '');
    for (const line of stored.order_lines) {
      const shipped = fulfillments
        .flatMap((f) => f.fulfillment_lines ?? [])
        .filter((l) => l.line_id === line.id)
        .reduce((n, l) => n + (l.quantity ?? 0), 0);
      if (shipped > line.quantity)
        overShipped.push(`${order.id}/${line.id}: ${shipped} of ${line.quantity}`);
    }
  }
  const lost = accepted.filter((a) => !landed.has(a.tracking));
  return { overShipped, lost };
}
