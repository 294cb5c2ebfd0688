// What a scan means: an order number, an item of the open order, a tracking number, or unknown.
// Pure apart from the injected lookups (the scan index answers them in constant time).
//
// Precedence, and why:
//   0. a wave barcode from a pick list — its "PL-WAVE-" prefix is no order number, item code or
//      tracking number, so it is read first and never looked up;
//   1. an item on the open order — mid-pack, an item code that is also some other order's number
//      (short numeric SKUs and order numbers do collide) must pack the item, not leave the order;
//   2. an order number — opens that order (the open order's own number re-opens it);
//   3. an item known elsewhere — a wrong item for this order, or an item with no order open;
//   4. a tracking number — only now, because 12-digit UPCs can pass FedEx's check digit by chance,
//      and a code the index knows is never a tracking number;
//   5. unknown — with hints: a valid GTIN the packer may learn as an alias, or a tracking number
//      whose check digit is wrong.
import { detectCarriers, misreadTrackingCarriers, type CarrierCandidate } from '../carriers/detect';
import type { Carrier } from '../../../common/feedamp-enums';
import { itemCodeKeys, normaliseOrderNumber, toGtin14 } from '../../../common/item-codes';
import { parseWaveCode } from '../../../common/wave-code';

/**
 * What classification asks of the scan index. Keys come from common/item-codes.ts (normaliseOrderNumber,
 * itemCodeKeys); the index stores the same keys. Both functions are idempotent, so an index that
 * normalises what it is given again (ScanIndex.findOrders/findLines) answers the same.
 */
export interface ScanLookups {
  /**
   * FeedAMP ids of the orders carrying this number (any of the indexed numbers). Usually one;
   * marketplaces keep numbers unique only among their own orders.
   */
  findOrders: (orderKey: string) => readonly string[];
  /** Ids of the lines of `orderId` this item key matches (SKU, barcode, learned alias). */
  findItemOnOrder: (orderId: string, itemKey: string) => readonly string[];
  /** Does any cached order or learned alias know this item key? Absent: nothing is known. */
  isKnownItem?: (itemKey: string) => boolean;
}

export interface ScanContext {
  /** The order on the Pack screen, or null when none is open. */
  readonly openOrderId: string | null;
}

type UnknownReason =
  /** The item is known, but not on the open order. */
  | 'wrong-item'
  /** The item is known, but no order is open to pack it into. */
  | 'no-open-order'
  /** Nothing matches. */
  | 'unrecognised'
  /** The scan was empty (whitespace only). */
  | 'empty';

export type ScanClass =
  | {
      /** A pick list's wave barcode: starts that wave. */
      readonly kind: 'wave';
      readonly code: string;
      readonly waveId: number;
    }
  | {
      readonly kind: 'order';
      readonly code: string;
      /** The first match; `orderIds` holds all when two marketplaces share a number. */
      readonly orderId: string;
      readonly orderIds: readonly string[];
    }
  | {
      readonly kind: 'item';
      readonly code: string;
      readonly orderId: string;
      /** At least one; several when one code is on several lines (the packer's line choice, or the first with units left). */
      readonly lineIds: readonly string[];
    }
  | {
      readonly kind: 'tracking';
      readonly code: string;
      /** Normalised number (letters and digits, upper case). */
      readonly trackingNumber: string;
      /** At least one; several when more than one carrier's format fits. */
      readonly candidates: readonly CarrierCandidate[];
      /** The same digits are also a valid GTIN (a new product whose UPC passes a FedEx check). */
      readonly alsoValidGtin: boolean;
    }
  | {
      readonly kind: 'unknown';
      readonly code: string;
      readonly reason: UnknownReason;
      /** GTIN-14 of a valid GTIN, for "learn as alias of the selected line". */
      readonly gtin14?: string;
      /** Carriers whose number shape fits although the check digit is wrong ("scan again"). */
      readonly misreadTracking?: readonly Carrier[];
    };

export function classifyScan(raw: string, context: ScanContext, lookups: ScanLookups): ScanClass {
  const code = raw.trim();
  if (code === '') return { kind: 'unknown', code, reason: 'empty' };
  const waveId = parseWaveCode(code);
  if (waveId !== undefined) return { kind: 'wave', code, waveId };
  const itemKeys = itemCodeKeys(code);

  if (context.openOrderId !== null) {
    for (const key of itemKeys) {
      const lineIds = lookups.findItemOnOrder(context.openOrderId, key);
      if (lineIds.length > 0) {
        return { kind: 'item', code, orderId: context.openOrderId, lineIds: [...lineIds] };
      }
    }
  }

  const orderIds = lookups.findOrders(normaliseOrderNumber(code));
  const orderId = orderIds[0];
  if (orderId !== undefined) return { kind: 'order', code, orderId, orderIds: [...orderIds] };

  const gtin14 = toGtin14(code) ?? undefined;
  if (lookups.isKnownItem && itemKeys.some((key) => lookups.isKnownItem?.(key))) {
    const reason = context.openOrderId === null ? 'no-open-order' : 'wrong-item';
    return gtin14 ? { kind: 'unknown', code, reason, gtin14 } : { kind: 'unknown', code, reason };
  }

  const candidates = detectCarriers(code);
  const first = candidates[0];
  if (first) {
    return {
      kind: 'tracking',
      code,
      trackingNumber: first.trackingNumber,
      candidates,
      alsoValidGtin: gtin14 !== undefined,
    };
  }

  const misread = misreadTrackingCarriers(code);
  return {
    kind: 'unknown',
    code,
    reason: 'unrecognised',
    ...(gtin14 ? { gtin14 } : {}),
    ...(misread.length > 0 ? { misreadTracking: misread } : {}),
  };
}
