// FeedampClient: one typed method per FeedAMP endpoint, and the policies every call shares —
// token reuse and one shared refresh, rate budgets, retries of safe calls only, typed errors.
import type { Dispatcher } from 'undici';
import type { z } from 'zod';
import { realNow, realSleep, type Now, type Sleep } from './clock.js';
import {
  AbortedError,
  DeadlineError,
  FeedampError,
  ResponseShapeError,
  ResponseTooLargeError,
  ValidationError,
} from './errors.js';
import {
  DEFAULT_LIMITS,
  DEFAULT_TIMEOUTS,
  makeAgent,
  ResponseOversize,
  send,
  TransportFailure,
  type HttpResponse,
  type ResponseLimits,
  type Timeouts,
} from './http.js';
import { paginate } from './pagination.js';
import { makeBudgets, type Budgets, type BudgetsOption } from './rate-budget.js';
import { retryPolicy, type RetryOptions, type RetryPolicy } from './retry.js';
import * as S from './schemas.js';
import { TokenKeeper, type TokenStore } from './token.js';
import { classifyOutcome, retryAfterOf, type AttemptOutcome } from './outcome.js';
import { feedampUrlProblem } from './url.js';

/** The base URL breaks the https rule (see url.ts); the client refuses to be made for it. */
export class InsecureFeedampUrl extends Error {}

export interface FeedampLogger {
  debug?(message: string, fields?: Record<string, unknown>): void;
  info?(message: string, fields?: Record<string, unknown>): void;
  warn?(message: string, fields?: Record<string, unknown>): void;
}

export interface FeedampClientOptions {
  /** e.g. https://api.feedamp.feedonomics.com (no trailing /api). */
  baseUrl: string;
  username: string;
  password: string;
  /** The numeric FeedAMP client (account) id sent in the `client` header. */
  clientId: string | number;
  tokenStore: TokenStore;
  /**
   * Send HTTP Basic on V2 calls as well as `token`/`client`. Every V2 page declares Basic and
   * every documented example sends it, while the v1 overview speaks of the token alone
   * (the docs are ambiguous here); following the pages is the default.
   */
  sendBasicAuthOnV2?: boolean;
  /**
   * Rate budgets; pass RateBudget instances to share them between clients. Without a list
   * budget, every client of the same account (base URL + user + client id) in the process
   * shares one list bucket.
   */
  budgets?: BudgetsOption;
  timeouts?: Timeouts;
  /** Largest answers read (see DEFAULT_LIMITS). */
  limits?: ResponseLimits;
  /** Aborts every call of this client, in flight or waiting (Sign out fires it). */
  signal?: AbortSignal;
  retry?: RetryOptions;
  /** undici dispatcher; by default an Agent with the connect/headers/body timeouts. */
  dispatcher?: Dispatcher;
  now?: Now;
  sleep?: Sleep;
  logger?: FeedampLogger;
}

export interface CallOptions {
  signal?: AbortSignal;
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

interface CallSpec<T> {
  method: Method;
  /** Path below the base URL, segments already encoded. */
  path: string;
  query?: URLSearchParams;
  body?: unknown;
  /** null: the body of a success is ignored (DELETE). */
  schema: z.ZodType<T> | null;
  budget: keyof Budgets;
  /** Resource name for a 404 ("order", "fulfillment", …). */
  what: string;
  /** May be sent again by the client itself; by default every method but POST. */
  retries?: boolean | undefined;
  /** get_token: Basic only, and a 401 means bad credentials rather than a stale token. */
  tokenCall?: boolean;
  /** JSON keys whose bare integer values are quoted before parsing (big IDs). */
  quoteIntegerKeys?: readonly string[];
  signal?: AbortSignal | undefined;
}

function encodeId(value: string, name: string): string {
  const parsed = S.IdInput.safeParse(value);
  if (!parsed.success) {
    throw new ValidationError([`${name} must be a FeedAMP id (digits only)`], { sent: false });
  }
  return encodeURIComponent(parsed.data);
}

function issuePath(path: readonly PropertyKey[]): string {
  return path.map((p) => String(p)).join('.');
}

/** Validates what we are about to send; a failure is reported without sending anything. */
function validInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
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

function toSearchParams(query: Record<string, unknown>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    params.set(key, Array.isArray(value) ? value.map(String).join(',') : String(value));
  }
  return params;
}

/** Checks each item of a list on its own: the valid ones, and the ids and reasons of the rest. */
function checkEach<T>(
  items: unknown[],
  schema: z.ZodType<T>,
  listKey: string,
): { valid: T[]; rejected: S.RejectedOrder[] } {
  const valid: T[] = [];
  const rejected: S.RejectedOrder[] = [];
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

function quoteIntegers(text: string, keys: readonly string[]): string {
  let out = text;
  for (const key of keys) {
    out = out.replace(new RegExp(`("${key}"\\s*:\\s*)(-?\\d+)(?=\\s*[,}\\]])`, 'g'), '$1"$2"');
  }
  return out;
}

export class FeedampClient {
  private readonly baseUrl: string;
  private readonly username: string;
  private readonly clientId: string;
  private readonly basicAuth: string;
  private readonly sendBasicAuthOnV2: boolean;
  private readonly budgets: Budgets;
  private readonly timeouts: Required<Timeouts>;
  private readonly limits: Required<ResponseLimits>;
  private readonly lifetime: AbortSignal | undefined;
  private readonly retry: RetryPolicy;
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  private closed = false;
  private readonly now: Now;
  private readonly sleep: Sleep;
  private readonly logger: FeedampLogger | undefined;
  private readonly tokens: TokenKeeper;

  constructor(options: FeedampClientOptions) {
    const problem = feedampUrlProblem(options.baseUrl);
    if (problem) throw new InsecureFeedampUrl(problem);
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.username = options.username;
    this.clientId = String(options.clientId);
    this.basicAuth =
      'Basic ' + Buffer.from(`${options.username}:${options.password}`, 'utf8').toString('base64');
    this.sendBasicAuthOnV2 = options.sendBasicAuthOnV2 ?? true;
    this.now = options.now ?? realNow;
    this.sleep = options.sleep ?? realSleep;
    this.budgets = makeBudgets(
      options.budgets,
      this.now,
      this.sleep,
      `${this.baseUrl}|${options.username}|${this.clientId}`,
    );
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.lifetime = options.signal;
    this.retry = retryPolicy(options.retry);
    this.ownsDispatcher = !options.dispatcher;
    this.dispatcher = options.dispatcher ?? makeAgent(this.timeouts);
    this.logger = options.logger;
    this.tokens = new TokenKeeper(options.tokenStore, () => this.getToken());
  }

  /** Closes the connection pool if the client created it. */
  async close(): Promise<void> {
    if (!this.ownsDispatcher || this.closed) return;
    this.closed = true;
    await this.dispatcher.close();
  }

  // ------------------------------------------------------------------ authentication (A1)

  /**
   * GET /api/v1/get_token: a new token from FeedAMP. Each call makes one more active token
   * (at most 100 per account) — the client calls this itself only when it has none or the
   * one it has is refused; use signIn() to replace the stored token on purpose.
   */
  async getToken(options: CallOptions = {}): Promise<string> {
    return this.call({
      method: 'GET',
      path: '/api/v1/get_token',
      schema: S.TokenResponse,
      budget: 'read',
      what: 'sign-in route',
      tokenCall: true,
      signal: options.signal,
    }).then((r) => r.token);
  }

  /** Fetches a fresh token and stores it, replacing the current one. */
  async signIn(): Promise<void> {
    await this.tokens.refresh(await this.tokens.get().catch(() => undefined));
  }

  // ------------------------------------------------------------------ orders (O1–O4)

  /** GET /api/v2/orders — one page. */
  async listOrders(query: S.OrdersQuery = {}, options: CallOptions = {}): Promise<S.OrderList> {
    const q = validInput(S.OrdersQuery, query, 'orders filter');
    return this.call({
      method: 'GET',
      path: '/api/v2/orders',
      query: toSearchParams(q),
      schema: S.OrderList,
      budget: 'list',
      what: 'orders list',
      signal: options.signal,
    });
  }

  /** Every page of GET /api/v2/orders, following next_cursor. */
  iterateOrderPages(
    query: S.OrdersQuery = {},
    options: CallOptions = {},
  ): AsyncGenerator<S.OrderList, void, undefined> {
    return paginate(
      (cursor) => this.listOrders(cursor === undefined ? query : { ...query, cursor }, options),
      (page) => ({ items: page.orders, nextCursor: page.next_cursor }),
      query.cursor,
      'GET /api/v2/orders',
    );
  }

  /** Every order matching `query`, page after page. */
  async *iterateOrders(
    query: S.OrdersQuery = {},
    options: CallOptions = {},
  ): AsyncGenerator<S.Order, void, undefined> {
    for await (const page of this.iterateOrderPages(query, options)) yield* page.orders;
  }

  /**
   * GET /api/v2/orders — one page, each order checked on its own: a malformed order is
   * returned in `rejected` (with its id and the bad field) instead of failing the page, so a
   * sync can go on and report it. The envelope itself must still match.
   */
  async listOrdersLenient(
    query: S.OrdersQuery = {},
    options: CallOptions = {},
  ): Promise<S.LenientOrderPage> {
    const q = validInput(S.OrdersQuery, query, 'orders filter');
    const raw = await this.call({
      method: 'GET',
      path: '/api/v2/orders',
      query: toSearchParams(q),
      schema: S.RawOrderList,
      budget: 'list',
      what: 'orders list',
      signal: options.signal,
    });
    const { valid: orders, rejected } = checkEach(raw.orders, S.Order, 'orders');
    return { orders, rejected, next_cursor: raw.next_cursor };
  }

  /** Every page of GET /api/v2/orders, each order checked on its own (see listOrdersLenient). */
  iterateLenientOrderPages(
    query: S.OrdersQuery = {},
    options: CallOptions = {},
  ): AsyncGenerator<S.LenientOrderPage, void, undefined> {
    return paginate(
      (cursor) =>
        this.listOrdersLenient(cursor === undefined ? query : { ...query, cursor }, options),
      // A page of only rejected orders is not the end of the list.
      (page) => ({ items: [...page.orders, ...page.rejected], nextCursor: page.next_cursor }),
      query.cursor,
      'GET /api/v2/orders',
    );
  }

  /** GET /api/v2/orders/{order-id} */
  async getOrder(
    orderId: string,
    options: CallOptions & { includeRawData?: boolean } = {},
  ): Promise<S.Order> {
    const query = new URLSearchParams();
    if (options.includeRawData !== undefined)
      query.set('include_raw_data', String(options.includeRawData));
    return this.call({
      method: 'GET',
      path: `/api/v2/orders/${encodeId(orderId, 'order id')}`,
      query,
      schema: S.Order,
      budget: 'read',
      what: 'order',
      signal: options.signal,
    });
  }

  /** POST /api/v2/orders/{order-id}/confirm — succeeds once per order. */
  async confirmOrder(
    orderId: string,
    input: S.ConfirmOrderInput = {},
    options: CallOptions = {},
  ): Promise<S.ConfirmOrderResponse> {
    return this.call({
      method: 'POST',
      path: `/api/v2/orders/${encodeId(orderId, 'order id')}/confirm`,
      body: validInput(S.ConfirmOrderInput, input, 'confirmation'),
      schema: S.ConfirmOrderResponse,
      budget: 'write',
      what: 'order',
      signal: options.signal,
    });
  }

  /** POST /api/v2/orders/{order-id}/run-operation?op=… (e.g. `acknowledge`). */
  async runOrderOperation(
    orderId: string,
    op: string,
    body: Record<string, unknown> = {},
    options: CallOptions = {},
  ): Promise<S.OperationResult> {
    return this.call({
      method: 'POST',
      path: `/api/v2/orders/${encodeId(orderId, 'order id')}/run-operation`,
      query: new URLSearchParams({ op: validInput(S.OperationName, op, 'operation') }),
      body: validInput(S.OperationBody, body, 'operation body'),
      schema: S.OperationResult,
      budget: 'write',
      what: 'order',
      signal: options.signal,
    });
  }

  // ------------------------------------------------------------------ fulfillment requests (R3)

  // Only R3 is here: the docs name a search route (R1) and a per-order list (R2) but their
  // paths, filters and envelopes were never documented, and guessing a path
  // would fail only in production.

  /** GET /api/v2/orders/{order-id}/fulfillment_requests/{fulfillment-request-id} */
  async getFulfillmentRequest(
    orderId: string,
    fulfillmentRequestId: string,
    options: CallOptions = {},
  ): Promise<S.FulfillmentRequest> {
    return this.call({
      method: 'GET',
      path: `/api/v2/orders/${encodeId(orderId, 'order id')}/fulfillment_requests/${encodeId(fulfillmentRequestId, 'fulfillment request id')}`,
      schema: S.FulfillmentRequest,
      budget: 'read',
      what: 'fulfillment request',
      quoteIntegerKeys: ['order_id'],
      signal: options.signal,
    });
  }

  // ------------------------------------------------- fulfillments (F1–F5), cancellations (C1–C5)
  // Twins: each method is its row of RECORD_ENDPOINTS (below the class).

  /** GET /api/v2/orders/{order-id}/fulfillments (filters: tracking_number, carrier). */
  async listFulfillments(
    orderId: string,
    query: S.FulfillmentsQuery = {},
    options: CallOptions = {},
  ): Promise<S.Fulfillment[]> {
    const q = validInput(S.FulfillmentsQuery, query, 'fulfillments filter');
    const list = await this.invoke(RECORD_ENDPOINTS.listFulfillments, [orderId], options, {
      query: toSearchParams(q),
    });
    return list.fulfillments;
  }

  /** POST /api/v2/orders/{order-id}/fulfillments — never retried by the client. */
  createFulfillment(orderId: string, input: S.FulfillmentInput, options: CallOptions = {}) {
    return this.invoke(RECORD_ENDPOINTS.createFulfillment, [orderId], options, { input });
  }

  /** GET /api/v2/orders/{order-id}/fulfillments/{fulfillment-id} */
  getFulfillment(orderId: string, fulfillmentId: string, options: CallOptions = {}) {
    return this.invoke(RECORD_ENDPOINTS.getFulfillment, [orderId, fulfillmentId], options);
  }

  /** PUT /api/v2/orders/{order-id}/fulfillments/{fulfillment-id} — a full replacement. */
  updateFulfillment(
    orderId: string,
    fulfillmentId: string,
    input: S.FulfillmentInput,
    options: CallOptions = {},
  ) {
    return this.invoke(RECORD_ENDPOINTS.updateFulfillment, [orderId, fulfillmentId], options, {
      input,
    });
  }

  /** DELETE /api/v2/orders/{order-id}/fulfillments/{fulfillment-id} */
  async deleteFulfillment(
    orderId: string,
    fulfillmentId: string,
    options: CallOptions = {},
  ): Promise<void> {
    await this.invoke(RECORD_ENDPOINTS.deleteFulfillment, [orderId, fulfillmentId], options);
  }

  /** GET /api/v2/orders/{order-id}/cancellations */
  async listCancellations(orderId: string, options: CallOptions = {}): Promise<S.Cancellation[]> {
    return (await this.invoke(RECORD_ENDPOINTS.listCancellations, [orderId], options))
      .cancellations;
  }

  /** POST /api/v2/orders/{order-id}/cancellations — never retried by the client. */
  createCancellation(orderId: string, input: S.CancellationInput, options: CallOptions = {}) {
    return this.invoke(RECORD_ENDPOINTS.createCancellation, [orderId], options, { input });
  }

  /** GET /api/v2/orders/{order-id}/cancellations/{cancellation-id} */
  getCancellation(orderId: string, cancellationId: string, options: CallOptions = {}) {
    return this.invoke(RECORD_ENDPOINTS.getCancellation, [orderId, cancellationId], options);
  }

  /** PUT /api/v2/orders/{order-id}/cancellations/{cancellation-id} — both fields required. */
  updateCancellation(
    orderId: string,
    cancellationId: string,
    input: S.CancellationInput,
    options: CallOptions = {},
  ) {
    return this.invoke(RECORD_ENDPOINTS.updateCancellation, [orderId, cancellationId], options, {
      input,
    });
  }

  /** DELETE /api/v2/orders/{order-id}/cancellations/{cancellation-id} */
  async deleteCancellation(
    orderId: string,
    cancellationId: string,
    options: CallOptions = {},
  ): Promise<void> {
    await this.invoke(RECORD_ENDPOINTS.deleteCancellation, [orderId, cancellationId], options);
  }

  /** One call of a table row: ids into its path template, the input checked before sending. */
  // async: a bad id or input is a rejected promise, like every other failure of a call.
  private async invoke<I, O>(
    endpoint: Endpoint<I, O>,
    ids: readonly string[],
    options: CallOptions,
    extra: { input?: I; query?: URLSearchParams } = {},
  ): Promise<O> {
    let i = 0;
    const path = endpoint.path.replace(/\{([a-z]+)\}/g, (_, name: string) =>
      encodeId(ids[i++] ?? '', `${name} id`),
    );
    return this.call({
      method: endpoint.method,
      path,
      query: extra.query,
      body:
        endpoint.input && endpoint.inputName
          ? validInput(endpoint.input, extra.input, endpoint.inputName)
          : undefined,
      schema: endpoint.output,
      budget: endpoint.budget,
      what: endpoint.what,
      retries: endpoint.retries,
      signal: options.signal,
    });
  }

  // ------------------------------------------------------------------ order refunds (D1–D3)

  /** POST /api/v2/orders/{order-id}/refunds — cp_refund_number must be unique forever. */
  async createOrderRefund(
    orderId: string,
    input: S.RefundInput,
    options: CallOptions = {},
  ): Promise<S.Refund> {
    return this.call({
      method: 'POST',
      path: `/api/v2/orders/${encodeId(orderId, 'order id')}/refunds`,
      body: validInput(S.RefundInput, input, 'refund'),
      schema: S.Refund,
      budget: 'write',
      what: 'order',
      signal: options.signal,
    });
  }

  /** GET /api/v2/orders/{order-id}/refunds — reads `refunds`, or the documented `cancellations`. */
  async listOrderRefunds(orderId: string, options: CallOptions = {}): Promise<S.Refund[]> {
    const list = await this.call({
      method: 'GET',
      path: `/api/v2/orders/${encodeId(orderId, 'order id')}/refunds`,
      schema: S.RefundList,
      budget: 'read',
      what: 'order',
      signal: options.signal,
    });
    return list.refunds ?? list.cancellations ?? [];
  }

  /** GET /api/v2/orders/{order-id}/refunds/{refund-id} */
  async getOrderRefund(
    orderId: string,
    refundId: string,
    options: CallOptions = {},
  ): Promise<S.Refund> {
    return this.call({
      method: 'GET',
      path: `/api/v2/orders/${encodeId(orderId, 'order id')}/refunds/${encodeId(refundId, 'refund id')}`,
      schema: S.Refund,
      budget: 'read',
      what: 'refund',
      signal: options.signal,
    });
  }

  // ------------------------------------------------------------------ returns (T1–T4)

  /** GET /api/v2/returns — one page. */
  async listReturns(query: S.ReturnsQuery = {}, options: CallOptions = {}): Promise<S.ReturnList> {
    const q = validInput(S.ReturnsQuery, query, 'returns filter');
    return this.call({
      method: 'GET',
      path: '/api/v2/returns',
      query: toSearchParams(q),
      schema: S.ReturnList,
      budget: 'list',
      what: 'returns list',
      signal: options.signal,
    });
  }

  /** GET /api/v2/returns — one page, each return checked on its own (see listOrdersLenient). */
  async listReturnsLenient(
    query: S.ReturnsQuery = {},
    options: CallOptions = {},
  ): Promise<S.LenientReturnPage> {
    const q = validInput(S.ReturnsQuery, query, 'returns filter');
    const raw = await this.call({
      method: 'GET',
      path: '/api/v2/returns',
      query: toSearchParams(q),
      schema: S.RawReturnList,
      budget: 'list',
      what: 'returns list',
      signal: options.signal,
    });
    const { valid: returns, rejected } = checkEach(raw.returns, S.Return, 'returns');
    return { returns, rejected, next_cursor: raw.next_cursor };
  }

  /** Every page of GET /api/v2/returns, each return checked on its own. */
  iterateLenientReturnPages(
    query: S.ReturnsQuery = {},
    options: CallOptions = {},
  ): AsyncGenerator<S.LenientReturnPage, void, undefined> {
    return paginate(
      (cursor) =>
        this.listReturnsLenient(cursor === undefined ? query : { ...query, cursor }, options),
      (page) => ({ items: [...page.returns, ...page.rejected], nextCursor: page.next_cursor }),
      query.cursor,
      'GET /api/v2/returns',
    );
  }

  iterateReturnPages(
    query: S.ReturnsQuery = {},
    options: CallOptions = {},
  ): AsyncGenerator<S.ReturnList, void, undefined> {
    return paginate(
      (cursor) => this.listReturns(cursor === undefined ? query : { ...query, cursor }, options),
      (page) => ({ items: page.returns, nextCursor: page.next_cursor }),
      query.cursor,
      'GET /api/v2/returns',
    );
  }

  async *iterateReturns(
    query: S.ReturnsQuery = {},
    options: CallOptions = {},
  ): AsyncGenerator<S.Return, void, undefined> {
    for await (const page of this.iterateReturnPages(query, options)) yield* page.returns;
  }

  /** GET /api/v2/returns/{return-id} */
  async getReturn(
    returnId: string,
    options: CallOptions & { includeOrder?: boolean } = {},
  ): Promise<S.Return> {
    const query = new URLSearchParams();
    if (options.includeOrder !== undefined)
      query.set('include_order', String(options.includeOrder));
    return this.call({
      method: 'GET',
      path: `/api/v2/returns/${encodeId(returnId, 'return id')}`,
      query,
      schema: S.Return,
      budget: 'read',
      what: 'return',
      signal: options.signal,
    });
  }

  /** POST /api/v2/returns/{return-id}/refunds — never retried by the client. */
  async refundReturn(
    returnId: string,
    input: S.ReturnRefundInput,
    options: CallOptions = {},
  ): Promise<S.ReturnRefund> {
    return this.call({
      method: 'POST',
      path: `/api/v2/returns/${encodeId(returnId, 'return id')}/refunds`,
      body: validInput(S.ReturnRefundInput, input, 'return refund'),
      schema: S.ReturnRefund,
      budget: 'write',
      what: 'return',
      signal: options.signal,
    });
  }

  /** POST /api/v2/returns/{return-id}/run-operation?op=… (e.g. `process`). */
  async runReturnOperation(
    returnId: string,
    op: string,
    body: Record<string, unknown> = {},
    options: CallOptions = {},
  ): Promise<S.OperationResult> {
    return this.call({
      method: 'POST',
      path: `/api/v2/returns/${encodeId(returnId, 'return id')}/run-operation`,
      query: new URLSearchParams({ op: validInput(S.OperationName, op, 'operation') }),
      body: validInput(S.OperationBody, body, 'operation body'),
      schema: S.OperationResult,
      budget: 'write',
      what: 'return',
      signal: options.signal,
    });
  }

  // ------------------------------------------------------------------ the shared call path

  private headersFor(token: string | undefined, hasBody: boolean): Record<string, string> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': 'Packline',
    };
    if (hasBody) headers['content-type'] = 'application/json';
    if (token === undefined) {
      headers.authorization = this.basicAuth;
    } else {
      headers.token = token;
      headers.client = this.clientId;
      if (this.sendBasicAuthOnV2) headers.authorization = this.basicAuth;
    }
    return headers;
  }

  private async call<T>(spec: CallSpec<T>): Promise<T> {
    const deadlineMs = spec.budget === 'list' ? this.timeouts.listCallMs : this.timeouts.callMs;
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), deadlineMs);
    const callerSignals = [spec.signal, this.lifetime].filter(
      (s): s is AbortSignal => s !== undefined,
    );
    const signal = AbortSignal.any([...callerSignals, deadline.signal]);
    try {
      return await this.attempts(spec, signal, Date.now() + deadlineMs, () =>
        callerSignals.some((s) => s.aborted) ? undefined : deadlineMs,
      );
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Attempts until one answers, or the outcome says to stop (see outcome.ts).
   * @param signal fires on the caller's abort, the client's (Sign out) or the deadline
   * @param deadlineAt wall-clock time the deadline fires
   * @param deadlineHit the deadline in ms when it (and not a caller) stopped the call
   */
  private async attempts<T>(
    spec: CallSpec<T>,
    signal: AbortSignal,
    deadlineAt: number,
    deadlineHit: () => number | undefined,
  ): Promise<T> {
    const { method } = spec;
    const search = spec.query && [...spec.query.keys()].length ? `?${spec.query.toString()}` : '';
    const label = `${method} ${spec.path}`;
    const request = {
      url: `${this.baseUrl}${spec.path}${search}`,
      label,
      bodyText: spec.body === undefined ? undefined : JSON.stringify(spec.body),
    };
    const started = this.now();
    let attempt = 0;
    let refreshedAfter401 = false;
    // True once a request that changes something may have reached FeedAMP.
    let writeMayHaveLanded = false;

    const aborted = (): FeedampError => {
      const ms = deadlineHit();
      if (ms !== undefined) {
        this.logger?.warn?.('feedamp call deadline', { request: label, deadlineMs: ms, attempt });
        return new DeadlineError(ms, writeMayHaveLanded, {
          request: label,
          detail: `${label} did not finish within its ${ms} ms deadline (attempt ${attempt})`,
        });
      }
      return new AbortedError(writeMayHaveLanded, {
        request: label,
        detail: `${label} aborted by caller`,
      });
    };
    /** Waits for `work`, turning an abort into the call's own error. */
    const orAborted = async <R>(work: () => Promise<R>): Promise<R> => {
      try {
        return await work();
      } catch (e) {
        if (signal.aborted) throw aborted();
        throw e;
      }
    };

    for (;;) {
      if (signal.aborted) throw aborted();
      attempt += 1;
      const token = spec.tokenCall
        ? undefined
        : await orAborted(() => untilAborted(this.tokens.get(), signal));
      const budget = this.budgets[spec.budget];
      await orAborted(() => budget.acquire(signal));

      const result = await this.attempt(spec, request, token, signal, attempt);
      if (result === 'aborted') {
        if (method !== 'GET') writeMayHaveLanded = true;
        throw aborted();
      }
      const { outcome } = result;
      if (method !== 'GET' && (outcome.kind === 'answered' || outcome.sent === 'maybe_sent'))
        writeMayHaveLanded = true;
      if (outcome.kind === 'answered' && outcome.status === 429) {
        // Everyone sharing the bucket waits, not only this caller, and the bucket slows down.
        budget.rateLimited(retryAfterOf(outcome, this.now()));
      }
      const verdict = classifyOutcome(outcome, {
        retries: spec.retries ?? method !== 'POST',
        label,
        what: spec.what,
        tokenCall: spec.tokenCall === true,
        username: this.username,
        clientId: this.clientId,
        attempt,
        refreshedAfter401,
        retry: this.retry,
        nowMs: this.now(),
        elapsedMs: this.now() - started,
        untilDeadlineMs: deadlineAt - Date.now(),
      });
      this.logOutcome(label, attempt, outcome);
      switch (verdict.next) {
        case 'parse':
          return this.parse(spec, result.res!, label);
        case 'refresh_token':
          refreshedAfter401 = true;
          attempt -= 1;
          this.logger?.info?.('feedamp token refused; refreshing', { request: label });
          await this.tokens.refresh(token);
          continue;
        case 'retry':
          await orAborted(() => this.sleep(verdict.delayMs, signal));
          continue;
        case 'fail':
          throw verdict.error;
      }
    }
  }

  /**
   * One request and its answer, read within the size caps. An answer over its cap is a
   * ResponseTooLargeError at once (a success status: the request was handled).
   */
  private async attempt(
    spec: CallSpec<unknown>,
    request: { url: string; label: string; bodyText: string | undefined },
    token: string | undefined,
    signal: AbortSignal,
    attempt: number,
  ): Promise<'aborted' | { outcome: AttemptOutcome; res?: HttpResponse }> {
    const { label } = request;
    const sentAt = this.now();
    let res: HttpResponse;
    try {
      res = await send(
        this.dispatcher,
        this.timeouts,
        {
          method: spec.method,
          url: request.url,
          headers: this.headersFor(token, request.bodyText !== undefined),
          body: request.bodyText,
          signal,
        },
        {
          successBytes: spec.budget === 'list' ? this.limits.listBytes : this.limits.recordBytes,
          errorBytes: this.limits.errorBytes,
        },
      );
    } catch (e) {
      if (e instanceof ResponseOversize) {
        this.logger?.warn?.('feedamp answer too large', {
          request: label,
          status: e.status,
          limitBytes: e.limitBytes,
          seenBytes: e.seenBytes,
        });
        throw new ResponseTooLargeError(e.limitBytes, {
          request: label,
          status: e.status,
          detail: `${label} → ${e.status} with a body over ${e.limitBytes} bytes (stopped after ${e.seenBytes}); not read further`,
        });
      }
      if (!(e instanceof TransportFailure)) throw e;
      if (e.kind === 'aborted') return 'aborted';
      return {
        outcome: {
          kind: 'transport',
          sent: e.kind,
          errorCode: e.errorCode,
          cause: e.cause,
          ms: this.now() - sentAt,
        },
      };
    }
    this.logger?.debug?.('feedamp response', {
      request: label,
      status: res.status,
      ms: this.now() - sentAt,
      attempt,
    });
    const ok = res.status >= 200 && res.status < 300;
    return {
      res,
      outcome: {
        kind: 'answered',
        status: res.status,
        retryAfter: res.headers['retry-after'],
        errorBody: ok ? undefined : this.tryJson(res.text),
        truncated: res.truncated,
      },
    };
  }

  private logOutcome(label: string, attempt: number, outcome: AttemptOutcome): void {
    if (outcome.kind === 'transport') {
      this.logger?.warn?.('feedamp transport failure', {
        request: label,
        attempt,
        code: outcome.errorCode,
        kind: outcome.sent,
      });
    } else if (outcome.status === 429) {
      this.logger?.warn?.('feedamp rate limited', {
        request: label,
        retryAfterMs: retryAfterOf(outcome, this.now()),
        attempt,
      });
    } else if (outcome.status >= 500) {
      this.logger?.warn?.('feedamp server error', {
        request: label,
        status: outcome.status,
        attempt,
      });
    }
  }

  private tryJson(text: string): unknown {
    if (!text) return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      // An HTML page or a stack trace: kept whole for the log; ValidationError cleans what
      // reaches the screen.
      return text.slice(0, 4_000);
    }
  }

  private parse<T>(spec: CallSpec<T>, res: HttpResponse, label: string): T {
    if (spec.schema === null) return undefined as T;
    const text = spec.quoteIntegerKeys ? quoteIntegers(res.text, spec.quoteIntegerKeys) : res.text;
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
    const parsed = spec.schema.safeParse(json);
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
}

/** One endpoint as a row: what the client sends, what it expects back, and its policies. */
interface Endpoint<I, O> {
  method: Method;
  /** `{name}` segments take the ids in order, checked as FeedAMP ids. */
  path: string;
  /** Checked before sending: a failure is reported without sending anything. */
  input?: z.ZodType<I> | undefined;
  inputName?: string | undefined;
  /** null: the body of a success is ignored (DELETE). */
  output: z.ZodType<O> | null;
  budget: keyof Budgets;
  /** Resource name for a 404. */
  what: string;
  /** May the client send it again by itself (a POST never: the outbox decides). */
  retries: boolean;
}

/** The five record endpoints below an order, for one kind of record. */
function recordEndpoints<I, R, L>(
  segment: string,
  what: string,
  input: z.ZodType<I>,
  record: z.ZodType<R>,
  list: z.ZodType<L>,
) {
  const all = `/api/v2/orders/{order}/${segment}`;
  const one = `${all}/{${what}}`;
  const row = <In, Out>(e: Endpoint<In, Out>) => e;
  return {
    list: row({
      method: 'GET',
      path: all,
      output: list,
      budget: 'read',
      what: 'order',
      retries: true,
    }),
    create: row({
      method: 'POST',
      path: all,
      input,
      inputName: what,
      output: record,
      budget: 'write',
      what: 'order',
      retries: false,
    }),
    get: row({ method: 'GET', path: one, output: record, budget: 'read', what, retries: true }),
    update: row({
      method: 'PUT',
      path: one,
      input,
      inputName: what,
      output: record,
      budget: 'write',
      what,
      retries: true,
    }),
    delete: row({
      method: 'DELETE',
      path: one,
      output: null,
      budget: 'write',
      what,
      retries: true,
    }),
  };
}

const FULFILLMENTS = recordEndpoints(
  'fulfillments',
  'fulfillment',
  S.FulfillmentInput,
  S.Fulfillment,
  S.FulfillmentList,
);
const CANCELLATIONS = recordEndpoints(
  'cancellations',
  'cancellation',
  S.CancellationInput,
  S.Cancellation,
  S.CancellationList,
);

export const RECORD_ENDPOINTS = {
  listFulfillments: FULFILLMENTS.list,
  createFulfillment: FULFILLMENTS.create,
  getFulfillment: FULFILLMENTS.get,
  updateFulfillment: FULFILLMENTS.update,
  deleteFulfillment: FULFILLMENTS.delete,
  listCancellations: CANCELLATIONS.list,
  createCancellation: CANCELLATIONS.create,
  getCancellation: CANCELLATIONS.get,
  updateCancellation: CANCELLATIONS.update,
  deleteCancellation: CANCELLATIONS.delete,
} as const;

/** Resolves like `work`, or rejects once `signal` fires (the work itself goes on for others). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error as Error);
      },
    );
  });
}

export { FeedampError };
