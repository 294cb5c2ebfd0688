// Orders (O1–O4) and fulfillment requests (R3): what FeedAMP sends, and the filter and
// confirmation Packline sends. Conventions: schema-parts.ts.
import { z } from 'zod';
import {
  FULFILLMENT_TYPES,
  NORMALIZED_ORDER_STATES,
  ORDER_STATE_FILTER_VALUES,
} from '../../common/feedamp-enums';
import {
  Address,
  csv,
  Customer,
  DateTimeInput,
  dateTimeOut,
  IdInput,
  idOut,
  looseRecord,
  openEnum,
  opt,
} from './schema-parts.js';

const Location = z.looseObject({
  source_location_id: opt(z.string()),
  client_location_id: opt(z.string()),
  name: opt(z.string()),
  address: opt(z.string()),
  active: opt(z.boolean()),
  custom_fields: opt(looseRecord),
});

export const OrderLine = z.looseObject({
  id: opt(idOut),
  marketplace_line_number: opt(z.string()),
  sku: opt(z.string()),
  product_name: opt(z.string()),
  quantity: opt(z.number().int()),
  unit_price: opt(z.number()),
  shipping_method: opt(z.string()),
  shipping_price: opt(z.number()),
  taxes: opt(z.array(z.looseObject({ type: opt(z.string()), amount: opt(z.number()) }))),
  discounts: opt(
    z.array(
      z.looseObject({ name: opt(z.string()), amount: opt(z.number()), type: opt(z.string()) }),
    ),
  ),
  platform_discount: opt(z.number()),
  commission: opt(z.number()),
  gift_wrap_price: opt(z.number()),
  gift_wrap_tax: opt(z.number()),
  is_tax_collected_by_marketplace: opt(z.boolean()),
  order_line_additional_properties: opt(looseRecord),
});
export type OrderLine = z.infer<typeof OrderLine>;

export const Order = z.looseObject({
  id: opt(idOut),
  marketplace_order_number: opt(z.string()),
  customer_order_number: opt(z.string()),
  merchant_order_number: opt(z.string()),
  marketplace_name: opt(z.string()),
  integration_name: opt(z.string()),
  sales_channel: opt(z.string()),
  location: opt(Location),
  customer: opt(Customer),
  imported_date: opt(dateTimeOut),
  purchase_date: opt(dateTimeOut),
  currency: opt(z.string()),
  delivery_notes: opt(z.string()),
  earliest_ship_date: opt(dateTimeOut),
  latest_ship_date: opt(dateTimeOut),
  earliest_delivery_date: opt(dateTimeOut),
  latest_delivery_date: opt(dateTimeOut),
  gift_message: opt(z.string()),
  marketing_opt_in: opt(z.boolean()),
  shipping_address: opt(Address),
  billing_address: opt(Address),
  order_lines: opt(z.array(OrderLine)),
  order_additional_properties: opt(looseRecord),
  payment_gateway_transactions: opt(
    z.array(
      z.looseObject({
        id: opt(z.string()),
        amount: opt(z.number()),
        currency: opt(z.string()),
        gateway_transaction_id: opt(z.string()),
        gateway: opt(z.string()),
      }),
    ),
  ),
  workflow_status: opt(z.string()),
  marketplace_state: opt(z.string()),
  normalized_marketplace_state: opt(openEnum(NORMALIZED_ORDER_STATES)),
  is_marketplace_fulfilled: opt(z.boolean()),
  marketplace_state_changed_at: opt(dateTimeOut),
  fulfillment_type: opt(openEnum(FULFILLMENT_TYPES)),
  shipment_service_level: opt(z.string()),
  shipment_node: opt(z.string()),
});
export type Order = z.infer<typeof Order>;

export const OrderList = z.looseObject({
  orders: z.array(Order),
  next_cursor: opt(z.string()),
});
export type OrderList = z.infer<typeof OrderList>;

/** The orders envelope alone, for callers that check each order on its own. */
export const RawOrderList = z.looseObject({
  orders: z.array(z.unknown()),
  next_cursor: opt(z.string()),
});

export interface RejectedOrder {
  /** The order's id as sent, or '(no id)'. */
  id: string;
  /** Where and why the order did not match the documented shape. */
  reason: string;
}

export interface LenientOrderPage {
  orders: Order[];
  rejected: RejectedOrder[];
  next_cursor?: string | null | undefined;
}

/** What GET of one order may ask for besides the order. */
export const GetOrderQuery = z.strictObject({ include_raw_data: z.boolean().optional() });

export const ConfirmOrderInput = z.object({
  merchant_order_number: z.string().min(1).optional(),
});
export type ConfirmOrderInput = z.input<typeof ConfirmOrderInput>;

export const ConfirmOrderResponse = z.looseObject({
  id: opt(idOut),
  merchant_order_number: opt(z.string()),
});
export type ConfirmOrderResponse = z.infer<typeof ConfirmOrderResponse>;
const stateFilter = z.enum(ORDER_STATE_FILTER_VALUES);

export const OrdersQuery = z.strictObject({
  marketplace_state: csv.optional(),
  normalized_marketplace_state: z
    .union([
      z.array(stateFilter).min(1),
      z
        .string()
        .regex(
          new RegExp(
            `^(${ORDER_STATE_FILTER_VALUES.join('|')})(,(${ORDER_STATE_FILTER_VALUES.join('|')}))*$`,
          ),
          'must be one or more of ' + ORDER_STATE_FILTER_VALUES.join(', '),
        ),
    ])
    .optional(),
  marketplace_state_changed_after: DateTimeInput.optional(),
  marketplace_state_changed_before: DateTimeInput.optional(),
  imported_after: DateTimeInput.optional(),
  imported_before: DateTimeInput.optional(),
  id: csv.optional(),
  marketplace_order_number: csv.optional(),
  customer_order_number: csv.optional(),
  merchant_order_number: csv.optional(),
  integration_id: IdInput.optional(),
  source_location_id: z.string().min(1).optional(),
  client_location_id: z.string().min(1).optional(),
  feedamp_status: z.string().min(1).optional(),
  limit: z.number().int().min(1).max(250).optional(),
  cursor: z.string().min(1).optional(),
  include_raw_data: z.boolean().optional(),
});
export type OrdersQuery = z.input<typeof OrdersQuery>;

// ---------------------------------------------------------------- fulfillment requests

export const FulfillmentRequest = z.looseObject({
  id: opt(idOut),
  // Documented as an integer; the client quotes it before JSON.parse so an
  // 18-digit value keeps every digit, and a string is accepted too.
  order_id: opt(z.union([z.string(), z.number().transform((n) => String(n))])),
  fulfilling_integration_id: opt(z.string()),
  fulfilling_integration_name: opt(z.string()),
  fulfilling_integration_plugin: opt(z.string()),
  fulfillment_request_lines: opt(
    z.array(
      z.looseObject({
        id: opt(idOut),
        feedamp_order_line_number: opt(z.string()),
        sku: opt(z.string()),
        quantity: opt(z.number().int()),
        product_name: opt(z.string()),
        shipping_method: opt(z.string()),
      }),
    ),
  ),
  created_at: opt(dateTimeOut),
  platform_order_number: opt(z.string()),
  fulfillment_type: opt(z.string()),
  shipping_address: opt(Address),
});
export type FulfillmentRequest = z.infer<typeof FulfillmentRequest>;
