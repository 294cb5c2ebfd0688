// Turns zod failures and query-string mistakes into FeedAMP-style 400s: one sentence that
// names the field, so a packer's "needs attention" message says what the server disliked.
import type { z } from 'zod';
import { parseFilterDateTime } from './dates';
import { badRequest } from './http';

type Issue = z.core.$ZodIssue;

function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

function describe(issue: Issue): string {
  const field = fieldPath(issue.path) || 'body';
  // With reportInput on, an issue without `input` is about a field that was not sent.
  if (!('input' in issue) || issue.input === undefined) {
    return `${field} is required.`;
  }
  if (issue.code === 'invalid_value') {
    return `${field} must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}.`;
  }
  if (issue.code === 'too_small' && issue.origin === 'array') {
    return `${field} must list at least ${String(issue.minimum)} item(s).`;
  }
  if (issue.code === 'too_small' && issue.origin === 'number') {
    return `${field} must be at least ${String(issue.minimum)}.`;
  }
  if (issue.code === 'too_small' && issue.origin === 'string') {
    return `${field} must not be empty.`;
  }
  return `${field} is invalid: ${issue.message}.`;
}

/** Parses a request body or throws a 400 naming the first offending field. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  if (body === undefined) throw badRequest('A JSON request body is required.');
  const result = schema.safeParse(body, { reportInput: true });
  if (!result.success) {
    const first = result.error.issues[0];
    throw badRequest(first ? describe(first) : 'The request body is invalid.');
  }
  return result.data;
}

export function queryDate(query: URLSearchParams, name: string): number | undefined {
  const value = query.get(name);
  if (value === null) return undefined;
  const ms = parseFilterDateTime(value);
  if (ms === undefined) {
    throw badRequest(
      `${name} must be an RFC 3339 date-time with an offset and no fractional seconds, e.g. 2024-03-13T08:50:59-08:00.`,
    );
  }
  return ms;
}

export function queryLimit(query: URLSearchParams, fallback = 100): number {
  const value = query.get('limit');
  if (value === null) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 250) {
    throw badRequest('limit must be an integer from 1 to 250.');
  }
  return Number(value);
}

export function queryBoolean(query: URLSearchParams, name: string): boolean {
  const value = query.get(name);
  if (value === null) return false;
  if (value !== 'true' && value !== 'false') throw badRequest(`${name} must be true or false.`);
  return value === 'true';
}

/** Comma-separated values; empty entries ignored. */
export function queryList(query: URLSearchParams, name: string): Set<string> | undefined {
  const value = query.get(name);
  if (value === null) return undefined;
  return new Set(
    value
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean),
  );
}

export function queryEnumList(
  query: URLSearchParams,
  name: string,
  allowed: readonly string[],
): Set<string> | undefined {
  const values = queryList(query, name);
  if (!values) return undefined;
  for (const v of values) {
    if (!allowed.includes(v)) {
      throw badRequest(`${name} value "${v}" is not one of ${allowed.join(', ')}.`);
    }
  }
  if (values.size === 0) throw badRequest(`${name} must not be empty.`);
  return values;
}
