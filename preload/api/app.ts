// app.*: what the running app is, and a heartbeat proving events flow.
import { z } from 'zod';
import { method } from './define';

export const noInput = z.object({}).strict();

export const appInfoSchema = z.object({
  version: z.string(),
  mode: z.enum(['electron', 'browser']),
  dataDir: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const appMethods = {
  'app.info': method(noInput, appInfoSchema),
} as const;

export const appEvents = {
  'app.heartbeat': z.object({ at: z.string(), uptimeSeconds: z.number() }),
} as const;
