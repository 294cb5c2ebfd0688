// Every FeedAMP endpoint the client calls, as a row (see endpoint.ts). Fulfillment requests
// have only R3: the docs name a search route (R1) and a per-order list (R2) but their paths,
// filters and envelopes were never documented, and guessing a path would fail only in
// production. A POST is never sent twice by the client itself: the outbox decides.
import type { z } from 'zod';
import { row } from './endpoint.js';
import * as S from './schemas.js';

/** The five record endpoints below an order, for one kind of record. */
function recordRoutes<Body, Out, List, ListQuery>(
  segment: string,
  what: string,
  body: z.ZodType<unknown, Body>,
  record: z.ZodType<Out>,
  list: z.ZodType<List>,
  listQuery?: { schema: z.ZodType<object, ListQuery>; name: string },
) {
  const all = `/api/v2/orders/{order}/${segment}`;
  const one = `${all}/{${what}}`;
  const input = { schema: body, name: what };
  return {
    list: row({
      method: 'GET',
      path: all,
      query: listQuery,
      output: list,
      budget: 'read',
      what: 'order',
    }),
    create: row({
      method: 'POST',
      path: all,
      body: input,
      output: record,
      budget: 'write',
      what: 'order',
    }),
    get: row({ method: 'GET', path: one, output: record, budget: 'read', what }),
    update: row({ method: 'PUT', path: one, body: input, output: record, budget: 'write', what }),
    delete: row({ method: 'DELETE', path: one, output: null, budget: 'write', what }),
  };
}

const FULFILLMENTS = recordRoutes(
  'fulfillments',
  'fulfillment',
  S.FulfillmentInput,
  S.Fulfillment,
  S.FulfillmentList,
  { schema: S.FulfillmentsQuery, name: 'fulfillments filter' },
);
const CANCELLATIONS = recordRoutes(
  'cancellations',
  'cancellation',
  S.CancellationInput,
  S.Cancellation,
  S.CancellationList,
);

const ordersFilter = { schema: S.OrdersQuery, name: 'orders filter' };
const returnsFilter = { schema: S.ReturnsQuery, name: 'returns filter' };
const operation = { schema: S.OperationQuery, name: 'operation' };
const operationBody = { schema: S.OperationBody, name: 'operation body' };

export const ROUTES = {
  // authentication (A1)
  getToken: row({
    method: 'GET',
    path: '/api/v1/get_token',
    output: S.TokenResponse,
    budget: 'read',
    what: 'sign-in route',
    tokenCall: true,
  }),

  // orders (O1–O4) and fulfillment requests (R3)
  listOrders: row({
    method: 'GET',
    path: '/api/v2/orders',
    query: ordersFilter,
    output: S.OrderList,
    budget: 'list',
    what: 'orders list',
  }),
  listRawOrders: row({
    method: 'GET',
    path: '/api/v2/orders',
    query: ordersFilter,
    output: S.RawOrderList,
    budget: 'list',
    what: 'orders list',
  }),
  getOrder: row({
    method: 'GET',
    path: '/api/v2/orders/{order}',
    query: { schema: S.GetOrderQuery, name: 'order options' },
    output: S.Order,
    budget: 'read',
    what: 'order',
  }),
  confirmOrder: row({
    method: 'POST',
    path: '/api/v2/orders/{order}/confirm',
    body: { schema: S.ConfirmOrderInput, name: 'confirmation' },
    output: S.ConfirmOrderResponse,
    budget: 'write',
    what: 'order',
  }),
  runOrderOperation: row({
    method: 'POST',
    path: '/api/v2/orders/{order}/run-operation',
    query: operation,
    body: operationBody,
    output: S.OperationResult,
    budget: 'write',
    what: 'order',
  }),
  getFulfillmentRequest: row({
    method: 'GET',
    path: '/api/v2/orders/{order}/fulfillment_requests/{fulfillment_request}',
    output: S.FulfillmentRequest,
    budget: 'read',
    what: 'fulfillment request',
    quoteIntegerKeys: ['order_id'],
  }),

  // fulfillments (F1–F5) and cancellations (C1–C5)
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

  // order refunds (D1–D3)
  createOrderRefund: row({
    method: 'POST',
    path: '/api/v2/orders/{order}/refunds',
    body: { schema: S.RefundInput, name: 'refund' },
    output: S.Refund,
    budget: 'write',
    what: 'order',
  }),
  listOrderRefunds: row({
    method: 'GET',
    path: '/api/v2/orders/{order}/refunds',
    output: S.RefundList,
    budget: 'read',
    what: 'order',
  }),
  getOrderRefund: row({
    method: 'GET',
    path: '/api/v2/orders/{order}/refunds/{refund}',
    output: S.Refund,
    budget: 'read',
    what: 'refund',
  }),

  // returns (T1–T4)
  listReturns: row({
    method: 'GET',
    path: '/api/v2/returns',
    query: returnsFilter,
    output: S.ReturnList,
    budget: 'list',
    what: 'returns list',
  }),
  listRawReturns: row({
    method: 'GET',
    path: '/api/v2/returns',
    query: returnsFilter,
    output: S.RawReturnList,
    budget: 'list',
    what: 'returns list',
  }),
  getReturn: row({
    method: 'GET',
    path: '/api/v2/returns/{return}',
    query: { schema: S.GetReturnQuery, name: 'return options' },
    output: S.Return,
    budget: 'read',
    what: 'return',
  }),
  refundReturn: row({
    method: 'POST',
    path: '/api/v2/returns/{return}/refunds',
    body: { schema: S.ReturnRefundInput, name: 'return refund' },
    output: S.ReturnRefund,
    budget: 'write',
    what: 'return',
  }),
  runReturnOperation: row({
    method: 'POST',
    path: '/api/v2/returns/{return}/run-operation',
    query: operation,
    body: operationBody,
    output: S.OperationResult,
    budget: 'write',
    what: 'return',
  }),
} as const;
