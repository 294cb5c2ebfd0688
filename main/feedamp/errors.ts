// Typed failures of the FeedAMP client. Each carries a stable `code` for the program, one
// sentence in `message` that a packer can act on, and `detail` for the log (never shown on
// screen, never containing the password or the token).

export type FeedampErrorCode =
  | 'unauthorized'
  | 'client_not_allowed'
  | 'not_found'
  | 'validation'
  | 'rate_limited'
  | 'server'
  | 'network'
  | 'outcome_unknown'
  | 'response_shape'
  | 'aborted';

export interface FeedampErrorInit {
  /** HTTP method and path (without query secrets) of the call that failed. */
  request?: string;
  status?: number;
  detail?: string;
  cause?: unknown;
}

export abstract class FeedampError extends Error {
  abstract readonly code: FeedampErrorCode;
  readonly status: number | undefined;
  readonly request: string | undefined;
  readonly detail: string;

  constructor(message: string, init: FeedampErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = new.target.name;
    this.status = init.status;
    this.request = init.request;
    this.detail = init.detail ?? message;
  }
}

/** 401: FeedAMP refused the credentials, or a fresh token was refused too. */
export class UnauthorizedError extends FeedampError {
  readonly code = 'unauthorized';
  constructor(username: string, init: FeedampErrorInit = {}) {
    super(`FeedAMP refused the password for user ${username} — check Settings.`, init);
  }
}

/** 403: signed in, but this account may not act for the configured client id. */
export class ClientNotAllowedError extends FeedampError {
  readonly code = 'client_not_allowed';
  constructor(clientId: string, init: FeedampErrorInit = {}) {
    super(
      `FeedAMP does not let this account work for client ${clientId} — check the client number in Settings.`,
      init,
    );
  }
}

export class NotFoundError extends FeedampError {
  readonly code = 'not_found';
  constructor(what: string, init: FeedampErrorInit = {}) {
    super(`FeedAMP has no ${what} with that number — it may have been deleted.`, init);
  }
}

/** 400, 409, 422 and other refusals: the server's own words are kept in `serverMessages`. */
export class ValidationError extends FeedampError {
  readonly code = 'validation';
  readonly serverMessages: string[];
  /** false when Packline refused the request itself before sending it. */
  readonly sent: boolean;
  constructor(serverMessages: string[], init: FeedampErrorInit & { sent?: boolean } = {}) {
    // The server's sentence may end with its own full stop; ours closes the sentence.
    const first = (serverMessages[0] ?? 'no reason given').replace(/[.\s]+$/, '');
    super(
      init.sent === false
        ? `Packline did not send this because it is not valid: ${first}.`
        : `FeedAMP refused this: ${first}.`,
      init,
    );
    this.serverMessages = serverMessages;
    this.sent = init.sent ?? true;
  }
}

export class RateLimitedError extends FeedampError {
  readonly code = 'rate_limited';
  readonly retryAfterMs: number | undefined;
  constructor(retryAfterMs: number | undefined, init: FeedampErrorInit = {}) {
    const wait =
      retryAfterMs === undefined ? 'a moment' : `${Math.max(1, Math.ceil(retryAfterMs / 1000))} s`;
    super(`FeedAMP asked Packline to slow down — it will try again in ${wait}.`, init);
    this.retryAfterMs = retryAfterMs;
  }
}

export class ServerError extends FeedampError {
  readonly code = 'server';
  constructor(status: number, init: FeedampErrorInit = {}) {
    super(`FeedAMP is having trouble (error ${status}) — try again in a minute.`, {
      ...init,
      status,
    });
  }
}

/** The request certainly did not reach FeedAMP (refused, no DNS, connect timeout). */
export class NetworkError extends FeedampError {
  readonly code = 'network';
  constructor(init: FeedampErrorInit = {}) {
    super('Cannot reach FeedAMP — check the network; nothing was sent.', init);
  }
}

/** The request may have reached FeedAMP but no answer came back; never resend blindly. */
export class OutcomeUnknownError extends FeedampError {
  readonly code = 'outcome_unknown';
  constructor(init: FeedampErrorInit = {}) {
    super(
      'No answer from FeedAMP — the change may have gone through; check before sending it again.',
      init,
    );
  }
}

/** The reply did not have the documented shape; `path` names the bad field. */
export class ResponseShapeError extends FeedampError {
  readonly code = 'response_shape';
  readonly path: string;
  constructor(path: string, init: FeedampErrorInit = {}) {
    super(
      `FeedAMP sent a reply Packline does not understand (at ${path || 'the top level'}) — report this to support.`,
      init,
    );
    this.path = path;
  }
}

/** The caller's AbortSignal fired. `mayHaveReachedServer` is true once a write left. */
export class AbortedError extends FeedampError {
  readonly code = 'aborted';
  readonly mayHaveReachedServer: boolean;
  constructor(mayHaveReachedServer: boolean, init: FeedampErrorInit = {}) {
    super(
      mayHaveReachedServer
        ? 'Stopped waiting for FeedAMP — the change may have gone through; check before sending it again.'
        : 'Stopped before anything was sent to FeedAMP.',
      init,
    );
    this.mayHaveReachedServer = mayHaveReachedServer;
  }
}

export function isFeedampError(e: unknown): e is FeedampError {
  return e instanceof FeedampError;
}
