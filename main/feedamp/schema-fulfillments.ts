// Fulfillments (F1–F5) and cancellations (C1–C5) of an order: what Packline sends and what
// FeedAMP answers. Conventions: schema-parts.ts.
import { z } from 'zod';
import { CANCELLATION_REASONS, CARRIERS, FULFILLMENT_TYPES } from '../../common/feedamp-enums';
import { DateTimeInput, dateTimeOut, IdInput, idOut, openEnum, opt } from './schema-parts.js';

const LineQuantityInput = z.object({
  line_id: IdInput,
  quantity: z.number().int().min(1),
});

const ShipmentInput = z.object({
  shipped_date: DateTimeInput,
  carrier: z.enum(CARRIERS),
  tracking_number: z.string().min(1),
  tracking_url: z.string().min(1).optional(),
});

const ShipmentFulfillmentInput = z.object({
  fulfillment_type: z.literal('shipment'),
  shipment: ShipmentInput,
  state: z.literal('shipped').optional(),
  fulfillment_lines: z.array(LineQuantityInput).min(1),
});

// Local delivery and pickup: only the discriminator is documented; extra
// fields the caller adds are passed through untouched.
const LocalDeliveryFulfillmentInput = z.looseObject({
  fulfillment_type: z.literal('local_delivery'),
  fulfillment_lines: z.array(LineQuantityInput).min(1).optional(),
});
const PickupFulfillmentInput = z.looseObject({
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
