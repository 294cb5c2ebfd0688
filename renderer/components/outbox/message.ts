// The Outbox screen's one message line: errors red, what still waits amber, done green.
import { agree } from '../../../common/format';
type Tone = 'ok' | 'warning' | 'error';

/** The screen's one message, from the counts as they are now: an upload's result never outlives
 *  what it said ("Everything waiting has been uploaded" while a new package waits). */
export function outboxMessage(
  s: {
    counts?: { queued: number; sending: number; attention: number; blocked?: string };
    loadError?: string;
    error?: string;
    notice?: string;
  },
  online: boolean,
): { tone: Tone; text: string } | undefined {
  if (s.loadError ?? s.error) return { tone: 'error', text: (s.loadError ?? s.error)! };
  if (s.counts?.blocked) return { tone: 'error', text: `Uploads are stopped: ${s.counts.blocked}` };
  if (!s.notice || !s.counts) return undefined;
  const left = s.counts.queued + s.counts.sending;
  if (left === 0 && s.counts.attention === 0)
    return { tone: 'ok', text: 'Everything waiting has been uploaded.' };
  if (left === 0)
    return {
      tone: 'warning',
      text: `Uploaded what could go; ${s.counts.attention} ${agree(s.counts.attention, 'needs', 'need')} attention below.`,
    };
  return online
    ? { tone: 'warning', text: `${left} still waiting; Packline keeps trying.` }
    : {
        tone: 'warning',
        text: `Still offline — ${left} waiting; they upload when FeedAMP answers again.`,
      };
}
