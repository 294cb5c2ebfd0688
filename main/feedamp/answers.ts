// Reading FeedAMP's answers: a success body against its schema, each item of a list on its own
// (so one bad order does not fail a page), and an error body as far as it can be read.
import type { z } from 'zod';
import { ResponseShapeError } from './errors.js';
import type { HttpResponse } from './http.js';
import type { RejectedOrder } from './schema-orders.js';
import { issuePath } from './schema-parts.js';

/** Checks each item of a list on its own: the valid ones, and the ids and reasons of the rest. */
export function checkEach<T>(
  items: unknown[],
  schema: z.ZodType<T>,
  listKey: string,
): { valid: T[]; rejected: RejectedOrder[] } {
  const valid: T[] = [];
  const rejected: RejectedOrder[] = [];
  items.forEach((item, index) => {
    const parsed = schema.safeParse(item);
    if (parsed.success) {
      valid.push(parsed.data);
      return;
    }
    const rawId = item && typeof item === 'object' ? (item as { id?: unknown }).id : undefined;
    const issue = parsed.error.issues[0];
    rejected.push({
      id: typeof rawId === 'string' && rawId ? rawId : '(no id)',
      reason: `${listKey}.${index}.${issue ? issuePath(issue.path) : ''}: ${issue?.message ?? 'invalid'}`,
    });
  });
  return { valid, rejected };
}

/** Bare integers of `keys` quoted, so an id longer than 2^53 keeps every digit through JSON. */
function quoteIntegers(text: string, keys: readonly string[]): string {
  let out = text;
  for (const key of keys) {
    out = out.replace(new RegExp(`("${key}"\\s*:\\s*)(-?\\d+)(?=\\s*[,}\\]])`, 'g'), '$1"$2"');
  }
  return out;
}

/** An error body: parsed when it is JSON, else its beginning as text, undefined when empty. */
export function errorBodyOf(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // An HTML page or a stack trace: kept whole for the log; ValidationError cleans what
    // reaches the screen.
    return text.slice(0, 4_000);
  }
}

/**
 * A success body as its schema reads it (null: the body is ignored, as for DELETE); a body
 * that is not JSON or not the documented shape is a ResponseShapeError naming the bad field.
 */
export function parseAnswer<T>(
  schema: z.ZodType<T> | null,
  res: HttpResponse,
  label: string,
  quoteIntegerKeys: readonly string[] | undefined,
): T {
  if (schema === null) return undefined as T;
  const text = quoteIntegerKeys ? quoteIntegers(res.text, quoteIntegerKeys) : res.text;
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch (e) {
    throw new ResponseShapeError('', {
      request: label,
      status: res.status,
      cause: e,
      detail: `${label} → ${res.status} with a body that is not JSON (${res.text.length} bytes)`,
    });
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  const path = first ? issuePath(first.path) : '';
  throw new ResponseShapeError(path, {
    request: label,
    status: res.status,
    cause: parsed.error,
    detail: `${label} → ${res.status} does not match the documented shape: ${parsed.error.issues
      .slice(0, 5)
      .map((i) => `${issuePath(i.path) || '(root)'}: ${i.message}`)
      .join('; ')}`,
  });
}
