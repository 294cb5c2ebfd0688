// What the client sends, checked before it is sent: a bad id, filter or body is a
// ValidationError with `sent: false`, and nothing leaves the station.
import type { z } from 'zod';
import { ValidationError } from './errors.js';
import { IdInput, issuePath } from './schema-parts.js';

function encodeId(value: string, name: string): string {
  const parsed = IdInput.safeParse(value);
  if (!parsed.success) {
    throw new ValidationError([`${name} must be a FeedAMP id (digits only)`], { sent: false });
  }
  return encodeURIComponent(parsed.data);
}

/**
 * A path template with its `{name}` segments replaced by `ids`, in order, each checked as a
 * FeedAMP id; `{fulfillment_request}` is called "fulfillment request id" when it is not one.
 */
export function fillPath(template: string, ids: readonly string[]): string {
  let i = 0;
  return template.replace(/\{([a-z_]+)\}/g, (_, name: string) =>
    encodeId(ids[i++] ?? '', `${name.replace(/_/g, ' ')} id`),
  );
}

/** Validates what we are about to send; a failure is reported without sending anything. */
export function validInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const messages = parsed.error.issues.map((i) =>
    i.path.length ? `${issuePath(i.path)}: ${i.message}` : i.message,
  );
  throw new ValidationError(messages, {
    sent: false,
    detail: `invalid ${what}: ${messages.join('; ')}`,
  });
}

/** A checked query as URL parameters: absent values left out, lists comma-separated. */
export function toSearchParams(query: object): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    params.set(key, Array.isArray(value) ? value.map(String).join(',') : String(value));
  }
  return params;
}
