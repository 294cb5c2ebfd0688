import { describe, expect, it } from 'vitest';
import { newestOnline } from '../../../renderer/components/online';
import { outboxMessage } from '../../../renderer/components/outbox/message';

describe('the Offline pill: the newest answer from FeedAMP wins', () => {
  const run = (steps: [boolean | undefined, boolean | undefined][]) =>
    steps.reduce((said, [sync, uploads]) => newestOnline(said, sync, uploads), { latest: true });

  it('clears as soon as a sync gets through, though the uploader last failed', () => {
    expect(
      run([
        [true, true],
        [false, false],
      ]).latest,
    ).toBe(false);
    expect(
      run([
        [true, true],
        [false, false],
        [true, false],
      ]).latest,
    ).toBe(true);
  });
  it('clears as soon as an upload gets through, though the last sync failed', () => {
    expect(
      run([
        [true, true],
        [false, false],
        [false, true],
      ]).latest,
    ).toBe(true);
  });
  it('goes offline when either one can no longer reach FeedAMP', () => {
    expect(
      run([
        [true, true],
        [true, false],
      ]).latest,
    ).toBe(false);
    expect(
      run([
        [true, true],
        [false, true],
      ]).latest,
    ).toBe(false);
  });
});

describe('the Outbox message after Upload now', () => {
  const counts = (queued: number, attention = 0) => ({ queued, sending: 0, attention });
  const notice = 'done';
  it('says everything was uploaded only while nothing waits', () => {
    expect(outboxMessage({ counts: counts(0), notice }, true)).toEqual({
      tone: 'ok',
      text: 'Everything waiting has been uploaded.',
    });
    // A package queued after the upload finished: the green line does not stay.
    expect(outboxMessage({ counts: counts(1), notice }, true)?.tone).toBe('warning');
    expect(outboxMessage({ counts: counts(0, 2), notice }, true)?.text).toMatch(/2 need attention/);
  });
  it('says offline in amber and errors in red', () => {
    expect(outboxMessage({ counts: counts(3), notice }, false)).toEqual({
      tone: 'warning',
      text: 'Still offline — 3 waiting; they upload when FeedAMP answers again.',
    });
    expect(outboxMessage({ counts: counts(3), error: 'Disk full.', notice }, true)?.tone).toBe(
      'error',
    );
    expect(outboxMessage({ counts: counts(0) }, true)).toBeUndefined();
  });
});
