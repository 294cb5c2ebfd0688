// settings.*: what a station remembers between runs. Every field has a default and falls back
// to it alone when a stored value is invalid, so one bad value never loses the rest.
import { z } from 'zod';
import { ORDER_STATE_FILTER_VALUES } from '../../common/feedamp-enums';
import { method } from './define';
import { noInput } from './app';
import { marginsSchema, PAGE_SIZES } from './printing';
import { returnsSettingsPatchSchema, returnsSettingsSchema } from './returns';
import { updatesSettingsPatchSchema, updatesSettingsSchema } from './updates';

const text = (max: number, fallback: string) =>
  z.string().trim().max(max).catch(fallback).default(fallback);

const syncSettingsSchema = z
  .object({
    normalizedStates: z
      .array(z.enum(ORDER_STATE_FILTER_VALUES))
      .min(1)
      .catch(['AWAITING_SHIPMENT'])
      .default(['AWAITING_SHIPMENT']),
    feedampStatus: text(100, ''),
    clientLocationId: text(100, ''),
    integrationId: z.string().trim().regex(/^\d*$/, 'digits only').catch('').default(''),
    intervalSeconds: z.number().int().min(15).max(3600).catch(60).default(60),
  })
  .prefault({});

/** What ends a scan: the key the scanner sends after the code (its "suffix"). */
export const SCANNER_END_KEYS = ['Enter or Tab', 'Enter', 'Tab'] as const;

const scannerSettingsSchema = z
  .object({
    maxGapMs: z.number().int().min(5).max(200).catch(35).default(35),
    minLength: z.number().int().min(1).max(40).catch(4).default(4),
    prefix: text(10, ''),
    suffix: text(10, ''),
    /** The key the scanner sends after the code. */
    endKey: z.enum(SCANNER_END_KEYS).catch('Enter or Tab').default('Enter or Tab'),
    soundsOn: z.boolean().catch(true).default(true),
    /** 0–100. */
    volume: z.number().int().min(0).max(100).catch(70).default(70),
  })
  .prefault({});

const packingSettingsSchema = z
  .object({
    shipOnLastScan: z.boolean().catch(false).default(false),
    confirmOnOpen: z.boolean().catch(false).default(false),
    /** With no order open, an item scan opens the oldest single-item order needing it. */
    itemFirst: z.boolean().catch(false).default(false),
    merchantOrderNumberFormat: text(100, '{station}-{marketplace_order_number}'),
  })
  .prefault({});

const DEFAULT_MARGINS = { top: 10, right: 10, bottom: 10, left: 10 };

/** A logo: a data URL (chosen in Settings, stored here) or an image file on this computer. */
export const MAX_LOGO_CHARS = 700_000;
const logoSchema = z
  .string()
  .trim()
  .max(MAX_LOGO_CHARS, 'That logo is too large — choose an image under 500 kB')
  .refine(
    (v) =>
      v === '' ||
      /^data:image\/(png|jpeg|gif|webp|svg\+xml);base64,[A-Za-z0-9+/=]+$/.test(v) ||
      !v.startsWith('data:'),
    'The logo must be a PNG, JPEG, GIF, WebP or SVG image',
  );

/** Who the packing slip says the parcel is from: the seller, not the station or FeedAMP. */
const sellerSettingsSchema = z
  .object({
    name: text(100, ''),
    logo: logoSchema.catch('').default(''),
    /** One address line a line. */
    returnAddress: text(400, ''),
  })
  .prefault({});
export type SellerSettings = z.infer<typeof sellerSettingsSchema>;

/** Printing (Electron): printer ('' = the system default), silent or through the dialog, paper. */
const printingSettingsSchema = z
  .object({
    printer: text(200, ''),
    silent: z.boolean().catch(false).default(false),
    pageSize: z.enum(PAGE_SIZES).catch('A4').default('A4'),
    margins: marginsSchema.catch(DEFAULT_MARGINS).default(DEFAULT_MARGINS),
    seller: sellerSettingsSchema,
  })
  .prefault({});

/** What Settings says when this station's number is above the stations on its account. */
export function stationNumberProblem(stationNumber: number, stations: number): string | undefined {
  if (stationNumber <= stations) return undefined;
  return stations === 1
    ? "This station's number must be 1 — it is the only station on this account."
    : `This station's number must be from 1 to ${stations} — the stations on this account.`;
}

const settingsFieldsSchema = z.object({
  stationName: text(60, 'Station 1'),
  packerName: text(60, ''),
  sendBasicAuthOnV2: z.boolean().catch(true).default(true),
  /** Write budget: uploads per second this station sends FeedAMP (FeedAMP documents no limit). */
  uploadsPerSecond: z.number().int().min(1).max(50).catch(5).default(5),
  /**
   * Stations signed in to this FeedAMP account, and this one's place among them: each sends
   * list requests only in its own turns of the account's 2 a second (1 of 1: alone).
   */
  stationsOnAccount: z.number().int().min(1).max(50).catch(1).default(1),
  stationNumber: z.number().int().min(1).max(50).catch(1).default(1),
  sync: syncSettingsSchema,
  scanner: scannerSettingsSchema,
  packing: packingSettingsSchema,
  printing: printingSettingsSchema,
  returns: returnsSettingsSchema,
  updates: updatesSettingsSchema,
  /** Learned item codes: normalised code → SKU. */
  aliases: z.record(z.string(), z.string()).catch({}).default({}),
  /**
   * Units one scan of a learned code stands for (a case of 12), under the same keys as `aliases`;
   * a code with no entry is one unit, so files written before cases read unchanged. A bad entry
   * is dropped alone.
   */
  aliasUnits: z
    .record(z.string(), z.number().int().min(1).max(9999).nullable().catch(null))
    .transform((units) => {
      const kept: Record<string, number> = {};
      for (const [code, n] of Object.entries(units)) if (n !== null) kept[code] = n;
      return kept;
    })
    .catch({})
    .default({}),
});

/** A stored number above the stored count is invalid like any other value: it alone falls back. */
export const settingsSchema = settingsFieldsSchema.transform((s) =>
  stationNumberProblem(s.stationNumber, s.stationsOnAccount) ? { ...s, stationNumber: 1 } : s,
);
export type Settings = z.infer<typeof settingsSchema>;

/** What the renderer may change: any subset, each part checked strictly (no silent fallback). */
export const settingsPatchSchema = z
  .object({
    stationName: z.string().trim().min(1, 'Give the station a name').max(60),
    packerName: z.string().trim().max(60),
    sendBasicAuthOnV2: z.boolean(),
    uploadsPerSecond: z
      .number({ message: 'Uploads per second is a number' })
      .int('Uploads per second is a whole number')
      .min(1, 'At least 1 upload per second')
      .max(50, 'At most 50 uploads per second'),
    stationsOnAccount: z
      .number({ message: 'The stations on this account are a number' })
      .int('The stations on this account are a whole number')
      .min(1, 'At least 1 station — this one')
      .max(50, 'At most 50 stations on one account'),
    stationNumber: z
      .number({ message: "This station's number is a number" })
      .int("This station's number is a whole number")
      .min(1, "This station's number is at least 1")
      .max(50, "This station's number is at most 50"),
    sync: z
      .object({
        normalizedStates: z
          .array(z.enum(ORDER_STATE_FILTER_VALUES))
          .min(1, 'Choose at least one order state'),
        feedampStatus: z.string().trim().max(100),
        clientLocationId: z.string().trim().max(100),
        integrationId: z.string().trim().regex(/^\d*$/, 'The integration id is digits only'),
        intervalSeconds: z.number().int().min(15, 'Sync at most every 15 seconds').max(3600),
      })
      .partial(),
    scanner: z
      .object({
        maxGapMs: z.number().int().min(5).max(200),
        minLength: z.number().int().min(1).max(40),
        prefix: z.string().max(10),
        suffix: z.string().max(10),
        endKey: z.enum(SCANNER_END_KEYS),
        soundsOn: z.boolean(),
        volume: z.number().int().min(0, 'Volume is 0 to 100').max(100, 'Volume is 0 to 100'),
      })
      .partial(),
    packing: z
      .object({
        shipOnLastScan: z.boolean(),
        confirmOnOpen: z.boolean(),
        itemFirst: z.boolean(),
        merchantOrderNumberFormat: z.string().trim().min(1).max(100),
      })
      .partial(),
    printing: z
      .object({
        printer: z.string().trim().max(200),
        silent: z.boolean(),
        pageSize: z.enum(PAGE_SIZES),
        margins: marginsSchema,
        seller: z.object({
          name: z.string().trim().max(100, 'The seller name is at most 100 characters'),
          logo: logoSchema,
          returnAddress: z.string().trim().max(400, 'The return address is at most 400 characters'),
        }),
      })
      .partial(),
    returns: returnsSettingsPatchSchema,
    updates: updatesSettingsPatchSchema,
    aliases: z.record(z.string(), z.string()),
    aliasUnits: z.record(z.string(), z.number().int().min(1).max(9999)),
  })
  .partial()
  .strict()
  .superRefine((patch, ctx) => {
    // A patch with one of the two is checked against the stored other where it is applied.
    if (patch.stationNumber === undefined || patch.stationsOnAccount === undefined) return;
    const problem = stationNumberProblem(patch.stationNumber, patch.stationsOnAccount);
    if (problem) ctx.addIssue({ code: 'custom', path: ['stationNumber'], message: problem });
  });
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export const settingsMethods = {
  'settings.get': method(noInput, settingsSchema),
  'settings.update': method(settingsPatchSchema, settingsSchema),
} as const;

export const settingsEvents = {
  'settings.changed': settingsSchema,
} as const;

/** The order states a station may sync, for the Settings screen's checkboxes. */
export { ORDER_STATE_FILTER_VALUES } from '../../common/feedamp-enums';
