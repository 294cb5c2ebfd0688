// What a scan means at the bench: an order, an item of the open order (how many units: a learned
// case counts its units), a tracking label (warned when it is already on another order), a wave,
// or something unknown — said in a sentence that names the product, and offered for learning only
// when it is a well-formed product barcode.
import type { CarrierCandidateView, ScanResult } from '../../../preload/api/pack';
import type { Fulfillment } from '../../feedamp/schemas';
import { trackingUrl } from '../carriers/detect';
import type { OrderStore } from '../orders/store';
import type { OutboxEntry } from '../outbox/entries';
import { classifyScan } from '../scan/classify';
import { itemCodeKeys, normaliseSku } from '../../../common/item-codes';
import { findLearned, innerItemOfCase } from '../scan/item-codes';
import type { SettingsService } from '../settings';
import { findTrackingElsewhere } from './tracking-reuse';

export interface ScanResolverDeps {
  orders: OrderStore;
  settings: SettingsService;
  /** Every outbox entry: a tracking number already queued or sent for another order. */
  entries: { all: () => OutboxEntry[] };
  /** Each order's fulfillments as FeedAMP last showed them. */
  knownFulfillments: () => Iterable<
    readonly [orderId: string, fulfillments: readonly Fulfillment[]]
  >;
}

export class ScanResolver {
  /** Item key → product name, over every cached order; built on first use. */
  private itemKeys: Map<string, string> | undefined;

  constructor(private readonly deps: ScanResolverDeps) {}

  /** The cached orders or the learned codes changed: item keys are built again when needed. */
  forget(): void {
    this.itemKeys = undefined;
  }

  /** What a scan means on the Pack screen. */
  resolve(code: string, openOrderId: string | null): ScanResult {
    const result = this.classify(code, openOrderId);
    if (result.kind === 'item' && openOrderId !== null) {
      const units = this.unitsPerScan(openOrderId, code);
      return units === 1 ? result : { ...result, units };
    }
    // A case of an item on the order is no tracking number, however its digits fall.
    if (
      (result.kind === 'unknown' && result.reason === 'unrecognised') ||
      result.kind === 'tracking'
    ) {
      const caseOf = openOrderId === null ? undefined : this.caseOnOrder(openOrderId, code);
      if (caseOf)
        return {
          kind: 'unknown',
          code: result.code,
          reason: 'unrecognised',
          message: `Unknown code ${result.code}.`,
          learnable: true,
          caseOf,
        };
    }
    return result;
  }

  /**
   * Units one scan of an item code puts in the box: the order's own SKU or barcode is one unit;
   * a learned code is as many as it was learned with.
   */
  private unitsPerScan(orderId: string, code: string): number {
    if (this.deps.orders.index.findLines(orderId, code).length > 0) return 1;
    return findLearned(this.deps.settings.get(), code)?.units ?? 1;
  }

  /** The line of the open order whose item a GTIN-14 case code wraps, if any. */
  private caseOnOrder(orderId: string, code: string): { lineId: string; sku: string } | undefined {
    const inner = innerItemOfCase(code);
    if (inner === null) return undefined;
    const lineId = this.deps.orders.index.findLines(
      orderId,
      inner,
      this.deps.settings.get().aliases,
    )[0];
    const sku = this.deps.orders.view(orderId)?.lines.find((l) => l.id === lineId)?.sku;
    return lineId !== undefined && sku ? { lineId, sku } : undefined;
  }

  private classify(code: string, openOrderId: string | null): ScanResult {
    const aliases = this.deps.settings.get().aliases;
    const { orders } = this.deps;
    const result = classifyScan(
      code,
      { openOrderId },
      {
        findOrders: (key) => orders.index.findOrders(key),
        findItemOnOrder: (orderId, key) => orders.index.findLines(orderId, key, aliases),
        isKnownItem: (key) => this.knownItemKeys().has(key) || aliases[key] !== undefined,
      },
    );
    switch (result.kind) {
      case 'wave':
        return { kind: 'wave', code: result.code, waveId: result.waveId };
      case 'order':
        return { kind: 'order', code: result.code, orderIds: [...result.orderIds] };
      case 'item':
        return {
          kind: 'item',
          code: result.code,
          orderId: result.orderId,
          lineIds: [...result.lineIds],
        };
      case 'tracking':
        return {
          kind: 'tracking',
          code: result.code,
          trackingNumber: result.trackingNumber,
          usedElsewhere: this.trackingElsewhere(result.trackingNumber, openOrderId),
          candidates: result.candidates.map((c): CarrierCandidateView => ({
            carrier: c.carrier,
            service: c.service,
            checkDigit: c.checkDigit,
            trackingUrl: trackingUrl(c.carrier, c.trackingNumber) ?? undefined,
          })),
        };
      case 'unknown': {
        const c = result.code;
        let message: string;
        const product = this.productOf(c);
        const item = product && product !== c ? `${product} (${c})` : c;
        // Only a well-formed product barcode (a GTIN with a valid check digit) may be learned:
        // anything else may be a fragment of a scan, and learning a fragment poisons every
        // later scan of it.
        const learnable =
          result.reason === 'unrecognised' &&
          !result.misreadTracking?.length &&
          result.gtin14 !== undefined;
        if (result.reason === 'wrong-item') message = `${item} is not on this order — put it back.`;
        else if (result.reason === 'no-open-order')
          message = `${item} is an item — scan an order first.`;
        else if (result.reason === 'empty') message = 'The scan was empty — scan again.';
        else if (result.misreadTracking?.length)
          message = `${c} looks like a ${result.misreadTracking.join(' or ')} tracking number, but a digit is wrong — scan it again.`;
        else if (learnable) message = `${c} is a product barcode this station does not know.`;
        else message = `${c} was not understood — scan it again.`;
        return { kind: 'unknown', code: c, reason: result.reason, message, learnable };
      }
    }
  }

  /** "1Z… is already on order 112-…" when the label was used for another order. */
  private trackingElsewhere(trackingNumber: string, openOrderId: string | null) {
    const found = findTrackingElsewhere(
      trackingNumber,
      openOrderId,
      this.deps.entries.all(),
      this.deps.knownFulfillments(),
    );
    if (!found) return undefined;
    const view = this.deps.orders.view(found.orderId);
    const number = view?.marketplaceOrderNumber ?? view?.customerOrderNumber ?? found.orderId;
    return found.how === 'queued'
      ? `Tracking ${trackingNumber} is already on a package for order ${number} waiting to upload — check the label before you ship.`
      : `Tracking ${trackingNumber} was already shipped on order ${number} — check the label before you ship.`;
  }

  /**
   * Every item key (SKU, barcode) of every cached order, with the product it names (for "put
   * it back" sentences); rebuilt after the cache changes.
   */
  private knownItemKeys(): Map<string, string> {
    if (this.itemKeys) return this.itemKeys;
    const keys = new Map<string, string>();
    for (const { order } of this.deps.orders.all()) {
      const view = this.deps.orders.view(order.id);
      for (const line of view?.lines ?? []) {
        const product = line.name ?? line.sku ?? '';
        for (const code of [line.sku, ...line.codes]) {
          if (code)
            for (const key of itemCodeKeys(code)) if (!keys.has(key)) keys.set(key, product);
        }
      }
    }
    this.itemKeys = keys;
    return keys;
  }

  /** The product a known item code names, for sentences ("Red mug (MUG-1)"). */
  private productOf(code: string): string | undefined {
    const known = this.knownItemKeys();
    for (const key of itemCodeKeys(code)) {
      const product = known.get(key);
      if (product) return product;
    }
    const sku = this.deps.settings.get().aliases[normaliseSku(code)];
    return sku && (known.get(normaliseSku(sku)) ?? sku);
  }
}
