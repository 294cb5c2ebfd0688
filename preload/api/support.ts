// support.*: what a packer hands to a support person.
import { z } from 'zod';
import { noInput } from './app';
import { method } from './define';

export const supportMethods = {
  /** Writes a diagnostics zip (logs, settings without secrets, outbox summary); returns its path. */
  'support.saveDiagnostics': method(noInput, z.object({ path: z.string() })),
} as const;
