// What a FeedampClient is made with, and what each of its calls may be given.
import type { Dispatcher } from 'undici';
import type { Now, Sleep } from './clock.js';
import type { ResponseLimits, Timeouts } from './http.js';
import type { BudgetsOption } from './budgets.js';
import type { ListTurn } from './rate-budget.js';
import type { RetryOptions } from './retry.js';
import type { TokenStore } from './token.js';

export interface FeedampLogger {
  debug?: (message: string, fields?: Record<string, unknown>) => void;
  info?: (message: string, fields?: Record<string, unknown>) => void;
  warn?: (message: string, fields?: Record<string, unknown>) => void;
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
  /**
   * This station's turn among the stations sharing the account (Settings: station 3 of 10): it
   * sends list requests only in its own slots of the account's 2 a second. Without it the
   * station uses the full rate and learns of others from 429s.
   */
  listTurn?: ListTurn;
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
