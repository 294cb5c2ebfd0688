// Order refunds (D1–D3), returns (T1–T4) and refunds of a return: what Packline sends and
// what FeedAMP answers. Conventions: schema-parts.ts.
import { z } from 'zod';
import { CARRIERS, RETURN_TYPES } from '../../common/feedamp-enums';
import { Order, type RejectedOrder } from './schema-orders.js';
import {
  Address,
  csv,
  Customer,
  DateTimeInput,
  dateTimeOut,
  IdInput,
  idOut,
  openEnum,
  opt,
} from './schema-parts.js';

const RefundLineInput = z.object({
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

const ReturnLine = z.looseObject({
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

/** What GET of one return may ask for besides the return. */
export const GetReturnQuery = z.strictObject({ include_order: z.boolean().optional() });

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
