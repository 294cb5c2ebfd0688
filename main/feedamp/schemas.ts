// zod schemas for every body FeedAMP sends or receives, one module per resource; the rest of
// the app imports them from here (schema-parts.ts holds the building blocks and conventions).
export {
  IdInput,
  OperationBody,
  OperationQuery,
  OperationResult,
  TokenResponse,
} from './schema-parts.js';
export * from './schema-orders.js';
export * from './schema-fulfillments.js';
export * from './schema-returns.js';
