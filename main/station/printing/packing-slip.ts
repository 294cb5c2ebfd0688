// A packing slip per order: what goes in the box, who it goes to, and a barcode of the number
// the packer scans to open the order again. Pure, over the order's view.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { OrderView } from '../../../preload/api/orders';
import type { PackingSlip, SlipSeller } from '../../../preload/api/printing';
import type { SellerSettings } from '../../../preload/api/settings';
import { scanNumber } from './pick-list';

export function buildPackingSlip(order: OrderView, shippingMethod?: string): PackingSlip {
  const lines = order.lines
    .filter((l) => l.quantity > 0)
    .map((l) => ({
      ...(l.sku ? { sku: l.sku } : {}),
      ...(l.name ? { name: l.name } : {}),
      ...(l.codes[0] ? { itemCode: l.codes[0] } : {}),
      quantity: l.quantity,
    }));
  const slip: PackingSlip = {
    orderId: order.id,
    scanNumber: scanNumber(order),
    lines,
    unitCount: lines.reduce((n, l) => n + l.quantity, 0),
  };
  const optional = {
    marketplace: order.marketplace,
    marketplaceOrderNumber: order.marketplaceOrderNumber,
    customerOrderNumber:
      order.customerOrderNumber !== order.marketplaceOrderNumber
        ? order.customerOrderNumber
        : undefined,
    merchantOrderNumber: order.merchantOrderNumber,
    purchaseDate: order.purchaseDate,
    shipBy: order.shipBy,
    shippingMethod,
    shipTo: order.shipTo,
    giftMessage: order.giftMessage?.trim() || undefined,
    deliveryNotes: order.deliveryNotes?.trim() || undefined,
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) Object.assign(slip, { [key]: value });
  }
  return slip;
}

const LOGO_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
};
const MAX_LOGO_BYTES = 512 * 1024;

/**
 * The logo as a data URL. A file path is read here, in main: the print window is sandboxed and
 * browser mode's page cannot open local files. A logo that cannot be read is left off the slip;
 * the rest of the slip still prints.
 */
export function logoDataUrl(
  logo: string,
  read: (path: string) => Buffer = (p) => readFileSync(p),
  warn: (message: string, detail: Record<string, unknown>) => void = () => {},
): string | undefined {
  if (!logo) return undefined;
  if (logo.startsWith('data:image/')) return logo;
  const type = LOGO_TYPES[extname(logo).toLowerCase()];
  if (!type) {
    warn('packing slip logo: not a PNG, JPEG, GIF, WebP or SVG file', { path: logo });
    return undefined;
  }
  try {
    const bytes = read(logo);
    if (bytes.length > MAX_LOGO_BYTES) {
      warn('packing slip logo: larger than 512 kB, left off', { path: logo, bytes: bytes.length });
      return undefined;
    }
    return `data:${type};base64,${bytes.toString('base64')}`;
  } catch (error) {
    warn('packing slip logo: cannot read the file', { path: logo, error });
    return undefined;
  }
}

/** Settings → Printing's seller, as the slips carry it; undefined when nothing is set. */
export function slipSeller(
  seller: SellerSettings,
  readLogo?: (logo: string) => string | undefined,
): SlipSeller | undefined {
  const logo = (readLogo ?? logoDataUrl)(seller.logo);
  const returnAddress = seller.returnAddress
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (!seller.name && !logo && returnAddress.length === 0) return undefined;
  return {
    ...(seller.name ? { name: seller.name } : {}),
    ...(logo ? { logo } : {}),
    returnAddress,
  };
}
