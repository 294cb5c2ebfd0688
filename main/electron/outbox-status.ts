// What the desktop shell needs from the outbox: how many packages have not reached FeedAMP yet,
// for the badge and the quit question. Fed by the outbox's `outbox.counts` event.
import type { OutboxCounts } from '../../preload/api/outbox';

/** Not yet uploaded: waiting, being sent, or held for the packer's attention. */
function notYetUploaded(counts: Pick<OutboxCounts, 'queued' | 'sending' | 'attention'>): number {
  return counts.queued + counts.sending + counts.attention;
}

export interface OutboxStatus {
  update: (counts: OutboxCounts) => void;
  pending: () => number;
}

export function createOutboxStatus(badge: {
  setBadgeCount: (count: number) => void;
}): OutboxStatus {
  let pending = 0;
  return {
    update(counts) {
      const next = notYetUploaded(counts);
      if (next !== pending) badge.setBadgeCount(next);
      pending = next;
    },
    pending: () => pending,
  };
}
