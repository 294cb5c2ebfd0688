// What the renderer sees of a cached return: tidy, typed views built from FeedAMP's loose model.
import type { ReturnLineView, ReturnSummary, ReturnView } from '../../../preload/api/returns';
import type { Order } from '../../feedamp/schemas';
import { returnLineLimits, type ReturnLine } from '../refunds/checks';
import type { CachedReturn, ReturnRecord } from './cache';
import { customerOrderNumber, returnTrackingNumbers } from './index-numbers';

const defined = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);

export function toReturnSummary({ ret, leftFilterAt }: CachedReturn): ReturnSummary {
  const lines = ret.return_lines ?? [];
  return {
    id: ret.id,
    rma: defined(ret.rma),
    marketplaceReturnNumber: defined(ret.marketplace_return_number),
    merchantReturnNumber: defined(ret.merchant_return_number),
    marketplaceOrderNumber:
      defined(ret.marketplace_order_number) ?? defined(ret.order?.marketplace_order_number),
    customerOrderNumber: customerOrderNumber(ret),
    orderId: defined(ret.order_id),
    marketplace: defined(ret.marketplace_name) ?? defined(ret.integration_name),
    state: defined(ret.normalized_marketplace_state),
    marketplaceState: defined(ret.marketplace_state),
    returnType: defined(ret.return_type),
    customerName: defined(ret.customer?.full_name) ?? defined(ret.shipping_address?.full_name),
    requestDate: defined(ret.request_date),
    respondBy: defined(ret.respond_by_date),
    lineCount: lines.length,
    unitCount: lines.reduce((n, l) => n + (l.quantity ?? 0), 0),
    skus: lines.map((l) => l.sku).filter((s): s is string => !!s),
    trackingNumbers: returnTrackingNumbers(ret),
    leftFilter: !!leftFilterAt,
  };
}

function lineView(
  line: ReturnLine & { id: string },
  order: Order | undefined,
  refundedByStation: number,
): ReturnLineView {
  const orderLine = order?.order_lines?.find((l) => l.id === line.feedamp_order_line_id);
  const { maxItem, maxShipping } = returnLineLimits(line, orderLine);
  return {
    id: line.id,
    orderLineId: defined(line.feedamp_order_line_id),
    sku: defined(line.sku),
    name: defined(line.product_name),
    quantity: line.quantity ?? 0,
    reason: defined(line.reason),
    unitPrice: defined(line.unit_price),
    originalPrice: defined(line.original_price),
    requestedRefund: defined(line.requested_refund),
    labelCost: defined(line.label_cost),
    carrier: defined(line.tracking_info?.carrier),
    trackingNumber: defined(line.tracking_info?.tracking_number),
    shippingExpected: defined(line.shipping_expected),
    destination: defined(line.destination),
    maxItemRefund: maxItem,
    maxShippingRefund: maxShipping,
    refundedByStation,
  };
}

function addressLines(ret: ReturnRecord): string[] {
  const a = ret.shipping_address;
  if (!a) return [];
  return [
    a.full_name,
    a.address1,
    a.address2,
    a.address3,
    [a.city, a.state, a.postal_code].filter(Boolean).join(' '),
    a.country_code,
  ].filter((s): s is string => !!s && s.trim() !== '');
}

export function toReturnView(
  cached: CachedReturn,
  extra: {
    order: Order | undefined;
    refundedByLine: ReadonlyMap<string, number>;
    activity: ReturnView['activity'];
    source: ReturnView['source'];
  },
): ReturnView {
  const { ret } = cached;
  const order = extra.order;
  const awaitingAuthorization = ret.normalized_marketplace_state === 'PENDING_AUTHORIZATION';
  return {
    ...toReturnSummary(cached),
    preAuthorized: defined(ret.pre_authorized),
    notes: defined(ret.notes),
    customer: ret.customer
      ? {
          name: defined(ret.customer.full_name),
          email: defined(ret.customer.email),
          phone: defined(ret.customer.phone),
        }
      : undefined,
    shipFrom: addressLines(ret),
    lines: (ret.return_lines ?? [])
      .filter((l): l is ReturnLine & { id: string } => typeof l.id === 'string')
      .map((l) => lineView(l, order, extra.refundedByLine.get(l.id) ?? 0)),
    order: order
      ? {
          id: defined(order.id),
          marketplaceOrderNumber: defined(order.marketplace_order_number),
          customerOrderNumber: defined(order.customer_order_number),
          purchaseDate: defined(order.purchase_date),
          currency: defined(order.currency),
          state: defined(order.normalized_marketplace_state),
          lines: (order.order_lines ?? []).map((l) => ({
            id: defined(l.id),
            sku: defined(l.sku),
            name: defined(l.product_name),
            quantity: l.quantity ?? 0,
            unitPrice: defined(l.unit_price),
            shippingPrice: defined(l.shipping_price),
          })),
        }
      : undefined,
    // FeedAMP does not list a channel's operations; `process` authorizes a customer's return.
    operations: [
      { op: 'process', label: awaitingAuthorization ? 'Authorize return' : 'Process return' },
    ],
    activity: extra.activity,
    source: extra.source,
  };
}
