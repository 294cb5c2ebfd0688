// The single path every bridge call takes, whatever the transport: known method, input parsed
// with the contract's zod schema, handler run, any failure turned into `{ code, message }`.
import type { z } from 'zod';
import {
  BridgeError,
  isMethodName,
  methods,
  type MethodName,
  type MethodResult,
  type ParsedInput,
  type Reply,
} from '../../preload/contract';
import type { Logger } from '../log';
import { StorageError } from '../station/storage/errors';

export type Handlers = {
  [M in MethodName]: (input: ParsedInput<M>) => Promise<MethodResult<M>> | MethodResult<M>;
};

/** The handlers of one domain's slice of the contract (preload/api/<domain>.ts). */
export type DomainHandlers<T> = Pick<Handlers, keyof T & MethodName>;

export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'The input was not valid.';
  const where = issue.path.length ? issue.path.join('.') : 'input';
  return `${where}: ${issue.message}`;
}

export async function dispatch(
  handlers: Handlers,
  method: unknown,
  rawInput: unknown,
  log: Logger,
): Promise<Reply<unknown>> {
  if (!isMethodName(method)) {
    return {
      ok: false,
      error: { code: 'UNKNOWN_METHOD', message: `No such action: ${String(method)}` },
    };
  }
  const parsed = methods[method].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    return { ok: false, error: { code: 'BAD_INPUT', message: describeZodError(parsed.error) } };
  }
  try {
    const handler = handlers[method] as (input: unknown) => unknown;
    return { ok: true, result: await handler(parsed.data) };
  } catch (error) {
    if (error instanceof BridgeError) return { ok: false, error: error.toJSON() };
    if (error instanceof StorageError)
      return { ok: false, error: { code: 'STORAGE', message: error.message } };
    log.error('bridge call failed', { method, error });
    return {
      ok: false,
      error: {
        code: 'INTERNAL',
        message: 'Something went wrong inside Packline; the log has the details.',
      },
    };
  }
}
