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

/** The longest server sentence put before a packer; the whole text goes to the log. */
const MAX_SERVER_SENTENCE = 160;

// Lines that are a program's insides rather than words for a person: stack frames of Node,
// Java, Python, PHP, .NET and Go, and the headers that introduce them.
const STACK_LINE =
  /^\s*(at\s+\S|#\d+\s|File\s+"|Traceback\b|Stack ?trace|Caused by:|\.{3}\s*\d+\s+more|goroutine\s+\d+|[\w$.]+\([\w$.]*\.(java|kt|cs|php|go|js|ts|py|rb):\d+\))/i;

/**
 * One plain sentence out of whatever a server sent as an error: no HTML, no stack trace, no
 * control characters, at most MAX_SERVER_SENTENCE characters. undefined when nothing readable
 * is left (an HTML page with no title, a bare stack trace).
 */
export function cleanServerText(raw: string): string | undefined {
  let text = raw;
  if (/<[a-z!/][^>]*>/i.test(text)) {
    // An HTML error page: its title or first heading says what happened, the rest is layout.
    const heading = /<(title|h1|h2)[^>]*>([\s\S]*?)<\/\1>/i.exec(text)?.[2];
    text = (heading ?? text)
      .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<[^>]*>/g, ' ')
      .replace(/&nbsp;/gi, ' ')
      .replace(/&lt;/gi, '<')
      .replace(/&gt;/gi, '>')
      .replace(/&quot;/gi, '"')
      .replace(/&#39;|&apos;/gi, "'")
      .replace(/&amp;/gi, '&');
  }
  const lines = text
    .split(/\r\n|\r|\n/)
    .filter((line) => !STACK_LINE.test(line))
    // eslint-disable-next-line no-control-regex
    .map((line) => line.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e]/g, ' '));
  let sentence = lines.join(' ').replace(/\s+/g, ' ').trim();
  // "Error: boom at Object.<anonymous> (/srv/app.js:1:2)" keeps only the words before the frame.
  sentence = sentence.replace(/\s+at\s+\S+\s+\(?[^\s)]*:\d+(:\d+)?\)?.*$/, '').trim();
  const end = /^(.+?[.!?])(\s|$)/.exec(sentence);
  if (end?.[1] && end[1].length >= 3) sentence = end[1];
  if (sentence.length > MAX_SERVER_SENTENCE) {
    const cut = sentence.slice(0, MAX_SERVER_SENTENCE - 1);
    const space = cut.lastIndexOf(' ');
    sentence = `${(space > MAX_SERVER_SENTENCE / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
  }
  return /[\p{L}\p{N}]/u.test(sentence) ? sentence : undefined;
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

/**
 * get_token refused because the account already holds every token FeedAMP allows (100 at a
 * time). FeedAMP documents the cap but not its refusal, so the client recognises it by the
 * wording of the error (see isTokenCapRefusal) and otherwise reports a refused password.
 */
export class TokenCapError extends FeedampError {
  readonly code = 'unauthorized';
  constructor(username: string, init: FeedampErrorInit = {}) {
    super(
      `FeedAMP has no free token for user ${username}: the account already holds all 100 it may have, and one frees up only when one of them expires — try again later, or ask whoever runs the FeedAMP account.`,
      init,
    );
  }
}

/**
 * Does a get_token refusal say the account is out of tokens (rather than that the password is
 * wrong)? FeedAMP only documents error bodies as `{"error": "<text>"}`, so this reads the text:
 * a mention of tokens together with a count, a cap or "active", and no word about the password.
 */
export function isTokenCapRefusal(messages: readonly string[]): boolean {
  return messages.some(
    (m) =>
      /\btokens?\b/i.test(m) &&
      /\b(active|limit|limits|maximum|max|cap|too many|exceed(?:s|ed)?|already has|in use|\d+)\b/i.test(
        m,
      ) &&
      !/\b(password|credentials?|username)\b/i.test(m) &&
      !/\b(missing|invalid|expired|malformed)\s+token\b/i.test(m),
  );
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
    // The server's sentence may end with its own full stop; ours closes the sentence. Only a
    // cleaned sentence reaches the screen; `serverMessages` and `detail` keep the raw text.
    const first = (
      serverMessages.map(cleanServerText).find((m) => m !== undefined) ?? 'no reason given'
    ).replace(/[.\s]+$/, '');
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

/**
 * The call did not finish within its deadline: a server that answers slowly, or drips its answer
 * a byte at a time, never trips an idle timeout. `mayHaveReachedServer` is true when a write
 * had left; then the code is `outcome_unknown`, as for any lost answer, and otherwise `network`.
 */
export class DeadlineError extends FeedampError {
  readonly code: 'outcome_unknown' | 'network';
  readonly deadlineMs: number;
  readonly mayHaveReachedServer: boolean;
  constructor(deadlineMs: number, mayHaveReachedServer: boolean, init: FeedampErrorInit = {}) {
    const seconds = Math.round(deadlineMs / 1000);
    super(
      mayHaveReachedServer
        ? `FeedAMP did not finish answering within ${seconds} s — the change may have gone through; check before sending it again.`
        : `FeedAMP did not finish answering within ${seconds} s — check the network; Packline will try again.`,
      init,
    );
    this.code = mayHaveReachedServer ? 'outcome_unknown' : 'network';
    this.deadlineMs = deadlineMs;
    this.mayHaveReachedServer = mayHaveReachedServer;
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

/** The reply was larger than Packline reads for that kind of call; it stopped reading. */
export class ResponseTooLargeError extends ResponseShapeError {
  readonly limitBytes: number;
  constructor(limitBytes: number, init: FeedampErrorInit = {}) {
    super('', init);
    this.limitBytes = limitBytes;
    this.message = `FeedAMP sent a reply larger than ${formatBytes(limitBytes)}, more than Packline reads for one call — report this to support.`;
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${Math.round(bytes / 1024 / 1024)} MB`
    : `${Math.round(bytes / 1024)} KB`;
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

/** FeedAMP could not be reached, or its answer was lost: the station works from its cache. */
export function isOffline(error: unknown): boolean {
  return (
    error instanceof FeedampError && (error.code === 'network' || error.code === 'outcome_unknown')
  );
}
