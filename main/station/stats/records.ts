// What the packing log keeps, one record per thing that happened at the bench. Records are read
// back through these schemas (fields added by a later version are kept, not refused).
import { z } from 'zod';
import { SCAN_OUTCOMES } from '../../../preload/api/stats';

const at = z.string();
const orderId = z.string();

export const packingRecordSchema = z.discriminatedUnion('kind', [
  /** The order was opened on this station (once per package: refreshes do not count again). */
  z.looseObject({ kind: z.literal('opened'), at, orderId }),
  /**
   * One scan on the Pack screen, judged by main (ok, wrong item, not understood) — or the Pack
   * screen's later verdict that an 'ok' item scan was one unit too many ('over-scan'), which
   * makes that scan a mis-scan rather than another scan.
   */
  z.looseObject({
    kind: z.literal('scan'),
    at,
    orderId,
    outcome: z.enum(SCAN_OUTCOMES),
    packer: z.string().optional(),
  }),
  /** A package queued in the outbox: everything its CSV row says, fixed when it was queued. */
  z.looseObject({
    kind: z.literal('shipped'),
    at,
    orderId,
    orderNumber: z.string(),
    /** The outbox entry id: the package's name on every station it may move to. */
    entryId: z.string(),
    lines: z.array(z.object({ sku: z.string(), quantity: z.number().int() })),
    carrier: z.string(),
    tracking: z.string(),
    packer: z.string().optional(),
    station: z.string().optional(),
    openedAt: z.string().optional(),
    /** Mis-scans on the order since its last package (or since it was first scanned). */
    misScans: z.number().int().min(0),
    /**
     * Queued by Outbox → Import CSV rather than packed here: nobody opened or scanned the order.
     * Absent on a package shipped on the Pack screen (and on every record written before).
     */
    source: z.literal('csv import').optional(),
  }),
  z.looseObject({
    kind: z.literal('cancelled'),
    at,
    orderId,
    entryId: z.string(),
    reason: z.string(),
    units: z.number().int().min(0),
    packer: z.string().optional(),
  }),
]);
export type PackingRecord = z.infer<typeof packingRecordSchema>;
export type ShippedRecord = Extract<PackingRecord, { kind: 'shipped' }>;
