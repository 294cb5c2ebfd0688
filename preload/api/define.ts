import type { z } from 'zod';

/** One bridge method: the schema its input must pass in main, and the schema of its result. */
export function method<I extends z.ZodType, R extends z.ZodType>(input: I, result: R) {
  return { input, result };
}
