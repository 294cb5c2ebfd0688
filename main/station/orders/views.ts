// What the renderer sees of a cached order: tidy, typed views built from FeedAMP's loose model.
import type { OrderSummary, OrderView } from '../../../preload/api/orders';
import type { Order } from '../../feedamp/schemas';
import { isMarketplaceFulfilled } from '../packing/marketplace-fulfilled';
import type { CachedOrder } from './cache';
import { lineBarcodes } from './scan-index';

const defined = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);

/** Blank notes are no notes: the list shows a dash rather than an empty quote. */
function text(v: string | null | undefined): string | undefined {
  const t = v?.trim();
  return t ? t : undefined;
}

function lineLocation(props: Record<string, unknown> | null | undefined): string | undefined {
  const value = props?.bin_location ?? props?.location ?? props?.bin;
  return typeof value === 'string' ? value : undefined;
}

export function toSummary({ order, leftFilterAt }: CachedOrder): OrderSummary {
  const lines = order.order_lines ?? [];
  return {
    id: order.id,
    marketplaceOrderNumber: defined(order.marketplace_order_number),
    customerOrderNumber: defined(order.customer_order_number),
    merchantOrderNumber: defined(order.merchant_order_number),
    marketplace: defined(order.marketplace_name),
    locationId:
      defined(order.location?.client_location_id) ?? defined(order.location?.source_location_id),
    locationName: defined(order.location?.name),
    state: defined(order.normalized_marketplace_state),
    shipBy: defined(order.latest_ship_date),
    customerName: defined(order.shipping_address?.full_name) ?? defined(order.customer?.full_name),
    lineCount: lines.length,
    unitCount: lines.reduce((n, l) => n + (l.quantity ?? 0), 0),
    skus: lines.map((l) => l.sku).filter((s): s is string => !!s),
    names: lines.map((l) => l.product_name).filter((s): s is string => !!s),
    leftFilter: leftFilterAt !== undefined,
    cancelledByMarketplace: order.normalized_marketplace_state === 'CANCELLED',
    marketplaceFulfilled: isMarketplaceFulfilled(order),
    giftMessage: text(order.gift_message),
    deliveryNotes: text(order.delivery_notes),
  };
}

function addressView(address: Order['shipping_address']): OrderView['shipTo'] {
  if (!address) return undefined;
  const cityLine = [address.city, address.state, address.postal_code].filter(Boolean).join(' ');
  const lines = [
    address.address1,
    address.address2,
    address.address3,
    cityLine,
    address.country_code_iso2 ?? address.country_code,
  ].filter((l): l is string => !!l && l.trim() !== '');
  return { name: defined(address.full_name), lines, phone: defined(address.phone) };
}

export function toView(cached: CachedOrder): OrderView {
  const { order } = cached;
  return {
    ...toSummary(cached),
    salesChannel: defined(order.sales_channel),
    purchaseDate: defined(order.purchase_date),
    earliestShipDate: defined(order.earliest_ship_date),
    stateChangedAt: defined(order.marketplace_state_changed_at),
    shipTo: addressView(order.shipping_address),
    currency: defined(order.currency),
    lines: (order.order_lines ?? [])
      .filter((l): l is typeof l & { id: string } => !!l.id)
      .map((l) => ({
        id: l.id,
        sku: defined(l.sku),
        name: defined(l.product_name),
        quantity: l.quantity ?? 0,
        codes: lineBarcodes(l),
        location: lineLocation(l.order_line_additional_properties),
        unitPrice: defined(l.unit_price),
      })),
  };
}
