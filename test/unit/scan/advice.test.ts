import { describe, expect, it } from 'vitest';
import { readingAdvice, suggestedGap, type ScannerReading } from '../../../renderer/scan/advice';

const reading = (gaps: number[], endKey?: string): ScannerReading => ({
  sent: '036000291452',
  read: '036000291452',
  understood: true,
  gaps,
  ...(endKey ? { endKey } : {}),
});

describe('Test your scanner: advice', () => {
  it('names the suffix key, the slowest gap and a gap a quarter above it', () => {
    expect(readingAdvice(reading([3, 48, 5], 'Enter'), 35)).toBe(
      'Your scanner sends Enter after the code; the slowest gap was 48 ms — set the gap to 60 ms.',
    );
  });

  it('says the setting fits when the scanner is fast', () => {
    expect(readingAdvice(reading([2, 9, 4], 'Tab'), 35)).toBe(
      'Your scanner sends Tab after the code; the slowest gap was 9 ms — the gap setting of 35 ms fits.',
    );
  });

  it('asks for a suffix when the scanner sends none', () => {
    expect(readingAdvice(reading([4, 4]), 35)).toMatch(
      /^Your scanner sends nothing after the code — set it to send Enter/,
    );
  });

  it.each([
    [0, 35],
    [24, 35],
    [28, 40],
    [48, 60],
    [150, 190],
    [400, 200],
  ])('suggests a gap for a slowest gap of %i ms: %i ms', (slowest, gap) => {
    expect(suggestedGap(slowest)).toBe(gap);
  });
});
