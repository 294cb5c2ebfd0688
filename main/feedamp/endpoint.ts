// An endpoint as a row of data — its method and path, what is checked before sending, the
// schema of its answer and its policies — and the one way a row is called.
import type { z } from 'zod';
import type { CallSpec } from './call.js';
import { fillPath, toSearchParams, validInput } from './input.js';
import type { CallOptions } from './options.js';
import type { Budgets } from './budgets.js';

/** A value checked before sending; `name` is what a refusal calls it ("orders filter"). */
interface Checked<In, Out> {
  schema: z.ZodType<Out, In>;
  name: string;
}

export interface Endpoint<Out, Body = undefined, Query = undefined> {
  method: CallSpec<Out>['method'];
  /** `{name}` segments take the ids in order, each checked as a FeedAMP id. */
  path: string;
  body?: Checked<Body, unknown>;
  query?: Checked<Query, object>;
  /** null: the body of a success is ignored (DELETE). */
  output: z.ZodType<Out> | null;
  budget: keyof Budgets;
  /** Resource name for a 404 ("order", "fulfillment", …). */
  what: string;
  /** get_token: Basic only, and a 401 means bad credentials rather than a stale token. */
  tokenCall?: boolean;
  /** JSON keys whose bare integer values are quoted before parsing (big IDs). */
  quoteIntegerKeys?: readonly string[];
}

/** A row as it is written in the table, its types inferred from its schemas. */
export const row = <Out, Body = undefined, Query = undefined>(
  endpoint: Endpoint<Out, Body, Query>,
): Endpoint<Out, Body, Query> => endpoint;

/**
 * One call of a row: ids into its path, then its query and body checked, in that order; a
 * failed check is a rejected promise, like every other failure of a call.
 */
export async function callEndpoint<Out, Body, Query>(
  connection: { call: <T>(spec: CallSpec<T>) => Promise<T> },
  endpoint: Endpoint<Out, Body, Query>,
  ids: readonly string[],
  options: CallOptions,
  sent: { body?: Body; query?: Query } = {},
): Promise<Out> {
  const path = fillPath(endpoint.path, ids);
  const query =
    endpoint.query && validInput(endpoint.query.schema, sent.query, endpoint.query.name);
  const body = endpoint.body && validInput(endpoint.body.schema, sent.body, endpoint.body.name);
  return connection.call({
    method: endpoint.method,
    path,
    query: query && toSearchParams(query),
    body,
    schema: endpoint.output,
    budget: endpoint.budget,
    what: endpoint.what,
    tokenCall: endpoint.tokenCall,
    quoteIntegerKeys: endpoint.quoteIntegerKeys,
    signal: options.signal,
  });
}
