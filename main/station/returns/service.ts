// The returns desk and order refunds as main sees them: look a return up (FeedAMP when it
// answers, the cache when it does not), queue an operation or a line refund through the outbox,
// and queue an order refund with Packline's own cp_refund_number. Amounts are checked first
// (refunds/checks.ts); a refusal is a StationError whose sentence the person reads.
import { randomBytes } from 'node:crypto';
import type {
  OrderRefundRequest,
  OrderRefunds,
  RefundView,
  ReturnRefundRequest,
  ReturnSummary,
  ReturnView,
} from '../../../preload/api/returns';
import type { Settings } from '../../../preload/api/settings';
import type { FeedampClient } from '../../feedamp/client';
import { FeedampError, isOffline, NotFoundError } from '../../feedamp/errors';
import type { Order, Refund } from '../../feedamp/schemas';
import type { Logger } from '../../log';
import type { OrderStore } from '../orders/store';
import type { OutboxEntry } from '../outbox/entries';
import { toEntryView, type OutboxService } from '../outbox/service';
import {
  checkOrderRefund,
  checkReturnRefund,
  linePaid,
  newRefundNumber,
  returnLineLimits,
  roundCents,
  type LineRefunded,
  type RefundedSoFar,
} from '../refunds/checks';
import type { CachedReturn } from './cache';
import type { ReturnStore } from './store';
import { toReturnSummary, toReturnView } from './views';
import { say, StationError } from '../errors';

export interface ReturnsServiceDeps {
  returns: ReturnStore;
  orders: OrderStore;
  outbox: OutboxService;
  /** Every outbox entry (sent ones too): what this station already refunded. */
  outboxEntries: () => readonly OutboxEntry[];
  client: () => FeedampClient | undefined;
  settings: () => Settings;
  log: Logger;
  now?: () => Date;
  random?: () => string;
}

function feedampRefusal(error: unknown): never {
  if (error instanceof FeedampError) throw new StationError('feedamp', error.message);
  throw error;
}

type RefundLineOut = NonNullable<Refund['refund_lines']>[number];

/** What the refunds' lines add up to, per order line. */
function refundedPerLine(lines: readonly RefundLineOut[]): Map<string, LineRefunded> {
  const refunded = new Map<string, LineRefunded>();
  for (const l of lines) {
    const id = l.feedamp_order_line_id;
    if (!id) continue;
    const b = refunded.get(id) ?? { quantity: 0, item: 0, itemTax: 0, shipping: 0, shippingTax: 0 };
    refunded.set(id, {
      quantity: b.quantity + (l.refund_quantity ?? 0),
      item: b.item + (l.item_refund ?? 0),
      itemTax: b.itemTax + (l.item_tax_refund ?? 0),
      shipping: b.shipping + (l.shipping_refund ?? 0),
      shippingTax: b.shippingTax + (l.shipping_tax_refund ?? 0),
    });
  }
  return refunded;
}

function refundLineTotal(l: RefundLineOut): number {
  return roundCents(
    (l.item_refund ?? 0) +
      (l.item_tax_refund ?? 0) +
      (l.shipping_refund ?? 0) +
      (l.shipping_tax_refund ?? 0) -
      (l.discount_refund ?? 0),
  );
}

export class ReturnsService {
  private readonly now: () => Date;
  private readonly random: () => string;

  constructor(private readonly deps: ReturnsServiceDeps) {
    this.now = deps.now ?? (() => new Date());
    this.random = deps.random ?? (() => randomBytes(4).toString('hex').toUpperCase());
  }

  list(): ReturnSummary[] {
    return [...this.deps.returns.all()].map(toReturnSummary);
  }

  find(code: string): string[] {
    return this.deps.returns.index.find(code);
  }

  private entriesOfReturn(returnId: string): OutboxEntry[] {
    return this.deps
      .outboxEntries()
      .filter(
        (e) => e.state !== 'discarded' && 'returnId' in e.write && e.write.returnId === returnId,
      );
  }

  /** Item and shipping already refunded (or queued) per return line by this station. */
  private refundedOnReturn(cached: CachedReturn): Map<string, RefundedSoFar> {
    const out = new Map<string, RefundedSoFar>();
    for (const entry of this.entriesOfReturn(cached.ret.id)) {
      if (entry.write.kind !== 'return.refund') continue;
      for (const l of entry.write.body.merchant_refund_lines) {
        const line = cached.ret.return_lines?.find((r) => r.id === l.feedamp_return_line_id);
        const full =
          l.merchant_full_refund && l.item_refund === undefined && line
            ? (returnLineLimits(line).maxItem ?? 0)
            : 0;
        const before = out.get(l.feedamp_return_line_id) ?? { item: 0, shipping: 0 };
        out.set(l.feedamp_return_line_id, {
          item: before.item + (l.item_refund ?? full),
          shipping: before.shipping + (l.shipping_refund ?? 0),
        });
      }
    }
    return out;
  }

  private orderOf(cached: CachedReturn): Order | undefined {
    return (
      cached.ret.order ??
      (cached.ret.order_id ? this.deps.orders.get(cached.ret.order_id)?.order : undefined)
    );
  }

  private viewOf(cached: CachedReturn, source: ReturnView['source']): ReturnView {
    const refunded = this.refundedOnReturn(cached);
    return toReturnView(cached, {
      order: this.orderOf(cached),
      refundedByLine: new Map(
        [...refunded].map(([id, r]) => [id, roundCents(r.item + r.shipping)] as const),
      ),
      activity: this.entriesOfReturn(cached.ret.id).map(toEntryView),
      source,
    });
  }

  /** FeedAMP's copy when it answers (kept in the cache); the cached copy when offline. */
  async get(id: string, includeOrder = true): Promise<ReturnView> {
    const cached = this.deps.returns.get(id);
    const client = this.deps.client();
    if (client) {
      try {
        const fresh = await client.getReturn(id, { includeOrder });
        const entry: CachedReturn = {
          ret: { ...fresh, id, order: fresh.order ?? cached?.ret.order },
          leftFilterAt: cached?.leftFilterAt,
        };
        // Only a real change is written, so opening a return does not churn the list.
        if (!cached || JSON.stringify(cached.ret) !== JSON.stringify(entry.ret))
          await this.deps.returns.upsert([entry]);
        return this.viewOf(entry, 'feedamp');
      } catch (error) {
        if (error instanceof NotFoundError && !cached)
          throw new StationError('not_found', say.noFeedampReturn(id));
        if (!isOffline(error) && !cached) feedampRefusal(error);
        if (!isOffline(error)) this.deps.log.warn('return lookup failed', { id, error });
      }
    }
    if (!cached) throw new StationError('not_found', say.returnNotOnStation(id));
    return this.viewOf(cached, 'cache');
  }

  private mustGetCached(returnId: string): CachedReturn {
    const cached = this.deps.returns.get(returnId);
    if (!cached) throw new StationError('not_found', say.returnNotOnStationToWrite(returnId));
    return cached;
  }

  async operation(
    returnId: string,
    op: string,
    body: Record<string, unknown>,
  ): Promise<OutboxEntry> {
    this.mustGetCached(returnId);
    return this.deps.outbox.enqueue({ kind: 'return.operation', returnId, op, body });
  }

  async refundReturn(req: ReturnRefundRequest): Promise<OutboxEntry> {
    const cached = this.mustGetCached(req.returnId);
    const ret = cached.ret;
    const order = this.orderOf(cached);
    const problems = checkReturnRefund({
      returnLabel: ret.rma ?? ret.marketplace_return_number ?? ret.id,
      lines: ret.return_lines ?? [],
      orderLines: order?.order_lines ?? undefined,
      currency: order?.currency,
      request: req.lines,
      refunded: this.refundedOnReturn(cached),
      override: req.override,
    });
    if (ret.normalized_marketplace_state === 'REFUNDED' && !req.override)
      problems.unshift(
        `Return ${ret.rma ?? ret.id} is already refunded on FeedAMP — override to refund it again.`,
      );
    if (problems.length > 0) throw new StationError('refused', problems.join(' '));
    return this.deps.outbox.enqueue({
      kind: 'return.refund',
      returnId: req.returnId,
      body: {
        merchant_refund_lines: req.lines.map((l) => ({
          feedamp_return_line_id: l.lineId,
          ...(l.itemRefund !== undefined && { item_refund: roundCents(l.itemRefund) }),
          ...(l.shippingRefund !== undefined && { shipping_refund: roundCents(l.shippingRefund) }),
          ...(l.notes && { refund_notes: l.notes }),
          ...(l.fullRefund !== undefined && { merchant_full_refund: l.fullRefund }),
        })),
      },
    });
  }

  // ---------------------------------------------------------------- order refunds

  private async orderFor(orderId: string): Promise<Order & { id: string }> {
    const cached = this.deps.orders.get(orderId)?.order;
    if (cached) return cached;
    const client = this.deps.client();
    if (client) {
      try {
        const order = await client.getOrder(orderId);
        return { ...order, id: orderId };
      } catch (error) {
        if (error instanceof NotFoundError)
          throw new StationError('not_found', say.noFeedampOrder(orderId));
        if (!isOffline(error)) feedampRefusal(error);
      }
    }
    throw new StationError('not_found', say.orderNotOnStationOffline(orderId));
  }

  async orderRefunds(orderId: string): Promise<OrderRefunds> {
    const order = await this.orderFor(orderId);
    const client = this.deps.client();
    let remote: Refund[] = [];
    let online = false;
    let message: string | undefined;
    if (client) {
      try {
        remote = await client.listOrderRefunds(orderId);
        online = true;
      } catch (error) {
        message = isOffline(error)
          ? 'Offline — only the refunds made on this station are listed.'
          : error instanceof FeedampError
            ? error.message
            : 'FeedAMP could not list the refunds; only this station’s are shown.';
        if (!isOffline(error)) this.deps.log.warn('refund list failed', { orderId, error });
      }
    } else message = 'Not signed in — only the refunds made on this station are listed.';

    const refunds: (RefundView & { lines: RefundView['lines'] })[] = [];
    const known = new Set<string>();
    const raw: { lines: RefundLineOut[] }[] = [];
    for (const r of remote) {
      if (r.cp_refund_number) known.add(r.cp_refund_number);
      const lines = r.refund_lines ?? [];
      raw.push({ lines });
      refunds.push(
        this.refundView(r.id ?? undefined, r.cp_refund_number ?? undefined, 'sent', lines),
      );
    }
    for (const entry of this.deps.outboxEntries()) {
      const w = entry.write;
      if (entry.state === 'discarded' || w.kind !== 'refund.create' || w.orderId !== orderId)
        continue;
      if (known.has(w.body.cp_refund_number)) continue;
      // A sent entry FeedAMP did not list (offline view) still counts as refunded.
      if (entry.state === 'sent' && online) continue;
      const state =
        entry.state === 'sent' ? 'sent' : entry.state === 'attention' ? 'attention' : 'queued';
      raw.push({ lines: w.body.refund_lines });
      refunds.push(
        this.refundView(entry.resultId, w.body.cp_refund_number, state, w.body.refund_lines),
      );
    }
    const refunded = refundedPerLine(raw.flatMap((r) => r.lines));
    this.lastRefunded.set(orderId, refunded);
    return {
      orderId,
      currency: order.currency ?? undefined,
      lines: (order.order_lines ?? [])
        .filter((l): l is typeof l & { id: string } => typeof l.id === 'string')
        .map((l) => {
          const paid = linePaid(l);
          const r = refunded.get(l.id);
          return {
            lineId: l.id,
            sku: l.sku ?? undefined,
            name: l.product_name ?? undefined,
            quantity: paid.quantity,
            unitPrice: paid.unitPrice,
            paidItemTax: paid.itemTax,
            paidShipping: paid.shipping,
            paidShippingTax: paid.shippingTax,
            refundedQuantity: r?.quantity ?? 0,
            refundedTotal: r ? roundCents(r.item + r.itemTax + r.shipping + r.shippingTax) : 0,
          };
        }),
      refunds,
      online,
      ...(message !== undefined && { message }),
    };
  }

  private readonly lastRefunded = new Map<string, Map<string, LineRefunded>>();

  private refundView(
    id: string | undefined,
    cpRefundNumber: string | undefined,
    state: RefundView['state'],
    lines: readonly RefundLineOut[],
  ): RefundView {
    const views = lines.map((l) => ({
      lineId: l.feedamp_order_line_id ?? undefined,
      reason: l.refund_reason ?? undefined,
      quantity: l.refund_quantity ?? undefined,
      total: refundLineTotal(l),
    }));
    return {
      id,
      cpRefundNumber,
      state,
      total: roundCents(views.reduce((n, l) => n + l.total, 0)),
      lines: views,
    };
  }

  async refundOrder(
    req: OrderRefundRequest,
  ): Promise<{ entry: OutboxEntry; cpRefundNumber: string }> {
    const order = await this.orderFor(req.orderId);
    // What is already refunded: FeedAMP's list when it answers, this station's queue always.
    await this.orderRefunds(req.orderId);
    const refunded = this.lastRefunded.get(req.orderId) ?? new Map<string, LineRefunded>();
    const problems = checkOrderRefund({
      orderLabel: order.marketplace_order_number ?? order.id,
      lines: order.order_lines ?? [],
      currency: order.currency,
      request: req.lines,
      refunded,
      override: req.override,
    });
    if (problems.length > 0) throw new StationError('refused', problems.join(' '));
    const settings = this.deps.settings();
    const cpRefundNumber = newRefundNumber(settings.stationName, this.now(), this.random);
    const entry = await this.deps.outbox.enqueue({
      kind: 'refund.create',
      orderId: req.orderId,
      body: {
        cp_refund_number: cpRefundNumber,
        refund_lines: req.lines.map((l) => {
          const notes = l.notes || req.notes;
          return {
            feedamp_order_line_id: l.lineId,
            refund_reason: req.reason,
            refund_quantity: l.quantity,
            ...(order.currency && { currency: order.currency }),
            item_refund: roundCents(l.itemRefund),
            item_tax_refund: roundCents(l.itemTaxRefund),
            shipping_refund: roundCents(l.shippingRefund),
            shipping_tax_refund: roundCents(l.shippingTaxRefund),
            discount_refund: roundCents(l.discountRefund),
            ...(notes && { refund_notes: notes }),
          };
        }),
      },
    });
    return { entry, cpRefundNumber };
  }
}
