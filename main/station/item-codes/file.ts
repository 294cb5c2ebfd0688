// The item codes file: what Settings → Item codes exports and imports, so one station's learned
// codes and cases can be carried to the others. JSON, checked with zod on the way in; fields
// added by a later version are ignored. A bad row names its row and nothing is imported.
import { z } from 'zod';
import { StationError } from '../errors';
import { normaliseSku } from '../../../common/item-codes';
import { MAX_UNITS_PER_CODE, type LearnedCode } from '../scan/item-codes';

const KIND = 'packline-item-codes';

const rowSchema = z.object({
  code: z.string().trim().min(1).max(200),
  sku: z.string().trim().min(1).max(200),
  /** Absent: one unit (a plain alias). */
  units: z.number().int().min(1).max(MAX_UNITS_PER_CODE).optional(),
});

const fileSchema = z.object({ codes: z.array(z.unknown()) });

export function itemCodesFileName(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  return `packline-item-codes-${date}-${pad(now.getHours())}${pad(now.getMinutes())}.json`;
}

export function itemCodesFileText(codes: readonly LearnedCode[], now: Date): string {
  const file = {
    kind: KIND,
    version: 1,
    exportedAt: now.toISOString(),
    codes: codes.map(({ code, sku, units }) => ({ code, sku, units })),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

const NOTHING = 'nothing was imported';

/** What is wrong with one row, in words: the first problem found. */
function rowProblem(row: unknown): string | undefined {
  if (!row || typeof row !== 'object' || Array.isArray(row)) return 'is not a code, SKU and units';
  const parsed = rowSchema.safeParse(row);
  if (parsed.success) return undefined;
  const field = parsed.error.issues[0]?.path[0];
  if (field === 'code') return 'has no code (or one over 200 characters)';
  if (field === 'sku') return 'has no SKU (or one over 200 characters)';
  return `has units that are not a whole number from 1 to ${MAX_UNITS_PER_CODE}`;
}

/**
 * Reads an item codes file. Throws a StationError naming the first bad row (1 = the first code
 * in the file), so the person can fix it; nothing is half-imported.
 */
export function readItemCodesFile(text: string): LearnedCode[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new StationError(
      'refused',
      `That file is not an item codes file (it is not JSON) — ${NOTHING}. Choose a file exported from Settings → Item codes.`,
    );
  }
  const file = fileSchema.safeParse(value);
  if (!file.success)
    throw new StationError(
      'refused',
      `That file has no list of item codes — ${NOTHING}. Choose a file exported from Settings → Item codes.`,
    );
  const codes: LearnedCode[] = [];
  for (const [index, row] of file.data.codes.entries()) {
    const problem = rowProblem(row);
    if (problem) throw new StationError('refused', `Row ${index + 1} ${problem} — ${NOTHING}.`);
    const { code, sku, units } = rowSchema.parse(row);
    codes.push({ code: normaliseSku(code), sku, units: units ?? 1 });
  }
  return codes;
}
