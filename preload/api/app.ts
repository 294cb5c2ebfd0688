// app.*: what the running app is, and a heartbeat proving events flow.
import { z } from 'zod';
import { method } from './define';

export const noInput = z.object({}).strict();

const appInfoSchema = z.object({
  version: z.string(),
  mode: z.enum(['electron', 'browser']),
  dataDir: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

/** A write the data folder refused (until one succeeds again), and damage found at start. */
const storageNoticeSchema = z.object({ id: z.string(), message: z.string() });
export type StorageNotice = z.infer<typeof storageNoticeSchema>;
const storageStatusSchema = z.object({
  problem: z
    .object({
      code: z.enum(['disk_full', 'read_only', 'storage']),
      message: z.string(),
      since: z.string(),
    })
    .optional(),
  notices: z.array(storageNoticeSchema),
});
export type StorageStatus = z.infer<typeof storageStatusSchema>;

export const appMethods = {
  'app.info': method(noInput, appInfoSchema),
  'app.storage': method(noInput, storageStatusSchema),
} as const;

export const appEvents = {
  'app.heartbeat': z.object({ at: z.string(), uptimeSeconds: z.number() }),
  'app.storage': storageStatusSchema,
} as const;
