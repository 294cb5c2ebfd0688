// Read-only value lists from FeedAMP's Order API reference. They live in common/ because every
// process needs them: the FeedAMP client and the sandbox import these lists and nothing else from
// each other (request handling stays separate so a misreading on one side cannot hide on the
// other), and the bridge contract validates carriers and reasons against them.

export const CARRIERS = [
  '4PX',
  'A-1',
  'AAA Cooper',
  'ABF',
  'Asendia',
  'Best Buy',
  'Blue Package',
  'Canada Post',
  'CEVA',
  'China Post',
  'Conway',
  'DHL',
  'DHL eCommerce',
  'Estes',
  'FedEx',
  'Fedex Freight',
  'FedEx SmartPost',
  'First Mile',
  'Hongkong Post',
  'Hunter Logistics',
  'India Post',
  'JCEX',
  'Lasership',
  'Newgistics',
  'Old Dominion',
  'OnTrac',
  'OSM',
  'Pilot Freight',
  'R+L',
  'Roadrunner',
  'Royal Mail',
  'Saia',
  'SF Express',
  'SFC',
  'Singapore Post',
  'South Eastern Freight Lines',
  'Streamlite',
  'UPS',
  'UPS Freight',
  'UPS Mail Innovations',
  'Urban Express',
  'USPS',
  'WanbExpress',
  'Watkins and Shepard',
  'YANWEN',
  'Yellow Freight',
  'Yun Express',
  'Other',
] as const;
export type Carrier = (typeof CARRIERS)[number];

/** Values the orders list filter accepts. */
export const ORDER_STATE_FILTER_VALUES = [
  'PENDING',
  'AWAITING_ACKNOWLEDGEMENT',
  'AWAITING_SHIPMENT',
  'SHIPPED',
  'CANCELLED',
] as const;

/** Values an order may carry; responses may add more later. */
export const NORMALIZED_ORDER_STATES = [
  ...ORDER_STATE_FILTER_VALUES,
  'MISSING',
  'UNRECOGNIZED',
] as const;
export type NormalizedOrderState = (typeof NORMALIZED_ORDER_STATES)[number];

export const CANCELLATION_REASONS = [
  'customer_cancelled',
  'customer_rejected',
  'unable_to_ship',
  'out_of_stock',
  'price_error',
  'tax_error',
  'shipping_price_error',
  'fraud',
  'other',
] as const;
export type CancellationReason = (typeof CANCELLATION_REASONS)[number];

export const FULFILLMENT_TYPES = ['shipment', 'digital', 'pickup', 'local_delivery'] as const;

export const RETURN_TYPES = ['SHIP', 'IN_STORE', 'NO_RETURN'] as const;
export type ReturnType = (typeof RETURN_TYPES)[number];

/** Order Source API marketplace states a marketplace may PUT. */
export const SOURCE_MARKETPLACE_STATES = [
  'PENDING',
  'AWAITING_SHIPMENT',
  'SHIPPED',
  'CANCELLED',
] as const;

/** Date-time query filters: RFC 3339 with an offset and no fractional seconds. */
export const FILTER_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/;

/** Recommended ceiling for the list endpoints. */
export const LIST_REQUESTS_PER_SECOND = 2;
