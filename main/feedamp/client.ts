// FeedampClient: one typed method per FeedAMP endpoint. Each method is a row of the endpoint
// table (routes.ts) called through the policies every call shares (connection.ts) — token reuse
// and one shared refresh, rate budgets, retries of safe calls only, typed errors.
import type { ClockReading } from './clock-check.js';
import type { ListTurn } from './rate-budget.js';
import { checkEach } from './answers.js';
import { FeedampConnection } from './connection.js';
import { callEndpoint, type Endpoint } from './endpoint.js';
import type { CallOptions, FeedampClientOptions } from './options.js';
import { pagesOf } from './pagination.js';
import { ROUTES } from './routes.js';
import * as S from './schemas.js';

export type { FeedampClientOptions } from './options.js';

export class FeedampClient {
  private readonly connection: FeedampConnection;

  constructor(options: FeedampClientOptions) {
    this.connection = new FeedampConnection(options, () => this.getToken());
  }

  /** Closes the connection pool if the client created it. */
  async close(): Promise<void> {
    await this.connection.close();
  }

  /** Takes another turn on the shared account (its list budget is the account's, in process). */
  setListTurn(turn: ListTurn | undefined): void {
    this.connection.budgets.list.setTurn(turn);
  }

  /** When FeedAMP last answered a list request of this account with 429 (epoch ms), if ever. */
  listRateLimitedAt(): number | undefined {
    return this.connection.budgets.list.rateLimitedAt();
  }

  /** What FeedAMP's answers so far say about this PC's clock (stations' turns rely on it). */
  clockReading(): ClockReading {
    return this.connection.clockCheck.reading();
  }

  // ------------------------------------------------------------------ authentication (A1)

  /**
   * GET /api/v1/get_token: a new token from FeedAMP. Each call makes one more active token
   * (at most 100 per account) — the client calls this itself only when it has none or the
   * one it has is refused; use signIn() to replace the stored token on purpose.
   */
  async getToken(options: CallOptions = {}): Promise<string> {
    return (await this.invoke(ROUTES.getToken, [], options)).token;
  }

  /** Fetches a fresh token and stores it, replacing the current one. */
  async signIn(): Promise<void> {
    const { tokens } = this.connection;
    await tokens.refresh(await tokens.get().catch(() => undefined));
  }

  // ------------------------------------------------------------------ orders (O1–O4)

  /** GET /api/v2/orders — one page. */
  async listOrders(query: S.OrdersQuery = {}, options: CallOptions = {}): Promise<S.OrderList> {
    return this.invoke(ROUTES.listOrders, [], options, { query });
  }

  /** Every page of GET /api/v2/orders, following next_cursor. */
  iterateOrderPages(
    query: S.OrdersQuery = {},
    options: CallOptions = {},
  ): AsyncGenerator<S.OrderList, void, undefined> {
    return pagesOf(
      (q) => this.listOrders(q, options),
      query,
      (page) => ({ items: page.orders, nextCursor: page.next_cursor }),
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
    const raw = await this.invoke(ROUTES.listRawOrders, [], options, { query });
    const { valid: orders, rejected } = checkEach(raw.orders, S.Order, 'orders');
    return { orders, rejected, next_cursor: raw.next_cursor };
  }

  /** Every page of GET /api/v2/orders, each order checked on its own (see listOrdersLenient). */
  iterateLenientOrderPages(
    query: S.OrdersQuery = {},
    options: CallOptions = {},
  ): AsyncGenerator<S.LenientOrderPage, void, undefined> {
    return pagesOf(
      (q) => this.listOrdersLenient(q, options),
      query,
      // A page of only rejected orders is not the end of the list.
      (page) => ({ items: [...page.orders, ...page.rejected], nextCursor: page.next_cursor }),
      'GET /api/v2/orders',
    );
  }

  /** GET /api/v2/orders/{order-id} */
  async getOrder(
    orderId: string,
    options: CallOptions & { includeRawData?: boolean } = {},
  ): Promise<S.Order> {
    const query = { include_raw_data: options.includeRawData };
    return this.invoke(ROUTES.getOrder, [orderId], options, { query });
  }

  /** POST /api/v2/orders/{order-id}/confirm — succeeds once per order. */
  async confirmOrder(
    orderId: string,
    input: S.ConfirmOrderInput = {},
    options: CallOptions = {},
  ): Promise<S.ConfirmOrderResponse> {
    return this.invoke(ROUTES.confirmOrder, [orderId], options, { body: input });
  }

  /** POST /api/v2/orders/{order-id}/run-operation?op=… (e.g. `acknowledge`). */
  async runOrderOperation(
    orderId: string,
    op: string,
    body: Record<string, unknown> = {},
    options: CallOptions = {},
  ): Promise<S.OperationResult> {
    return this.invoke(ROUTES.runOrderOperation, [orderId], options, { query: op, body });
  }

  // ------------------------------------------------------------------ fulfillment requests (R3)

  /** GET /api/v2/orders/{order-id}/fulfillment_requests/{fulfillment-request-id} */
  async getFulfillmentRequest(
    orderId: string,
    fulfillmentRequestId: string,
    options: CallOptions = {},
  ): Promise<S.FulfillmentRequest> {
    return this.invoke(ROUTES.getFulfillmentRequest, [orderId, fulfillmentRequestId], options);
  }

  // ------------------------------------------------- fulfillments (F1–F5), cancellations (C1–C5)

  /** GET /api/v2/orders/{order-id}/fulfillments (filters: tracking_number, carrier). */
  async listFulfillments(
    orderId: string,
    query: S.FulfillmentsQuery = {},
    options: CallOptions = {},
  ): Promise<S.Fulfillment[]> {
    return (await this.invoke(ROUTES.listFulfillments, [orderId], options, { query })).fulfillments;
  }

  /** POST /api/v2/orders/{order-id}/fulfillments — never retried by the client. */
  async createFulfillment(
    orderId: string,
    input: S.FulfillmentInput,
    options: CallOptions = {},
  ): Promise<S.Fulfillment> {
    return this.invoke(ROUTES.createFulfillment, [orderId], options, { body: input });
  }

  /** GET /api/v2/orders/{order-id}/fulfillments/{fulfillment-id} */
  async getFulfillment(
    orderId: string,
    fulfillmentId: string,
    options: CallOptions = {},
  ): Promise<S.Fulfillment> {
    return this.invoke(ROUTES.getFulfillment, [orderId, fulfillmentId], options);
  }

  /** PUT /api/v2/orders/{order-id}/fulfillments/{fulfillment-id} — a full replacement. */
  async updateFulfillment(
    orderId: string,
    fulfillmentId: string,
    input: S.FulfillmentInput,
    options: CallOptions = {},
  ): Promise<S.Fulfillment> {
    const ids = [orderId, fulfillmentId];
    return this.invoke(ROUTES.updateFulfillment, ids, options, { body: input });
  }

  /** DELETE /api/v2/orders/{order-id}/fulfillments/{fulfillment-id} */
  async deleteFulfillment(
    orderId: string,
    fulfillmentId: string,
    options: CallOptions = {},
  ): Promise<void> {
    await this.invoke(ROUTES.deleteFulfillment, [orderId, fulfillmentId], options);
  }

  /** GET /api/v2/orders/{order-id}/cancellations */
  async listCancellations(orderId: string, options: CallOptions = {}): Promise<S.Cancellation[]> {
    return (await this.invoke(ROUTES.listCancellations, [orderId], options)).cancellations;
  }

  /** POST /api/v2/orders/{order-id}/cancellations — never retried by the client. */
  async createCancellation(
    orderId: string,
    input: S.CancellationInput,
    options: CallOptions = {},
  ): Promise<S.Cancellation> {
    return this.invoke(ROUTES.createCancellation, [orderId], options, { body: input });
  }

  /** GET /api/v2/orders/{order-id}/cancellations/{cancellation-id} */
  async getCancellation(
    orderId: string,
    cancellationId: string,
    options: CallOptions = {},
  ): Promise<S.Cancellation> {
    return this.invoke(ROUTES.getCancellation, [orderId, cancellationId], options);
  }

  /** PUT /api/v2/orders/{order-id}/cancellations/{cancellation-id} — both fields required. */
  async updateCancellation(
    orderId: string,
    cancellationId: string,
    input: S.CancellationInput,
    options: CallOptions = {},
  ): Promise<S.Cancellation> {
    const ids = [orderId, cancellationId];
    return this.invoke(ROUTES.updateCancellation, ids, options, { body: input });
  }

  /** DELETE /api/v2/orders/{order-id}/cancellations/{cancellation-id} */
  async deleteCancellation(
    orderId: string,
    cancellationId: string,
    options: CallOptions = {},
  ): Promise<void> {
    await this.invoke(ROUTES.deleteCancellation, [orderId, cancellationId], options);
  }

  // ------------------------------------------------------------------ order refunds (D1–D3)

  /** POST /api/v2/orders/{order-id}/refunds — cp_refund_number must be unique forever. */
  async createOrderRefund(
    orderId: string,
    input: S.RefundInput,
    options: CallOptions = {},
  ): Promise<S.Refund> {
    return this.invoke(ROUTES.createOrderRefund, [orderId], options, { body: input });
  }

  /** GET /api/v2/orders/{order-id}/refunds — reads `refunds`, or the documented `cancellations`. */
  async listOrderRefunds(orderId: string, options: CallOptions = {}): Promise<S.Refund[]> {
    const list = await this.invoke(ROUTES.listOrderRefunds, [orderId], options);
    return list.refunds ?? list.cancellations ?? [];
  }

  /** GET /api/v2/orders/{order-id}/refunds/{refund-id} */
  async getOrderRefund(
    orderId: string,
    refundId: string,
    options: CallOptions = {},
  ): Promise<S.Refund> {
    return this.invoke(ROUTES.getOrderRefund, [orderId, refundId], options);
  }

  // ------------------------------------------------------------------ returns (T1–T4)

  /** GET /api/v2/returns — one page. */
  async listReturns(query: S.ReturnsQuery = {}, options: CallOptions = {}): Promise<S.ReturnList> {
    return this.invoke(ROUTES.listReturns, [], options, { query });
  }

  /** GET /api/v2/returns — one page, each return checked on its own (see listOrdersLenient). */
  async listReturnsLenient(
    query: S.ReturnsQuery = {},
    options: CallOptions = {},
  ): Promise<S.LenientReturnPage> {
    const raw = await this.invoke(ROUTES.listRawReturns, [], options, { query });
    const { valid: returns, rejected } = checkEach(raw.returns, S.Return, 'returns');
    return { returns, rejected, next_cursor: raw.next_cursor };
  }

  /** Every page of GET /api/v2/returns, each return checked on its own. */
  iterateLenientReturnPages(
    query: S.ReturnsQuery = {},
    options: CallOptions = {},
  ): AsyncGenerator<S.LenientReturnPage, void, undefined> {
    return pagesOf(
      (q) => this.listReturnsLenient(q, options),
      query,
      (page) => ({ items: [...page.returns, ...page.rejected], nextCursor: page.next_cursor }),
      'GET /api/v2/returns',
    );
  }

  iterateReturnPages(
    query: S.ReturnsQuery = {},
    options: CallOptions = {},
  ): AsyncGenerator<S.ReturnList, void, undefined> {
    return pagesOf(
      (q) => this.listReturns(q, options),
      query,
      (page) => ({ items: page.returns, nextCursor: page.next_cursor }),
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
    const query = { include_order: options.includeOrder };
    return this.invoke(ROUTES.getReturn, [returnId], options, { query });
  }

  /** POST /api/v2/returns/{return-id}/refunds — never retried by the client. */
  async refundReturn(
    returnId: string,
    input: S.ReturnRefundInput,
    options: CallOptions = {},
  ): Promise<S.ReturnRefund> {
    return this.invoke(ROUTES.refundReturn, [returnId], options, { body: input });
  }

  /** POST /api/v2/returns/{return-id}/run-operation?op=… (e.g. `process`). */
  async runReturnOperation(
    returnId: string,
    op: string,
    body: Record<string, unknown> = {},
    options: CallOptions = {},
  ): Promise<S.OperationResult> {
    return this.invoke(ROUTES.runReturnOperation, [returnId], options, { query: op, body });
  }

  /** One call of a row of the endpoint table. */
  private invoke<Out, Body, Query>(
    endpoint: Endpoint<Out, Body, Query>,
    ids: readonly string[],
    options: CallOptions,
    sent: { body?: Body; query?: Query } = {},
  ): Promise<Out> {
    return callEndpoint(this.connection, endpoint, ids, options, sent);
  }
}
