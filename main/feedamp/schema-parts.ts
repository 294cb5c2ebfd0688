// The building blocks of every FeedAMP schema, and the conventions they follow
// (docs/feedamp/openapi.yaml). Responses: loose objects (unknown fields are kept: FeedAMP
// promises additive changes), every field optional and nullable (the docs promise no field and do
// not say whether empty ones are null or absent), IDs as strings (they exceed 2^53), enums open
// to new values, date-times kept as the server's text (read them with parseDateTime).
// Requests: strict about what we send.
import { z } from 'zod';
import { formatDateTime, isSendableDateTime } from './dates.js';

/** A response enum: the documented values as a type hint, any string accepted. */
export function openEnum<const T extends readonly [string, ...string[]]>(
  _documented: T,
): z.ZodType<T[number] | (string & {})> {
  return z.string();
}

/** Optional in a response: absent or null. */
export const opt = <T extends z.ZodType>(schema: T) => schema.nullish();

export const idOut = z.string();
export const dateTimeOut = z.string();
export const looseRecord = z.record(z.string(), z.unknown());

/** An ID we send: digits only, as a string. */
export const IdInput = z.string().regex(/^\d+$/, 'must be a FeedAMP id (digits)');

/** A date-time we send: a Date, or RFC 3339 text with an offset; sent as whole seconds. */
export const DateTimeInput = z
  .union([
    z.date(),
    z.string().refine(isSendableDateTime, 'must be an RFC 3339 date-time with an offset'),
  ])
  .transform((v) => formatDateTime(v));

/** One value or several, sent comma-separated. */
export const csv = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

/** Where in a checked value a zod issue points, as `a.0.b`. */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.map((p) => String(p)).join('.');
}

// ---------------------------------------------------------------- shared objects

export const Customer = z.looseObject({
  full_name: opt(z.string()),
  email: opt(z.string()),
  phone: opt(z.string()),
  vat: opt(z.string()),
});

export const Address = z.looseObject({
  full_name: opt(z.string()),
  address1: opt(z.string()),
  address2: opt(z.string()),
  address3: opt(z.string()),
  city: opt(z.string()),
  state: opt(z.string()),
  postal_code: opt(z.string()),
  country_code: opt(z.string()),
  country_code_iso2: opt(z.string()),
  phone: opt(z.string()),
  address_type: opt(z.string()),
});

// ---------------------------------------------------------------- token and operations

export const TokenResponse = z.looseObject({ token: z.string().min(1) });

export const OperationResult = z.looseObject({
  operation: opt(z.string()),
  response: opt(z.unknown()),
});
export type OperationResult = z.infer<typeof OperationResult>;

/** A run-operation body: any JSON object. */
export const OperationBody = z.record(z.string(), z.unknown());

/** A run-operation `op` name, sent as the `op` parameter. */
export const OperationQuery = z
  .string()
  .regex(/^[A-Za-z0-9_.-]+$/, 'must be an operation name')
  .transform((op) => ({ op }));
