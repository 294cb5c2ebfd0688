// The sandbox's stored shapes. Plain JSON (dates as epoch ms) so the whole state can be
// written to --data FILE and read back unchanged; the routes turn them into FeedAMP JSON.
import type { CancellationReason, NormalizedOrderState } from '../../common/feedamp-enums';

export interface Address {
  full_name?: string;
  address1?: string;
  address2?: string;
  address3?: string;
  city?: string;
  state?: string;
  postal_code?: string;
  country_code?: string;
  country_code_iso2?: string;
  phone?: string;
  address_type?: string;
}

interface Customer {
  full_name?: string;
  email?: string;
  phone?: string;
  vat?: string;
}

export interface Location {
  source_location_id: string;
  client_location_id: string;
  name: string;
  address: string;
  active: boolean;
}

export interface StoredLine {
  id: string;
  marketplace_line_number: string;
  sku: string;
  product_name: string;
  quantity: number;
  unit_price: number;
  shipping_method: string;
  shipping_price: number;
  taxes: { type: string; amount: number }[];
  discounts: { name: string; amount: number; type: string }[];
  is_tax_collected_by_marketplace: boolean;
  order_line_additional_properties: Record<string, unknown>;
}

export interface LineQuantity {
  line_id: string;
  quantity: number;
}

export interface StoredFulfillment {
  id: string;
  /** The body as accepted (extra fields of local_delivery/pickup kept), minus id. */
  body: Record<string, unknown>;
  lines: LineQuantity[];
  createdAt: number;
}

export interface StoredCancellation {
  id: string;
  reason: CancellationReason;
  lines: LineQuantity[];
  createdAt: number;
}

export interface StoredRefund {
  id: string;
  body: Record<string, unknown>;
  createdAt: number;
}

export interface StoredFulfillmentRequest {
  id: string;
  fulfilling_integration_id: string;
  fulfilling_integration_name: string;
  fulfilling_integration_plugin: string;
  platform_order_number: string;
  fulfillment_type: string;
  createdAt: number;
  lines: {
    id: string;
    line_id: string;
    sku: string;
    quantity: number;
    product_name: string;
    shipping_method: string;
  }[];
}

interface MarketplaceError {
  code: string;
  message: string;
  mp_line_number?: string;
  debug?: Record<string, unknown>[];
  at: number;
}

export interface StoredOrder {
  id: string;
  clientId: string;
  integration_id: string;
  integration_name: string;
  marketplace_name: string;
  sales_channel: string;
  marketplace_order_number: string;
  customer_order_number: string;
  merchant_order_number?: string;
  location?: Location;
  customer: Customer;
  importedAt: number;
  purchaseAt: number;
  currency: string;
  delivery_notes?: string;
  earliestShipAt?: number;
  latestShipAt?: number;
  earliestDeliveryAt?: number;
  latestDeliveryAt?: number;
  gift_message?: string;
  marketing_opt_in: boolean;
  shipping_address: Address;
  billing_address: Address;
  lines: StoredLine[];
  order_additional_properties: Record<string, unknown>;
  workflow_status: string;
  marketplace_state: string;
  normalized_marketplace_state: NormalizedOrderState;
  stateChangedAt: number;
  /** Set when the marketplace (or admin) chose the state; otherwise it follows the lines. */
  stateSetByMarketplace: boolean;
  is_marketplace_fulfilled: boolean;
  fulfillment_type: 'shipment' | 'digital' | 'pickup' | 'local_delivery';
  shipment_service_level: string;
  shipment_node?: string;
  confirmedAt?: number;
  acknowledged: boolean;
  fulfillments: StoredFulfillment[];
  cancellations: StoredCancellation[];
  refunds: StoredRefund[];
  fulfillmentRequests: StoredFulfillmentRequest[];
  marketplaceErrors: MarketplaceError[];
  /** Last change by anyone (seller writes included); the Order Source API's seller_updated_after. */
  updatedAt: number;
  raw_data: Record<string, unknown>;
}

interface StoredReturnLine {
  id: string;
  marketplace_return_line_number: string;
  marketplace_order_line_number: string;
  feedamp_order_line_id: string;
  sku: string;
  product_name: string;
  quantity: number;
  unit_price: number;
  reason: string;
  original_price: number;
  requested_refund: number;
  shipping_expected: boolean;
  destination: string;
  label_cost: number;
  tracking_info?: { carrier: string; tracking_number: string };
}

export interface StoredReturn {
  id: string;
  clientId: string;
  order_id: string;
  integration_id: string;
  integration_name: string;
  marketplace_name: string;
  marketplace_return_number: string;
  rma: string;
  marketplace_order_number: string;
  customer_order_number: string;
  marketplace_state: string;
  normalized_marketplace_state: string;
  pre_authorized: boolean;
  customer: Customer;
  importedAt: number;
  requestAt: number;
  respondByAt: number;
  stateChangedAt: number;
  notes?: string;
  shipping_address: Address;
  return_lines: StoredReturnLine[];
  return_type: 'SHIP' | 'IN_STORE' | 'NO_RETURN';
  refunds: { id: string; merchant_refund_lines: Record<string, unknown>[]; createdAt: number }[];
}

export type WriteKind =
  | 'fulfillment'
  | 'cancellation'
  | 'refund'
  | 'confirm'
  | 'operation'
  | 'return_refund'
  | 'return_operation';

/** Who wrote: the seller API, or the admin surface acting as another client of the account. */
export type WriteOrigin = 'seller' | 'admin';

export interface WriteRecord {
  seq: number;
  kind: WriteKind;
  action: 'create' | 'update' | 'delete';
  /** Absent in data files written before the admin could write; those were all seller writes. */
  by?: WriteOrigin;
  orderId?: string;
  returnId?: string;
  id?: string;
  body: unknown;
  at: number;
}

export interface UserRecord {
  user: string;
  password: string;
  /** Client ids this user may act for. */
  clients: string[];
}

interface TokenRecord {
  token: string;
  user: string;
  issuedAt: number;
  expiresAt: number;
}

export interface MarketplaceApp {
  client_id: string;
  client_secret: string;
  marketplace_name: string;
  sales_channel: string;
}

export interface OAuthGrant {
  value: string;
  client_id: string;
  /** The seller (FeedAMP client id) that granted access. */
  sellerClientId: string;
  expiresAt: number;
}

/** Everything that survives a restart with --data FILE. */
export interface SandboxData {
  version: 1;
  seed: number;
  orderCount: number;
  lastId: string;
  orders: StoredOrder[];
  returns: StoredReturn[];
  writes: WriteRecord[];
  users: UserRecord[];
  tokens: TokenRecord[];
  marketplaceApps: MarketplaceApp[];
  authCodes: OAuthGrant[];
  accessTokens: OAuthGrant[];
  refreshTokens: OAuthGrant[];
}
