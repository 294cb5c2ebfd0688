// The Stats screen's words: durations, hour ranges, the per-100 rate and which hours the chart shows.
import { describe, expect, it } from 'vitest';
import {
  chartHours,
  duration,
  hourRange,
  perHundred,
} from '../../../renderer/components/stats-format';

describe('Stats screen words', () => {
  it('says a packing time in seconds, minutes or hours', () => {
    expect(duration(44_600)).toBe('45 s');
    expect(duration(192_000)).toBe('3 min 12 s');
    expect(duration(3_900_000)).toBe('1 h 05 min');
  });

  it('names an hour as its range, midnight included', () => {
    expect(hourRange(10)).toBe('10:00–11:00');
    expect(hourRange(23)).toBe('23:00–00:00');
  });

  it('gives mis-scans per 100 scans to one decimal, and a dash before any scan', () => {
    expect(perHundred(3, 120)).toBe('2.5');
    expect(perHundred(1, 3)).toBe('33.3');
    expect(perHundred(0, 0)).toBe('–');
  });

  it('charts from the first busy hour (08:00 at the latest) to the hour now', () => {
    const hours = Array.from({ length: 24 }, () => 0);
    expect(chartHours(hours, 10)).toEqual([8, 9, 10]);
    hours[6] = 2;
    expect(chartHours(hours, 10)).toEqual([6, 7, 8, 9, 10]);
    expect(chartHours(hours, 3)).toEqual([3, 4, 5, 6]);
  });
});
