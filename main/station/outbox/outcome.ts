// What one attempt at an outbox write came to, and how a failure from FeedAMP is judged: which
// errors are retried, which stop the entry for the packer, which block every upload.
import { FeedampError, RateLimitedError } from '../../feedamp/errors';
import type { OutboxEntry } from './entries';

export type Outcome =
  | {
      kind: 'sent';
      resultId?: string | undefined;
      note?: string;
      /** FeedAMP shows a line of this shipment past the order (overship.ts). */
      overShipped?: string | undefined;
      /** Its lines' ordered quantities, for the look once more after the settle time. */
      lookAgain?: { id: string; sku?: string; quantity: number }[] | undefined;
    }
  | {
      kind: 'retry';
      uncertain: boolean;
      error: { code: string; message: string };
      delayMs?: number;
      offline?: boolean;
    }
  | {
      kind: 'attention';
      error: { code: string; message: string };
      /** Known not to be on FeedAMP (looked, or stopped before sending). */
      certain?: boolean;
    }
  | { kind: 'blocked'; error: { code: string; message: string } }
  /** The entry changed (discarded, fixed) while its checks ran: nothing was sent. */
  | { kind: 'skip' };

/**
 * `uncertainBefore`: an earlier attempt may have landed and this one has not settled that;
 * `requestLeft`: the failure came from the write itself, not from the reads before it.
 * Anything but a FeedAMP error is rethrown: it is not an answer from FeedAMP.
 */
export function classify(
  error: unknown,
  uncertainBefore: boolean,
  requestLeft: boolean,
  entry: OutboxEntry,
): Outcome {
  if (!(error instanceof FeedampError)) throw error;
  const reason = { code: error.code, message: error.message };
  switch (error.code) {
    case 'validation':
      // Refused (400/409/422) or invalid before sending: never retried blindly.
      return { kind: 'attention', error: { code: 'refused', message: error.message } };
    case 'not_found':
      // A delete whose record is gone already did what it was asked.
      if (entry.write.kind === 'fulfillment.delete' || entry.write.kind === 'cancellation.delete') {
        return { kind: 'sent', note: 'Already gone on FeedAMP.' };
      }
      return { kind: 'attention', error: { code: 'refused', message: error.message } };
    case 'unauthorized':
    case 'client_not_allowed':
      return { kind: 'blocked', error: reason };
    case 'rate_limited':
      // A 429 means FeedAMP did nothing with this request.
      return {
        kind: 'retry',
        uncertain: uncertainBefore,
        error: reason,
        delayMs: (error as RateLimitedError).retryAfterMs ?? 1_000,
      };
    case 'network':
      return { kind: 'retry', uncertain: uncertainBefore, error: reason, offline: true };
    case 'server':
    case 'outcome_unknown':
    case 'response_shape':
    case 'aborted':
      // The request may have been applied (a 5xx after the write, a lost or garbled answer);
      // a read before it failing changes nothing.
      return {
        kind: 'retry',
        uncertain: uncertainBefore || requestLeft,
        error: reason,
        offline: error.code === 'outcome_unknown',
      };
  }
  return { kind: 'retry', uncertain: uncertainBefore || requestLeft, error: reason };
}
