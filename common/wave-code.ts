// The barcode printed on a pick list: the wave it starts. Its prefix is one no order number, item
// code or tracking number carries (command barcodes use "PL-CMD-"), so a scan of it is never
// mistaken for anything else — by main's classifier or by the page routing a scan.

const WAVE_PREFIX = 'PL-WAVE-';

/** "PL-WAVE-14" for wave 14. */
export function waveCode(id: number): string {
  return `${WAVE_PREFIX}${id}`;
}

/** The wave a scanned code names, or undefined when it is not a wave barcode. */
export function parseWaveCode(raw: string): number | undefined {
  const code = raw.trim().toUpperCase();
  if (!code.startsWith(WAVE_PREFIX)) return undefined;
  const digits = code.slice(WAVE_PREFIX.length);
  if (!/^[1-9]\d{0,8}$/.test(digits)) return undefined;
  return Number(digits);
}
