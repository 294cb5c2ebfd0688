// Public surface of the FeedAMP client. Nothing here imports electron or the sandbox.
export { FeedampClient, type FeedampClientOptions } from './client.js';
export { InsecureFeedampUrl } from './connection.js';
export * from './errors.js';
export { MemoryTokenStore } from './token.js';
export { RateBudget } from './rate-budget.js';
export { feedampUrlProblem, HTTPS_REQUIRED_SENTENCE } from './url.js';
export { formatDateTime, parseDateTime } from './dates.js';
export type { Order } from './schemas.js';
