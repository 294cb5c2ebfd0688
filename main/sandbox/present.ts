// Stored records → FeedAMP JSON. Absent values are omitted, never null: the reference types
// no field as nullable.
import { formatDateTime } from './dates';
import { JsonInteger } from './http';
import type {
  StoredCancellation,
  StoredFulfillment,
  StoredFulfillmentRequest,
  StoredOrder,
  StoredRefund,
  StoredReturn,
} from './model';

type Json = Record<string, unknown>;

function withoutUndefined(obj: Json): Json {
  for (const key of Object.keys(obj)) if (obj[key] === undefined) delete obj[key];
  return obj;
}

const date = (ms: number | undefined): string | undefined =>
  ms === undefined ? undefined : formatDateTime(ms);

export function orderJson(order: StoredOrder, includeRawData = false): Json {
  return withoutUndefined({
    id: order.id,
    marketplace_order_number: order.marketplace_order_number,
    customer_order_number: order.customer_order_number,
    merchant_order_number: order.merchant_order_number,
    marketplace_name: order.marketplace_name,
    integration_name: order.integration_name,
    integration_id: order.integration_id,
    sales_channel: order.sales_channel,
    location: order.location,
    customer: order.customer,
    imported_date: date(order.importedAt),
    purchase_date: date(order.purchaseAt),
    currency: order.currency,
    delivery_notes: order.delivery_notes,
    earliest_ship_date: date(order.earliestShipAt),
    latest_ship_date: date(order.latestShipAt),
    earliest_delivery_date: date(order.earliestDeliveryAt),
    latest_delivery_date: date(order.latestDeliveryAt),
    gift_message: order.gift_message,
    marketing_opt_in: order.marketing_opt_in,
    shipping_address: order.shipping_address,
    billing_address: order.billing_address,
    order_lines: order.lines,
    order_additional_properties: order.order_additional_properties,
    workflow_status: order.workflow_status,
    marketplace_state: order.marketplace_state,
    normalized_marketplace_state: order.normalized_marketplace_state,
    is_marketplace_fulfilled: order.is_marketplace_fulfilled,
    marketplace_state_changed_at: date(order.stateChangedAt),
    fulfillment_type: order.fulfillment_type,
    shipment_service_level: order.shipment_service_level,
    shipment_node: order.shipment_node,
    // The reference does not name the raw-data property (the docs leave it open); `raw_data` is our pick.
    raw_data: includeRawData ? order.raw_data : undefined,
  });
}

export function fulfillmentJson(f: StoredFulfillment): Json {
  return { id: f.id, ...f.body };
}

export function cancellationJson(c: StoredCancellation): Json {
  return { id: c.id, cancellation_lines: c.lines, reason: c.reason };
}

export function refundJson(r: StoredRefund): Json {
  return { id: r.id, ...r.body };
}

export function fulfillmentRequestJson(order: StoredOrder, fr: StoredFulfillmentRequest): Json {
  return {
    id: fr.id,
    order_id: new JsonInteger(order.id),
    fulfilling_integration_id: fr.fulfilling_integration_id,
    fulfilling_integration_name: fr.fulfilling_integration_name,
    fulfilling_integration_plugin: fr.fulfilling_integration_plugin,
    fulfillment_request_lines: fr.lines.map((l) => ({
      id: l.id,
      feedamp_order_line_number: l.line_id,
      sku: l.sku,
      quantity: l.quantity,
      product_name: l.product_name,
      shipping_method: l.shipping_method,
    })),
    created_at: formatDateTime(fr.createdAt),
    platform_order_number: fr.platform_order_number,
    fulfillment_type: fr.fulfillment_type,
    shipping_address: order.shipping_address,
  };
}

export function returnJson(ret: StoredReturn, order?: StoredOrder): Json {
  return withoutUndefined({
    id: ret.id,
    order_id: ret.order_id,
    integration_name: ret.integration_name,
    marketplace_name: ret.marketplace_name,
    marketplace_return_number: ret.marketplace_return_number,
    rma: ret.rma,
    marketplace_order_number: ret.marketplace_order_number,
    marketplace_state: ret.marketplace_state,
    normalized_marketplace_state: ret.normalized_marketplace_state,
    pre_authorized: ret.pre_authorized,
    customer: ret.customer,
    imported_date: formatDateTime(ret.importedAt),
    request_date: formatDateTime(ret.requestAt),
    respond_by_date: formatDateTime(ret.respondByAt),
    notes: ret.notes,
    shipping_address: ret.shipping_address,
    return_lines: ret.return_lines,
    return_type: ret.return_type,
    // `include_order`'s property name is not documented (the docs leave it open); `order` is our pick.
    order: order ? orderJson(order) : undefined,
  });
}
