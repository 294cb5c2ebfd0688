// printing.*: pick lists and packing slips. The data methods work in both modes; printing to a
// printer and saving a PDF from main exist in Electron only (browser mode uses the browser's own
// print dialog on the same print page).
import { z } from 'zod';
import { method } from './define';
import { noInput } from './app';

export const PAGE_SIZES = ['A4', 'Letter', '4x6'] as const;
export type PageSize = (typeof PAGE_SIZES)[number];
export const PRINT_KINDS = ['pick-list', 'packing-slips'] as const;
export type PrintKind = (typeof PRINT_KINDS)[number];

/** A pick list covers at most this many orders. */
export const MAX_PRINT_ORDERS = 500;

const marginMm = z.number().min(0).max(50);
/** Page margins in millimetres. */
export const marginsSchema = z.object({
  top: marginMm,
  right: marginMm,
  bottom: marginMm,
  left: marginMm,
});
export type Margins = z.infer<typeof marginsSchema>;

const orderIds = z.array(z.string().min(1).max(100)).min(1).max(MAX_PRINT_ORDERS);

/** Which orders: explicit ids, or the next N by ship-by from the station's cache. */
const orderChoiceSchema = z
  .object({
    orderIds: orderIds.optional(),
    nextByShipBy: z.number().int().min(1).max(MAX_PRINT_ORDERS).optional(),
  })
  .strict()
  .refine((c) => (c.orderIds === undefined) !== (c.nextByShipBy === undefined), {
    message: 'Choose orders by id or as the next N by ship-by, not both',
  });
export type OrderChoice = z.infer<typeof orderChoiceSchema>;

const pickOrderRefSchema = z.object({
  orderId: z.string(),
  /** The number the packer scans: the marketplace order number, else FeedAMP's id. */
  number: z.string(),
  quantity: z.number(),
});

const pickRowSchema = z.object({
  sku: z.string(),
  location: z.string().optional(),
  /** UPC/EAN printed on the item, when the order line carries one. */
  itemCode: z.string().optional(),
  name: z.string().optional(),
  quantity: z.number(),
  orders: z.array(pickOrderRefSchema),
});
export type PickRow = z.infer<typeof pickRowSchema>;

const pickListSchema = z.object({
  station: z.string(),
  packer: z.string(),
  generatedAt: z.string(),
  orderCount: z.number(),
  unitCount: z.number(),
  orders: z.array(z.object({ orderId: z.string(), number: z.string() })),
  rows: z.array(pickRowSchema),
  /** Ids asked for that are not in this station's cache. */
  missing: z.array(z.string()),
  /** The wave this list starts when its barcode is scanned on the Pack screen. */
  wave: z.object({ id: z.number(), code: z.string() }).optional(),
});
export type PickList = z.infer<typeof pickListSchema>;

const packingSlipSchema = z.object({
  orderId: z.string(),
  /** The number the packer scans (barcode on the slip). */
  scanNumber: z.string(),
  marketplace: z.string().optional(),
  marketplaceOrderNumber: z.string().optional(),
  customerOrderNumber: z.string().optional(),
  merchantOrderNumber: z.string().optional(),
  purchaseDate: z.string().optional(),
  shipBy: z.string().optional(),
  shippingMethod: z.string().optional(),
  shipTo: z
    .object({
      name: z.string().optional(),
      lines: z.array(z.string()),
      phone: z.string().optional(),
    })
    .optional(),
  lines: z.array(
    z.object({
      sku: z.string().optional(),
      name: z.string().optional(),
      itemCode: z.string().optional(),
      quantity: z.number(),
    }),
  ),
  unitCount: z.number(),
  giftMessage: z.string().optional(),
  deliveryNotes: z.string().optional(),
});
export type PackingSlip = z.infer<typeof packingSlipSchema>;

/** The seller as Settings → Printing names them, for the top of every slip. */
const slipSellerSchema = z.object({
  name: z.string().optional(),
  /** A data URL: main reads a logo file itself, so the print page never opens local files. */
  logo: z.string().optional(),
  returnAddress: z.array(z.string()),
});
export type SlipSeller = z.infer<typeof slipSellerSchema>;

const packingSlipsSchema = z.object({
  station: z.string(),
  seller: slipSellerSchema.optional(),
  generatedAt: z.string(),
  slips: z.array(packingSlipSchema),
  missing: z.array(z.string()),
});
export type PackingSlips = z.infer<typeof packingSlipsSchema>;

/** What the print page renders: one of the two documents. */
export const printDocumentSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('pick-list'), pickList: pickListSchema }),
  z.object({ kind: z.literal('packing-slips'), packingSlips: packingSlipsSchema }),
]);
export type PrintDocument = z.infer<typeof printDocumentSchema>;

/** A print or PDF job from Electron's main; unset options come from Settings → Printing. */
const printJobSchema = z
  .object({
    kind: z.enum(PRINT_KINDS),
    orderIds: orderIds.optional(),
    nextByShipBy: z.number().int().min(1).max(MAX_PRINT_ORDERS).optional(),
    printer: z.string().max(200).optional(),
    silent: z.boolean().optional(),
    pageSize: z.enum(PAGE_SIZES).optional(),
    margins: marginsSchema.optional(),
  })
  .strict()
  .refine((c) => (c.orderIds === undefined) !== (c.nextByShipBy === undefined), {
    message: 'Choose orders by id or as the next N by ship-by, not both',
  });
export type PrintJob = z.infer<typeof printJobSchema>;

const printerInfoSchema = z.object({
  name: z.string(),
  displayName: z.string(),
  isDefault: z.boolean(),
});
export type PrinterInfo = z.infer<typeof printerInfoSchema>;

export const printingMethods = {
  'printing.pickList': method(orderChoiceSchema, pickListSchema),
  'printing.packingSlips': method(z.object({ orderIds }).strict(), packingSlipsSchema),
  /** Printers the system knows; `available` is false in browser mode (the browser prints). */
  'printing.printers': method(
    noInput,
    z.object({ available: z.boolean(), printers: z.array(printerInfoSchema) }),
  ),
  'printing.print': method(printJobSchema, z.object({ printed: z.boolean() })),
  /** Renders the job to PDF and asks where to save it; no path when the packer cancels. */
  'printing.savePdf': method(printJobSchema, z.object({ path: z.string().optional() })),
} as const;

export const printingEvents = {} as const;
