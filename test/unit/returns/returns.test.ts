// Returns against the sandbox: returns sync and lookup by every number a parcel carries, an
// authorization and a line refund through the outbox, an order refund whose answer is lost is
// not posted twice, and refunds above what was asked for or paid are refused in words.
import { afterEach, describe, expect, it } from 'vitest';
import { returnsSettingsSchema } from '../../../preload/api/returns';
import { silentLogger } from '../../../main/log';
import { StationError } from '../../../main/station/errors';
import { SettingsService } from '../../../main/station/settings';
import { ReturnsService } from '../../../main/station/returns/service';
import { ReturnStore } from '../../../main/station/returns/store';
import { feedampReturnSource } from '../../../main/station/returns/feedamp-source';
import { ReturnSync } from '../../../main/station/returns/sync';
import { startHarness, writes, type Harness } from '../outbox/harness';

interface Desk {
  h: Harness;
  returns: ReturnStore;
  sync: ReturnSync;
  service: ReturnsService;
}

const open: Desk[] = [];
afterEach(async () => {
  for (const d of open.splice(0)) {
    d.sync.stop();
    await d.returns.close();
    await d.h.close();
  }
});

async function desk(): Promise<Desk> {
  const h = await startHarness({ sandbox: { orders: 150, seed: 3 } });
  const returns = await ReturnStore.open(h.dir, silentLogger);
  const sync = new ReturnSync({
    store: returns,
    settings: () => returnsSettingsSchema.parse({}),
    source: () => feedampReturnSource(h.client),
    log: silentLogger,
  });
  const settings = new SettingsService(h.dir, silentLogger);
  const service = new ReturnsService({
    returns,
    orders: h.orders,
    outbox: h.outbox,
    outboxEntries: () => h.store.all(),
    client: () => h.client,
    settings: () => settings.get(),
    log: silentLogger,
  });
  const d = { h, returns, sync, service };
  open.push(d);
  return d;
}

async function settle(h: Harness): Promise<void> {
  await h.worker.idle();
  await new Promise((r) => setTimeout(r, 100));
  await h.worker.idle();
}

function refusal(error: unknown): string {
  expect(error).toBeInstanceOf(StationError);
  return (error as StationError).message;
}

describe('returns desk', () => {
  it('syncs returns and finds one by id, return number, RMA, order numbers and return tracking', async () => {
    const { sync, returns, service } = await desk();
    const status = await sync.syncNow();
    expect(status.state).toBe('idle');
    expect(returns.size).toBeGreaterThan(0);
    const [ret] = [...returns.all()].map((e) => e.ret);
    const view = service.list().find((r) => r.id === ret!.id)!;
    const tracking = ret!.return_lines?.[0]?.tracking_info?.tracking_number;
    const numbers = {
      id: ret!.id,
      marketplaceReturnNumber: view.marketplaceReturnNumber,
      rma: view.rma,
      marketplaceOrderNumber: view.marketplaceOrderNumber,
      customerOrderNumber: view.customerOrderNumber,
      orderId: view.orderId,
      tracking,
    };
    for (const [what, number] of Object.entries(numbers)) {
      expect(number, what).toBeTruthy();
      expect(service.find(number!), what).toContain(ret!.id);
    }
    // Scanners and people type numbers in other cases.
    expect(service.find(view.rma!.toLowerCase())).toContain(ret!.id);
    expect(service.find('NO-SUCH-RMA')).toEqual([]);
    // A second sync asks only for what changed since the watermark.
    const again = await sync.syncNow();
    expect(again.state).toBe('idle');
  });

  it('authorizes a return through the outbox and sees the new state on the next sync', async () => {
    const { h, sync, returns, service } = await desk();
    await sync.syncNow();
    const pending = [...returns.all()].find(
      (e) => e.ret.normalized_marketplace_state === 'PENDING_AUTHORIZATION',
    )!;
    expect(pending).toBeDefined();
    const entry = await service.operation(pending.ret.id, 'process', {});
    await settle(h);
    expect(h.store.get(entry.id)?.state).toBe('sent');
    const ops = await h.admin<{ writes: { returnId: string }[] }>(
      'GET',
      '/writes?kind=return_operation',
    );
    expect(ops.writes.map((w) => w.returnId)).toEqual([pending.ret.id]);
    await sync.syncNow();
    expect(returns.get(pending.ret.id)?.ret.normalized_marketplace_state).toBe(
      'PENDING_CONFIRMATION',
    );
    const view = await service.get(pending.ret.id);
    expect(view.activity.map((a) => a.state)).toEqual(['sent']);
    expect(view.order?.id).toBe(pending.ret.order_id);
  });

  it('refunds a return line, and refuses more than the customer asked for without an override', async () => {
    const { h, sync, returns, service } = await desk();
    await sync.syncNow();
    const cached = [...returns.all()].find((e) =>
      (e.ret.return_lines ?? []).some((l) => typeof l.requested_refund === 'number'),
    )!;
    const line = cached.ret.return_lines!.find((l) => typeof l.requested_refund === 'number')!;
    const requested = line.requested_refund!;

    const tooMuch = await service
      .refundReturn({
        returnId: cached.ret.id,
        lines: [{ lineId: line.id!, itemRefund: requested + 10 }],
      })
      .catch(refusal);
    expect(tooMuch).toBe(
      `${line.sku}: an item refund of USD ${(requested + 10).toFixed(2)} is more than the USD ${requested.toFixed(2)} requested — lower it, or override.`,
    );

    const entry = await service.refundReturn({
      returnId: cached.ret.id,
      lines: [{ lineId: line.id!, itemRefund: requested, notes: 'Unopened' }],
    });
    await settle(h);
    expect(h.store.get(entry.id)?.state).toBe('sent');
    const sent = await h.admin<{
      writes: { returnId: string; body: { merchant_refund_lines: unknown[] } }[];
    }>('GET', '/writes?kind=return_refund');
    expect(sent.writes).toHaveLength(1);
    expect(sent.writes[0]!.body.merchant_refund_lines).toEqual([
      { feedamp_return_line_id: line.id, item_refund: requested, refund_notes: 'Unopened' },
    ]);

    // What this station refunded counts: a second refund of the same line is over the limit.
    await sync.syncNow();
    const second = await service
      .refundReturn({ returnId: cached.ret.id, lines: [{ lineId: line.id!, itemRefund: 1 }] })
      .catch(refusal);
    expect(second).toMatch(/already refunded on FeedAMP — override to refund it again/);
  });

  it('posts an order refund once when its answer is lost, found again by its cp_refund_number', async () => {
    const { h, service } = await desk();
    const order = h.waitingOrders().find((o) => (o.order_lines ?? []).length > 0)!;
    const line = order.order_lines![0]!;
    await h.admin('POST', '/faults/queue', {
      match: 'POST /api/v2/orders/\\d+/refunds',
      action: 'lostAnswer',
      times: 1,
    });
    const { entry, cpRefundNumber } = await service.refundOrder({
      orderId: order.id,
      reason: 'customer_return',
      lines: [
        {
          lineId: line.id!,
          quantity: 1,
          itemRefund: line.unit_price!,
          itemTaxRefund: 0,
          shippingRefund: 0,
          shippingTaxRefund: 0,
          discountRefund: 0,
        },
      ],
      notes: 'Damaged in transit',
    });
    expect(cpRefundNumber).toMatch(/^PL-STATION1-\d{8}-[0-9A-F]{8}$/);
    // Stored with the entry before anything was sent.
    expect(h.store.get(entry.id)?.write).toMatchObject({
      body: { cp_refund_number: cpRefundNumber },
    });
    await settle(h);
    expect(h.store.get(entry.id)).toMatchObject({
      state: 'sent',
      note: 'Refund number already on FeedAMP; not sent again.',
    });
    expect(await writes(h, 'refund')).toHaveLength(1);
    const listed = await service.orderRefunds(order.id);
    expect(listed.online).toBe(true);
    expect(listed.refunds.map((r) => r.cpRefundNumber)).toEqual([cpRefundNumber]);
    expect(listed.lines.find((l) => l.lineId === line.id)?.refundedQuantity).toBe(1);
  });

  it('refuses an order refund above what was paid, in a sentence, unless overridden', async () => {
    const { h, service } = await desk();
    const order = h.waitingOrders().find((o) => (o.order_lines ?? []).length > 0)!;
    const line = order.order_lines![0]!;
    const paid = line.unit_price! * 1;
    const request = {
      orderId: order.id,
      reason: 'price_error',
      lines: [
        {
          lineId: line.id!,
          quantity: 1,
          itemRefund: paid + 5,
          itemTaxRefund: 0,
          shippingRefund: 0,
          shippingTaxRefund: 0,
          discountRefund: 0,
        },
      ],
    };
    const message = await service.refundOrder(request).catch(refusal);
    expect(message).toBe(
      `${line.sku}: an item refund of ${order.currency} ${(paid + 5).toFixed(2)} is more than the ${order.currency} ${paid.toFixed(2)} paid for 1 unit — lower it, or override.`,
    );
    const units = await service
      .refundOrder({
        ...request,
        lines: [{ ...request.lines[0]!, quantity: line.quantity! + 1, itemRefund: 1 }],
      })
      .catch(refusal);
    expect(units).toMatch(/units are left to refund|already refunded/);
    expect(h.store.all()).toHaveLength(0);
    const { entry } = await service.refundOrder({ ...request, override: true });
    expect(entry.state).toBe('pending');
  });
});
