// Child process for the crash test: appends numbered records as fast as it can, compacting now
// and then, and prints each number only after append() resolved (the "ack").
import { z } from 'zod';
import { Journal } from '../../../main/station/storage/journal';

const dir = process.argv[2]!;
const state = z.object({ count: z.number(), values: z.array(z.number()) });
const { journal, snapshot, records } = await Journal.open({
  dir,
  name: 'crash',
  snapshotSchema: state,
  recordSchema: z.number(),
});
const values = [...(snapshot?.values ?? []), ...records];
let next = (values.at(-1) ?? 0) + 1;
for (;;) {
  const batch = [next, next + 1, next + 2];
  next += 3;
  await Promise.all(batch.map((n) => journal.append(n)));
  values.push(...batch);
  process.stdout.write(`acked ${batch.at(-1)}\n`);
  if (values.length % 60 === 0)
    await journal.compact({ count: values.length, values: [...values] });
}
