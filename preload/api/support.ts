// support.*: what a packer hands to a support person.
import { z } from 'zod';
import { noInput } from './app';
import { method } from './define';

/** Caps on what the page may send about one error: enough to find the bug, never a flood. */
export const REPORT_LIMITS = { message: 1_000, stack: 4_000, source: 300 } as const;

/** An uncaught error or unhandled promise rejection in the page, forwarded to main's log. */
const rendererErrorSchema = z
  .object({
    kind: z.enum(['error', 'unhandledrejection']),
    message: z.string().max(REPORT_LIMITS.message),
    stack: z.string().max(REPORT_LIMITS.stack).optional(),
    /** Script URL and position (error events only). */
    source: z.string().max(REPORT_LIMITS.source).optional(),
  })
  .strict();
export type RendererErrorReport = z.infer<typeof rendererErrorSchema>;

export const supportMethods = {
  /** Writes a diagnostics zip (logs, settings without secrets, outbox summary); returns its path. */
  'support.saveDiagnostics': method(noInput, z.object({ path: z.string() })),
  /** The page's uncaught errors go to main's log (and so into Save diagnostics). */
  'support.reportError': method(rendererErrorSchema, z.object({}).strict()),
} as const;
