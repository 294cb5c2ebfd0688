// waves.*: a printed pick list is a wave. Scanning its barcode on the Pack screen opens its orders
// one after another in the list's order; orders that can no longer ship are skipped with a reason.
// Item first: with no order open, an item scan opens the oldest single-item order needing it.
import { z } from 'zod';
import { method } from './define';
import { noInput } from './app';

const waveOrderSchema = z.object({
  orderId: z.string(),
  /** The number the packer scans and reads: the marketplace's, else FeedAMP's id. */
  number: z.string(),
});

const waveViewSchema = z.object({
  id: z.number(),
  code: z.string(),
  orderCount: z.number(),
  packed: z.array(waveOrderSchema),
  /** Orders passed over, each with why in words. */
  skipped: z.array(waveOrderSchema.extend({ reason: z.string() })),
  /** Not packed and not skipped yet, in the pick list's order (the open one included). */
  left: z.array(waveOrderSchema),
  /** The wave's order open on the Pack screen now. */
  currentOrderId: z.string().optional(),
  /** Items are scanned first in this wave (set when it starts). */
  itemFirst: z.boolean(),
  ended: z.boolean(),
});
export type WaveView = z.infer<typeof waveViewSchema>;

/** After a wave step: the wave as it now stands and the order opened, if any. */
const stepSchema = z.object({
  wave: waveViewSchema.nullable(),
  orderId: z.string().optional(),
});
export type WaveStep = z.infer<typeof stepSchema>;

const itemFirstResultSchema = z.discriminatedUnion('kind', [
  /** The order was opened (and claimed): put the scanned unit in its box. */
  z.object({ kind: z.literal('opened'), orderId: z.string() }),
  /** The code is an item, but no single-item order here needs it: the sentence says so. */
  z.object({ kind: z.literal('none'), message: z.string() }),
  /** Not an item this station knows: treat the scan as an order number. */
  z.object({ kind: z.literal('not-item') }),
]);
export type ItemFirstResult = z.infer<typeof itemFirstResultSchema>;

export const wavesMethods = {
  /** The wave in progress on this station (kept across restarts), or null. */
  'waves.current': method(noInput, waveViewSchema.nullable()),
  /** Starts (or resumes) the wave a scanned wave barcode names and opens its next order. */
  'waves.start': method(
    z
      .object({ code: z.string().trim().min(1).max(40), itemFirst: z.boolean().optional() })
      .strict(),
    stepSchema,
  ),
  /**
   * The open order of the wave is done (or put aside): counts it when it is complete and, with
   * `open`, opens the next order that can still ship, skipping the others with a reason.
   */
  'waves.next': method(z.object({ open: z.boolean() }).strict(), stepSchema),
  /** Ends the wave; what was not packed stays in the station's orders. */
  'waves.end': method(noInput, z.object({ wave: waveViewSchema.nullable() })),
  /** Item first: opens the oldest single-item order (in the wave when one runs) needing the item. */
  'waves.itemFirst': method(
    z.object({ code: z.string().trim().min(1).max(200) }).strict(),
    itemFirstResultSchema,
  ),
} as const;

export const wavesEvents = {} as const;
