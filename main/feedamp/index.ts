// Public surface of the FeedAMP client. Nothing here imports electron or the sandbox.
export {
  FeedampClient,
  InsecureFeedampUrl,
  type CallOptions,
  type FeedampClientOptions,
  type FeedampLogger,
} from './client.js';
export * from './errors.js';
export { MemoryTokenStore, type TokenStore } from './token.js';
export {
  RateBudget,
  DEFAULT_BUDGETS,
  accountListBudget,
  type BudgetConfig,
  type Budgets,
  type BudgetsOption,
} from './rate-budget.js';
export { DEFAULT_RETRY, retryJitter, type RetryOptions } from './retry.js';
export { DEFAULT_LIMITS, DEFAULT_TIMEOUTS, type ResponseLimits, type Timeouts } from './http.js';
export { feedampUrlProblem, HTTPS_REQUIRED_SENTENCE, isLoopbackHost } from './url.js';
export { formatDateTime, parseDateTime } from './dates.js';
export { realNow, realSleep, type Now, type Sleep } from './clock.js';
export type {
  Cancellation,
  CancellationInput,
  ConfirmOrderInput,
  ConfirmOrderResponse,
  Fulfillment,
  FulfillmentInput,
  FulfillmentRequest,
  FulfillmentsQuery,
  LenientOrderPage,
  RejectedOrder,
  LineQuantityInput,
  OperationResult,
  Order,
  OrderLine,
  OrderList,
  OrdersQuery,
  Refund,
  RefundInput,
  Return,
  ReturnList,
  ReturnRefund,
  ReturnRefundInput,
  ReturnsQuery,
} from './schemas.js';
