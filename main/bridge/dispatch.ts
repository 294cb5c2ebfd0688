// The single path every bridge call takes, whatever the transport: known method, input parsed
// with the contract's zod schema, handler run, any failure turned into `{ code, message }`.
import type { z } from 'zod';
import {
  BridgeError,
  isMethodName,
  methods,
  type MethodName,
  type ErrorCode,
  type MethodResult,
  type ParsedInput,
  type Reply,
} from '../../preload/contract';
import type { Logger } from '../log';
import { StationError, type StationErrorCode } from '../station/errors';
import { StorageError } from '../station/storage/errors';

export type Handlers = {
  [M in MethodName]: (input: ParsedInput<M>) => Promise<MethodResult<M>> | MethodResult<M>;
};

/** The handlers of one domain's slice of the contract (preload/api/<domain>.ts). */
export type DomainHandlers<T> = Pick<Handlers, keyof T & MethodName>;

/**
 * What one call may carry, whatever the transport. Real inputs are a few kilobytes and a few
 * levels deep; only the file-sized methods (an outbox export being imported, a shipments CSV,
 * the ids of a large hand-over) carry more. Both limits stop an input before zod or any
 * handler walks it, so a hostile page cannot make main recurse or hold hundreds of megabytes.
 */
const MAX_INPUT_DEPTH = 32;
const MAX_INPUT_BYTES = 1024 * 1024;
const MAX_FILE_INPUT_BYTES = 64 * 1024 * 1024;
const FILE_SIZED_METHODS: ReadonlySet<string> = new Set<MethodName>([
  'outbox.import',
  'outbox.previewCsv',
  'outbox.queueCsv',
  'outbox.handOver',
]);

export function inputByteLimit(method: string): number {
  return FILE_SIZED_METHODS.has(method) ? MAX_FILE_INPUT_BYTES : MAX_INPUT_BYTES;
}

export type InputTooBig = { reason: 'size' | 'depth'; message: string };

/**
 * Measures an already-parsed input (JSON from HTTP, a structured clone from IPC, which may
 * even hold cycles) without recursion, stopping as soon as a limit is passed. Sizes are
 * counted roughly as JSON would spell them; the HTTP adapter also counts the real bytes.
 */
export function inputTooBig(method: string, input: unknown): InputTooBig | null {
  const limit = inputByteLimit(method);
  const stack: Array<[unknown, number]> = [[input, 1]];
  let size = 0;
  while (stack.length) {
    const [value, depth] = stack.pop()!;
    if (typeof value === 'string') size += value.length + 2;
    else if (ArrayBuffer.isView(value)) size += value.byteLength;
    else if (value !== null && typeof value === 'object') {
      if (depth > MAX_INPUT_DEPTH) {
        return {
          reason: 'depth',
          message: `This request is nested more than ${MAX_INPUT_DEPTH} levels deep; Packline refused it.`,
        };
      }
      size += 2;
      for (const key in value) {
        if (!Object.hasOwn(value, key)) continue;
        size += key.length + 4;
        if (size > limit) break;
        stack.push([(value as Record<string, unknown>)[key], depth + 1]);
      }
    } else size += 8;
    if (size > limit) {
      const mb = limit / 1024 / 1024;
      return {
        reason: 'size',
        message: FILE_SIZED_METHODS.has(method)
          ? `This file is larger than ${mb} MB; split it into smaller files and import each.`
          : `This request is larger than ${mb} MB; Packline refused it.`,
      };
    }
  }
  return null;
}

function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'The input was not valid.';
  const where = issue.path.length ? issue.path.join('.') : 'input';
  return `${where}: ${issue.message}`;
}

/** The one place a station's refusal becomes a wire code; its sentence goes out as written. */
const WIRE_CODES: Record<StationErrorCode, ErrorCode> = {
  refused: 'BAD_INPUT',
  not_found: 'NOT_FOUND',
  feedamp: 'FEEDAMP',
  failed: 'INTERNAL',
};

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
  const tooBig = inputTooBig(method, rawInput);
  if (tooBig) {
    log.warn('bridge call refused: input too big', { method, reason: tooBig.reason });
    return { ok: false, error: { code: 'BAD_INPUT', message: tooBig.message } };
  }
  const parsed = methods[method].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    return { ok: false, error: { code: 'BAD_INPUT', message: describeZodError(parsed.error) } };
  }
  try {
    const handler = handlers[method] as (input: unknown) => unknown;
    return { ok: true, result: await handler(parsed.data) };
  } catch (error) {
    if (error instanceof StationError)
      return { ok: false, error: { code: WIRE_CODES[error.code], message: error.message } };
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
