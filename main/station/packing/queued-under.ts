// Ship, cancel and CSV import share this step: warehouse mode records the box first (under the
// claim, with every station's packed lines), then the outbox takes the entry.
import type { OutboxEntry } from '../outbox/entries';

/**
 * Queues an entry under what warehouse mode recorded for it (the claim and every station's
 * packed lines): when the outbox cannot take it, that record is forgotten again.
 */
export async function queuedUnder(
  recorded: { undo: () => Promise<void> } | undefined,
  queue: () => Promise<OutboxEntry>,
): Promise<OutboxEntry> {
  try {
    return await queue();
  } catch (error) {
    await recorded?.undo().catch(() => undefined);
    throw error;
  }
}
