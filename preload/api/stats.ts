// stats.*: the day's numbers from this station's packing log (main/station/stats): what shipped
// today and this week, how fast, how many scans went wrong, and the day's log as a CSV file.
import { z } from 'zod';
import { noInput } from './app';
import { method } from './define';

/** What one scan on the Pack screen came to ('over-scan': the Pack screen's verdict on an item). */
export const SCAN_OUTCOMES = ['ok', 'wrong-item', 'over-scan', 'not-understood'] as const;
export type ScanOutcome = (typeof SCAN_OUTCOMES)[number];

const count = z.number().int().min(0);

const periodSchema = z.object({ orders: count, packages: count, units: count });

const scanCountsSchema = z.object({
  scans: count,
  misScans: count,
  wrongItem: count,
  overScan: count,
  notUnderstood: count,
});
export type ScanCounts = z.infer<typeof scanCountsSchema>;

const statsSummarySchema = z.object({
  /** The station's local date the numbers are for, YYYY-MM-DD. */
  day: z.string(),
  /** Monday of this week (local), YYYY-MM-DD. */
  weekStarts: z.string(),
  /** The station's local hour now (0–23): the chart runs up to it. */
  hourNow: z.number().int().min(0).max(23),
  today: periodSchema,
  week: periodSchema,
  /** 24 buckets, local hours 0–23: orders with a package queued in that hour. */
  ordersByHour: z.array(count).length(24),
  /** Mean time from opening an order on this station to queuing its package, today. */
  averageOpenToShipMs: z.number().min(0).optional(),
  scans: scanCountsSchema,
  cancellations: z.array(z.object({ reason: z.string(), count, units: count })),
  /**
   * Warehouse mode, connected: every station's shipments today, from the shared database
   * (absent otherwise).
   */
  stations: z
    .array(
      z.object({
        station: z.string(),
        self: z.boolean(),
        orders: count,
        packages: count,
        units: count,
      }),
    )
    .optional(),
  packers: z.array(
    z.object({
      packer: z.string(),
      orders: count,
      packages: count,
      units: count,
      averageOpenToShipMs: z.number().min(0).optional(),
      scans: count,
      misScans: count,
    }),
  ),
});
export type StatsSummary = z.infer<typeof statsSummarySchema>;

export const statsMethods = {
  /**
   * The Pack screen refused the unit its last scan on this order named: one more than is left.
   * (Main counts every scan itself in pack.scan; only this verdict is the page's.)
   */
  'stats.overScan': method(
    z.object({ orderId: z.string().regex(/^\d+$/) }).strict(),
    z.object({}).strict(),
  ),
  /** Today's and this week's numbers (station's local time). */
  'stats.summary': method(noInput, statsSummarySchema),
  /**
   * Today's packing log as CSV. Electron saves it itself (a save dialog): `savedTo` is set, or
   * `cancelled`. In browser mode the page saves `text` as a download named `fileName`.
   */
  'stats.exportToday': method(
    noInput,
    z.object({
      fileName: z.string(),
      text: z.string(),
      packages: count,
      savedTo: z.string().optional(),
      cancelled: z.boolean().optional(),
    }),
  ),
} as const;
