// itemCodes.*: Settings → Item codes — the codes this station learned on the Pack screen (another
// name of a SKU, or a case holding several units of it), changed, removed, exported, imported.
import { z } from 'zod';
import { noInput } from './app';
import { method } from './define';

const learnedCodeSchema = z.object({
  code: z.string(),
  sku: z.string(),
  /** Units of the SKU one scan stands for; 1 for a plain alias. */
  units: z.number(),
});
export type LearnedCodeView = z.infer<typeof learnedCodeSchema>;

const list = z.object({ codes: z.array(learnedCodeSchema) });
const code = z.string().trim().min(1).max(200);

export const itemCodesMethods = {
  'itemCodes.list': method(noInput, list),
  'itemCodes.setUnits': method(
    z
      .object({
        code,
        units: z
          .number({ message: 'Units is a number' })
          .int('Units is a whole number')
          .min(1, 'A code holds at least 1 unit')
          .max(9999, 'A code holds at most 9999 units'),
      })
      .strict(),
    list,
  ),
  'itemCodes.remove': method(z.object({ code }).strict(), list),
  /**
   * The codes as a file. The desktop app saves it itself (a save dialog): `savedTo` is set, or
   * `cancelled`. In browser mode the page saves `text` as a download.
   */
  'itemCodes.export': method(
    noInput,
    z.object({
      fileName: z.string(),
      text: z.string(),
      count: z.number(),
      savedTo: z.string().optional(),
      cancelled: z.boolean().optional(),
    }),
  ),
  /** Adds the file's codes; a code already learned is replaced. A bad row: nothing changes. */
  'itemCodes.import': method(
    z.object({ text: z.string().max(1_000_000) }).strict(),
    z.object({ added: z.number(), replaced: z.number(), codes: z.array(learnedCodeSchema) }),
  ),
} as const;
