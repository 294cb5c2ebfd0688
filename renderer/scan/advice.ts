// What "Test your scanner" tells the packer after a scan: pure, so it is table-tested.

/** What one scan into the test area showed. */
export interface ScannerReading {
  /** The characters as sent, prefix and suffix characters included. */
  sent: string;
  /** The code Packline read from them, or why it did not. */
  read: string;
  understood: boolean;
  /** The key after the code, if any. */
  endKey?: string;
  gaps: number[];
}

/** The gap setting to suggest for the slowest gap measured: a quarter more, in tens, ≥ 35 ms. */
export function suggestedGap(slowestMs: number): number {
  return Math.min(200, Math.max(35, Math.ceil((slowestMs * 1.25) / 10) * 10));
}

/** One sentence: what the scanner sends after the code, the slowest gap and the gap to set. */
export function readingAdvice(reading: ScannerReading, gapSetting: number): string {
  const end = reading.endKey
    ? `Your scanner sends ${reading.endKey} after the code`
    : 'Your scanner sends nothing after the code — set it to send Enter (its manual has a barcode for that)';
  if (reading.gaps.length === 0) return `${end}.`;
  const slowest = Math.max(...reading.gaps);
  const gap = suggestedGap(slowest);
  return gap === gapSetting
    ? `${end}; the slowest gap was ${slowest} ms — the gap setting of ${gap} ms fits.`
    : `${end}; the slowest gap was ${slowest} ms — set the gap to ${gap} ms.`;
}
