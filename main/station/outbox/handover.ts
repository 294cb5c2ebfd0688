// Handing the queue over to another station: what is not yet uploaded goes out as a file, leaves
// this station's queue once the file is safely written, and is taken over by the station that
// imports it — each imported entry looked up on FeedAMP before it is sent.
import { z } from 'zod';
import type { Logger } from '../../log';
import { StationError } from '../errors';
import { isOpen, outboxEntrySchema } from './entries';
import type { OutboxStore } from './store';
import type { OutboxWorker } from './worker';

export interface HandoverDeps {
  store: OutboxStore;
  worker: OutboxWorker;
  log: Logger;
  now: () => Date;
}

const exportFileSchema = z.object({
  format: z.literal('packline-outbox'),
  version: z.literal(1),
  exportedAt: z.string(),
  station: z.string().optional(),
  entries: z.array(outboxEntrySchema),
});

/**
 * Everything not yet uploaded (pending, being sent, needing attention) as an export file.
 * Nothing changes here: the entries leave this station's queue only once the file is safely
 * written (handOver). One being sent at this moment goes in the file too; the importing
 * station looks for it on FeedAMP before sending, as for every imported entry.
 */
export function exportOpen(
  store: OutboxStore,
  station: string,
  now: Date,
): { fileName: string; text: string; ids: string[] } {
  const open = store.all().filter(isOpen);
  const at = now.toISOString();
  const text = JSON.stringify(
    { format: 'packline-outbox', version: 1, exportedAt: at, station, entries: open },
    null,
    2,
  );
  return {
    fileName: `packline-outbox-${station.replace(/[^\w-]+/g, '_')}-${at.replace(/[:.]/g, '-')}.json`,
    text,
    ids: open.map((e) => e.id),
  };
}

/**
 * After the export file is written: those entries leave this station's queue (marked
 * discarded, with a note), so only the station that imports the file uploads them. An entry
 * that started sending or finished in the meantime is left as it is.
 */
export async function handOver(deps: HandoverDeps, ids: string[]): Promise<number> {
  const { store, worker } = deps;
  const at = deps.now().toISOString();
  let moved = 0;
  for (const id of ids) {
    // An attempt in flight decides first: back to pending (handed over now) or uploaded
    // (then the importing station finds it on FeedAMP and does not send it again).
    for (let i = 0; i < 100 && store.get(id)?.state === 'sending'; i++) {
      await worker.idle();
      await new Promise((r) => setTimeout(r, 50));
    }
    const entry = store.get(id);
    if (!entry || (entry.state !== 'pending' && entry.state !== 'attention')) continue;
    await store.put({
      ...entry,
      state: 'discarded',
      note: `Handed over to another station at ${at}`,
    });
    moved++;
  }
  deps.log.info('outbox handed over', { entries: moved });
  return moved;
}

/**
 * Takes over entries exported elsewhere. Each is looked up on FeedAMP before it is sent (it
 * arrives uncertain), so nothing the other station already uploaded is sent twice.
 */
export async function importHandedOver(
  deps: Pick<HandoverDeps, 'store' | 'worker'>,
  text: string,
): Promise<{ added: number; alreadyHere: number }> {
  const { store } = deps;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new StationError('refused', 'This file is not a Packline outbox export (not JSON).');
  }
  const file = exportFileSchema.safeParse(raw);
  if (!file.success)
    throw new StationError(
      'refused',
      'This file is not a Packline outbox export, or it is damaged.',
    );
  let added = 0;
  let alreadyHere = 0;
  for (const entry of [...file.data.entries].sort((a, b) => a.seq - b.seq)) {
    if (store.get(entry.id)) {
      alreadyHere++;
      continue;
    }
    await store.put({
      ...entry,
      seq: store.takeSeq(),
      state: 'pending',
      uncertain: true,
      nextAttemptAt: undefined,
      origin: 'import',
      note: `Imported from ${file.data.station ?? 'another station'}`,
    });
    added++;
  }
  void deps.worker.kick();
  return { added, alreadyHere };
}
