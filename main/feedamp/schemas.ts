// zod schemas for every body FeedAMP sends or receives (docs/feedamp/openapi.yaml).
// Responses: loose objects (unknown fields are kept: FeedAMP promises additive changes), every field optional and
// nullable (the docs promise no field and do not say whether empty ones are null or absent),
// IDs as strings (they exceed 2^53), enums open to new values, date-times kept as the server's
// text (read them with parseDateTime). Requests: strict about what we send.
import { z } from 'zod';
import {
  CANCELLATION_REASONS,
  CARRIERS,
  FULFILLMENT_TYPES,
  NORMALIZED_ORDER_STATES,
  ORDER_STATE_FILTER_VALUES,
  RETURN_TYPES,
} from '../../common/feedamp-enums';
import { formatDateTime, isSendableDateTime } from './dates.js';

// ---------------------------------------------------------------- helpers

/** A response enum: the documented values as a type hint, any string accepted. */
function openEnum<const T extends readonly [string, ...string[]]>(
  _documented: T,
): z.ZodType<T[number] | (string & {})> {
  return z.string() as z.ZodType<T[number] | (string & {})>;
}

/** Optional in a response: absent or null. */
const opt = <T extends z.ZodType>(schema: T) => schema.nullish();

const idOut = z.string();
const dateTimeOut = z.string();
const looseRecord = z.record(z.string(), z.unknown());

/** An ID we send: digits only, as a string. */
export const IdInput = z.string().regex(/^\d+$/, 'must be a FeedAMP id (digits)');

/** A date-time we send: a Date, or RFC 3339 text with an offset; sent as whole seconds. */
export const DateTimeInput = z
  .union([
    z.date(),
    z.string().refine(isSendableDateTime, 'must be an RFC 3339 date-time with an offset'),
  ])
  .transform((v) => formatDateTime(v));

// ---------------------------------------------------------------- shared objects

export const Customer = z.looseObject({
  full_name: opt(z.string()),
  email: opt(z.string()),
  phone: opt(z.string()),
  vat: opt(z.string()),
});

export const Address = z.looseObject({
  full_name: opt(z.string()),
  address1: opt(z.string()),
  address2: opt(z.string()),
  address3: opt(z.string()),
  city: opt(z.string()),
  state: opt(z.string()),
  postal_code: opt(z.string()),
  country_code: opt(z.string()),
  country_code_iso2: opt(z.string()),
  phone: opt(z.string()),
  address_type: opt(z.string()),
});

export const Location = z.looseObject({
  source_location_id: opt(z.string()),
  client_location_id: opt(z.string()),
  name: opt(z.string()),
  address: opt(z.string()),
  active: opt(z.boolean()),
  custom_fields: opt(looseRecord),
});

// ---------------------------------------------------------------- token and operations

export const TokenResponse = z.looseObject({ token: z.string().min(1) });

export const OperationResult = z.looseObject({
  operation: opt(z.string()),
  response: opt(z.unknown()),
});
export type OperationResult = z.infer<typeof OperationResult>;

export const OperationBody = looseRecord;

// ---------------------------------------------------------------- orders

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

export const ConfirmOrderInput = z.object({
  merchant_order_number: z.string().min(1).optional(),
});
export type ConfirmOrderInput = z.input<typeof ConfirmOrderInput>;

export const ConfirmOrderResponse = z.looseObject({
  id: opt(idOut),
  merchant_order_number: opt(z.string()),
});
export type ConfirmOrderResponse = z.infer<typeof ConfirmOrderResponse>;

const csv = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);
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

// ---------------------------------------------------------------- fulfillments

export const LineQuantityInput = z.object({
  line_id: IdInput,
  quantity: z.number().int().min(1),
});
export type LineQuantityInput = z.input<typeof LineQuantityInput>;

export const ShipmentInput = z.object({
  shipped_date: DateTimeInput,
  carrier: z.enum(CARRIERS),
  tracking_number: z.string().min(1),
  tracking_url: z.string().min(1).optional(),
});

export const ShipmentFulfillmentInput = z.object({
  fulfillment_type: z.literal('shipment'),
  shipment: ShipmentInput,
  state: z.literal('shipped').optional(),
  fulfillment_lines: z.array(LineQuantityInput).min(1),
});

// Local delivery and pickup: only the discriminator is documented; extra
// fields the caller adds are passed through untouched.
export const LocalDeliveryFulfillmentInput = z.looseObject({
  fulfillment_type: z.literal('local_delivery'),
  fulfillment_lines: z.array(LineQuantityInput).min(1).optional(),
});
export const PickupFulfillmentInput = z.looseObject({
  fulfillment_type: z.literal('pickup'),
  fulfillment_lines: z.array(LineQuantityInput).min(1).optional(),
});

export const FulfillmentInput = z.discriminatedUnion('fulfillment_type', [
  ShipmentFulfillmentInput,
  LocalDeliveryFulfillmentInput,
  PickupFulfillmentInput,
]);
export type FulfillmentInput = z.input<typeof FulfillmentInput>;

const LineQuantityOut = z.looseObject({
  line_id: opt(idOut),
  quantity: opt(z.number().int()),
});

export const Fulfillment = z.looseObject({
  id: opt(idOut),
  fulfillment_type: opt(openEnum(FULFILLMENT_TYPES)),
  shipment: opt(
    z.looseObject({
      shipped_date: opt(dateTimeOut),
      carrier: opt(openEnum(CARRIERS)),
      tracking_number: opt(z.string()),
      tracking_url: opt(z.string()),
    }),
  ),
  state: opt(openEnum(['shipped'])),
  fulfillment_lines: opt(z.array(LineQuantityOut)),
});
export type Fulfillment = z.infer<typeof Fulfillment>;

export const FulfillmentList = z.looseObject({ fulfillments: z.array(Fulfillment) });

export const FulfillmentsQuery = z.strictObject({
  tracking_number: z.string().min(1).optional(),
  carrier: z.enum(CARRIERS).optional(),
});
export type FulfillmentsQuery = z.input<typeof FulfillmentsQuery>;

// ---------------------------------------------------------------- cancellations

export const CancellationInput = z.object({
  cancellation_lines: z.array(LineQuantityInput).min(1),
  reason: z.enum(CANCELLATION_REASONS),
});
export type CancellationInput = z.input<typeof CancellationInput>;

export const Cancellation = z.looseObject({
  id: opt(idOut),
  cancellation_lines: opt(z.array(LineQuantityOut)),
  reason: opt(openEnum(CANCELLATION_REASONS)),
});
export type Cancellation = z.infer<typeof Cancellation>;

export const CancellationList = z.looseObject({ cancellations: z.array(Cancellation) });

// ---------------------------------------------------------------- order refunds

export const RefundLineInput = z.object({
  feedamp_order_line_id: IdInput,
  refund_reason: z.string().min(1),
  refund_line_number: z.string().optional(),
  refund_quantity: z.number().int().min(1).optional(),
  currency: z.string().optional(),
  item_refund: z.number().optional(),
  item_tax_refund: z.number().optional(),
  shipping_refund: z.number().optional(),
  shipping_tax_refund: z.number().optional(),
  discount_refund: z.number().optional(),
  refund_notes: z.string().optional(),
});

export const RefundInput = z.looseObject({
  cp_refund_number: z.string().min(1),
  refund_lines: z.array(RefundLineInput).min(1),
});
export type RefundInput = z.input<typeof RefundInput>;

export const Refund = z.looseObject({
  id: opt(idOut),
  cp_refund_number: opt(z.string()),
  refund_lines: opt(
    z.array(
      z.looseObject({
        feedamp_order_line_id: opt(idOut),
        refund_reason: opt(z.string()),
        refund_line_number: opt(z.string()),
        refund_quantity: opt(z.number().int()),
        currency: opt(z.string()),
        item_refund: opt(z.number()),
        item_tax_refund: opt(z.number()),
        shipping_refund: opt(z.number()),
        shipping_tax_refund: opt(z.number()),
        discount_refund: opt(z.number()),
        refund_notes: opt(z.string()),
      }),
    ),
  ),
});
export type Refund = z.infer<typeof Refund>;

// The docs wrap refunds in `cancellations`; `refunds` is accepted as well.
export const RefundList = z
  .looseObject({
    refunds: opt(z.array(Refund)),
    cancellations: opt(z.array(Refund)),
  })
  .refine((v) => Array.isArray(v.refunds) || Array.isArray(v.cancellations), {
    message: 'expected a refunds or cancellations array',
    path: ['refunds'],
  });

// ---------------------------------------------------------------- returns

export const ReturnLine = z.looseObject({
  id: opt(idOut),
  marketplace_return_line_number: opt(z.string()),
  marketplace_order_line_number: opt(z.string()),
  feedamp_order_line_id: opt(idOut),
  sku: opt(z.string()),
  product_name: opt(z.string()),
  quantity: opt(z.number().int()),
  unit_price: opt(z.number()),
  reason: opt(z.string()),
  original_price: opt(z.number()),
  requested_refund: opt(z.number()),
  shipping_expected: opt(z.boolean()),
  destination: opt(z.string()),
  label_cost: opt(z.number()),
  tracking_info: opt(
    z.looseObject({ carrier: opt(openEnum(CARRIERS)), tracking_number: opt(z.string()) }),
  ),
});

export const Return = z.looseObject({
  id: opt(idOut),
  order_id: opt(idOut),
  integration_name: opt(z.string()),
  marketplace_name: opt(z.string()),
  marketplace_return_number: opt(z.string()),
  rma: opt(z.string()),
  merchant_return_number: opt(z.string()),
  marketplace_order_number: opt(z.string()),
  marketplace_state: opt(z.string()),
  normalized_marketplace_state: opt(z.string()),
  pre_authorized: opt(z.boolean()),
  customer: opt(Customer),
  imported_date: opt(dateTimeOut),
  request_date: opt(dateTimeOut),
  respond_by_date: opt(dateTimeOut),
  notes: opt(z.string()),
  shipping_address: opt(Address),
  return_lines: opt(z.array(ReturnLine)),
  return_type: opt(openEnum(RETURN_TYPES)),
  // Embedded with include_order; the property name is not documented.
  order: opt(Order),
});
export type Return = z.infer<typeof Return>;

export const ReturnList = z.looseObject({
  returns: z.array(Return),
  next_cursor: opt(z.string()),
});
export type ReturnList = z.infer<typeof ReturnList>;

export const RawReturnList = z.looseObject({
  returns: z.array(z.unknown()),
  next_cursor: opt(z.string()),
});

export interface LenientReturnPage {
  returns: Return[];
  rejected: RejectedOrder[];
  next_cursor?: string | null | undefined;
}

export const ReturnsQuery = z.strictObject({
  marketplace_state: csv.optional(),
  normalized_marketplace_state: csv.optional(),
  marketplace_state_changed_after: DateTimeInput.optional(),
  marketplace_state_changed_before: DateTimeInput.optional(),
  imported_after: DateTimeInput.optional(),
  imported_before: DateTimeInput.optional(),
  id: csv.optional(),
  marketplace_return_number: csv.optional(),
  rma: csv.optional(),
  customer_order_number: csv.optional(),
  return_type: z.enum(RETURN_TYPES).optional(),
  integration_id: IdInput.optional(),
  limit: z.number().int().min(1).max(250).optional(),
  cursor: z.string().min(1).optional(),
  include_order: z.boolean().optional(),
});
export type ReturnsQuery = z.input<typeof ReturnsQuery>;

export const ReturnRefundInput = z.object({
  merchant_refund_lines: z
    .array(
      z.object({
        feedamp_return_line_id: IdInput,
        item_refund: z.number().optional(),
        shipping_refund: z.number().optional(),
        refund_notes: z.string().optional(),
        merchant_full_refund: z.boolean().optional(),
      }),
    )
    .min(1),
});
export type ReturnRefundInput = z.input<typeof ReturnRefundInput>;

export const ReturnRefund = z.looseObject({
  id: opt(idOut),
  merchant_refund_lines: opt(
    z.array(
      z.looseObject({
        feedamp_return_line_id: opt(idOut),
        item_refund: opt(z.number()),
        shipping_refund: opt(z.number()),
        refund_notes: opt(z.string()),
        merchant_full_refund: opt(z.boolean()),
      }),
    ),
  ),
});
export type ReturnRefund = z.infer<typeof ReturnRefund>;

/** Error bodies: only `{"error": "..."}` is documented; other shapes are read best-effort. */
export function serverMessages(body: unknown): string[] {
  const out: string[] = [];
  const visit = (v: unknown, depth: number): void => {
    if (depth > 3 || out.length >= 10) return;
    if (typeof v === 'string' && v.trim()) out.push(v.trim());
    else if (Array.isArray(v)) v.forEach((x) => visit(x, depth + 1));
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      for (const key of ['error', 'errors', 'message', 'messages', 'detail', 'description']) {
        if (key in o) visit(o[key], depth + 1);
      }
    }
  };
  visit(body, 0);
  return [...new Set(out)];
}

/** A run-operation `op` name. */
export const OperationName = z.string().regex(/^[A-Za-z0-9_.-]+$/, 'must be an operation name');
