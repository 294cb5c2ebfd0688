// Signing in: to a FeedAMP account, or to the built-in demo (a local sandbox with generated
// orders started in this process). Holds the one FeedAMP client of the signed-in account.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { AccountSharing, SessionStatus, SignInInput } from '../../preload/api/session';
import { FeedampClient } from '../feedamp/client';
import type { ListTurn } from '../feedamp/rate-budget';
import { AbortedError, DeadlineError, FeedampError, RateLimitedError } from '../feedamp/errors';
import type { RetryOptions } from '../feedamp/retry';
import { MemoryTokenStore, type TokenStore } from '../feedamp/token';
import { feedampUrlProblem } from '../feedamp/url';
import type { Logger } from '../log';
import type { RunningSandbox, SandboxOptions } from '../sandbox/index';
import type { SettingsService } from './settings';
import type { Credentials, Vault } from './vault';
import { StationError } from './errors';

export interface SessionDeps {
  dataDir: string;
  vault: Vault;
  settings: SettingsService;
  log: Logger;
  /** Starts the demo sandbox; injected so the plain-Node core decides how (tests use it too). */
  startSandbox: (options: SandboxOptions) => Promise<RunningSandbox>;
  /** Called whenever the account changes (sign-in, demo, sign-out) with the new client. */
  onChange: (status: SessionStatus, client: FeedampClient | undefined) => void;
  /** Extra client options (tests: short timeouts). */
  clientOptions?: Partial<ConstructorParameters<typeof FeedampClient>[0]>;
  /** Warning to show about how the vault protects the password (Linux without a keyring). */
  protectionWarning?: string;
  /**
   * This station syncs FeedAMP for the warehouse (warehouse mode): no other station asks for
   * lists meanwhile, so it uses the whole account rather than its turn.
   */
  syncsForWarehouse?: () => boolean;
}

/** Which account a cache belongs to; the demo is one account whatever port it runs on. */
export function accountKey(
  s: Pick<SessionStatus, 'baseUrl' | 'username' | 'clientId' | 'demo'>,
): string {
  return s.demo ? 'demo' : `${s.baseUrl}|${s.username}|${s.clientId}`;
}

// Sign-in meets 429s when many stations of one account start together: it keeps waiting for
// as long as FeedAMP asks (with jitter) within the list call's deadline, instead of failing. The
// deadline is the limit, not a count: ten stations at once met ten 429s at one sign-in.
const SIGN_IN_RETRY: RetryOptions = { maxAttempts: 40, maxTotalMs: 55_000 };

/** One sentence a packer or an IT person can act on, for any failure to sign in. */
function signInProblem(error: unknown, input: Pick<SignInInput, 'baseUrl'>): string {
  if (error instanceof DeadlineError)
    return `${new URL(input.baseUrl).host} did not finish answering within ${Math.round(error.deadlineMs / 1000)} s — check the FeedAMP URL and the network.`;
  if (error instanceof AbortedError) return 'Signing in stopped because the station signed out.';
  if (error instanceof RateLimitedError) {
    const wait = Math.max(1, Math.ceil((error.retryAfterMs ?? 1_000) / 1000));
    return `FeedAMP is busy with this account's other stations and asked Packline to wait ${wait} s — try again then.`;
  }
  if (error instanceof FeedampError) {
    switch (error.code) {
      case 'network':
      case 'outcome_unknown':
        return `Cannot reach ${new URL(input.baseUrl).host} — check the FeedAMP URL and the network.`;
      case 'not_found':
      case 'response_shape':
        return `${new URL(input.baseUrl).host} did not answer like FeedAMP — check the FeedAMP URL.`;
      default:
        return error.message;
    }
  }
  return 'Signing in failed unexpectedly; the log has the details.';
}

/** The held token belongs to these exact credentials: a test must still prove the password. */
function heldKey(c: Pick<SignInInput, 'baseUrl' | 'username' | 'password' | 'clientId'>): string {
  const password = createHash('sha256').update(c.password, 'utf8').digest('hex');
  return `${accountKey({ ...c, demo: false })}|${password}`;
}

export class SessionService {
  private credentials: Credentials | undefined;
  private client: FeedampClient | undefined;
  private sandbox: RunningSandbox | undefined;
  /** Sign out fires it: every call of this session, signing in included, stops at once. */
  private lifetime = new AbortController();
  /**
   * A token FeedAMP gave to a connection test or a sign-in that has not reached the vault
   * (the test alone, or a later step failed). The next test or sign-in with the same
   * credentials uses it instead of asking for another of the account's 100.
   */
  private held: { key: string; token: string } | undefined;
  /** Why the saved sign-in was not used at start (an http:// URL to another computer). */
  private restoreProblem: string | undefined;

  constructor(private readonly deps: SessionDeps) {}

  /** At start: sign in again with what the vault kept (no network needed to do so). */
  async restore(): Promise<void> {
    const saved = await this.deps.vault.credentials();
    if (!saved) return;
    if (saved.demo) {
      await this.startDemo().catch((error: unknown) =>
        this.deps.log.error('demo restore failed', { error }),
      );
      return;
    }
    const problem = feedampUrlProblem(saved.baseUrl);
    if (problem) {
      // Saved before the https rule: the password is not sent there again; sign in anew.
      this.deps.log.warn('saved FeedAMP URL refused', { baseUrl: saved.baseUrl });
      this.restoreProblem = problem;
      return;
    }
    this.use(saved);
  }

  status(): SessionStatus {
    const c = this.credentials;
    return {
      signedIn: !!c,
      username: c?.username,
      baseUrl: c?.baseUrl,
      clientId: c?.clientId,
      demo: c?.demo ?? false,
      protection: this.deps.vault.protection,
      warning: c
        ? this.deps.protectionWarning
        : (this.restoreProblem ?? this.deps.protectionWarning),
    };
  }

  /** This station's turn on the account (Settings), unless it syncs for the whole warehouse. */
  private listTurn(): ListTurn {
    const settings = this.deps.settings.get();
    if (this.deps.syncsForWarehouse?.()) return { station: 1, of: 1 };
    return { station: settings.stationNumber, of: settings.stationsOnAccount };
  }

  /** Warehouse mode made this station the one that syncs, or no longer: its turn follows. */
  followWarehouseRole(): void {
    this.client?.setListTurn(this.listTurn());
  }

  /**
   * How this station shares its FeedAMP account: what FeedAMP's answers say about this PC's
   * clock (turns are drawn from it), and when FeedAMP last asked its list requests to slow down.
   */
  sharing(): AccountSharing {
    const limitedAt = this.client?.listRateLimitedAt();
    return {
      clock: this.client?.clockReading() ?? { kind: 'unknown' },
      ...(limitedAt === undefined ? {} : { listRateLimitedAt: new Date(limitedAt).toISOString() }),
    };
  }

  currentClient(): FeedampClient | undefined {
    return this.client;
  }

  private makeClient(
    c: Pick<Credentials, 'baseUrl' | 'username' | 'password' | 'clientId'>,
    tokenStore: TokenStore = this.deps.vault.tokenStore,
    retry?: RetryOptions,
  ) {
    const extra = this.deps.clientOptions;
    const settings = this.deps.settings.get();
    return new FeedampClient({
      baseUrl: c.baseUrl,
      username: c.username,
      password: c.password,
      clientId: c.clientId,
      tokenStore,
      sendBasicAuthOnV2: settings.sendBasicAuthOnV2,
      budgets: { write: { perSecond: settings.uploadsPerSecond, burst: 1 } },
      // Every client of the station (the connection test too) takes the same turn.
      listTurn: this.listTurn(),
      logger: this.deps.log,
      signal: this.lifetime.signal,
      ...extra,
      retry: { ...retry, ...extra?.retry },
    });
  }

  /** Refuses, before anything is sent, a URL the password must not travel to. */
  private checkUrl(baseUrl: string): void {
    const problem = feedampUrlProblem(baseUrl);
    if (problem) throw new StationError('refused', problem);
  }

  /** Gets a token and reads one order: proves URL, password and client id in one go. */
  async testConnection(input: SignInInput): Promise<{ message: string; token: string }> {
    this.checkUrl(input.baseUrl);
    const key = heldKey(input);
    const tokens = new MemoryTokenStore(this.held?.key === key ? this.held.token : undefined);
    const probe = this.makeClient(input, tokens, SIGN_IN_RETRY);
    try {
      await probe.listOrders({ limit: 1 });
      const token = (await tokens.load())!;
      return {
        message: `Connected to FeedAMP as ${input.username} for client ${input.clientId}.`,
        token,
      };
    } catch (error) {
      this.deps.log.warn('connection test failed', {
        baseUrl: input.baseUrl,
        username: input.username,
        error,
      });
      throw new StationError('feedamp', signInProblem(error, input));
    } finally {
      // Whatever happened after get_token, the token it gave is kept for the next try; one
      // FeedAMP refused (a 401 on it) has already been dropped from the store.
      const token = await tokens.load();
      if (token) this.held = { key, token };
      else if (this.held?.key === key) this.held = undefined;
      await probe.close();
    }
  }

  async signIn(input: SignInInput, demo = false): Promise<SessionStatus> {
    // The token the test fetched is kept: every extra get_token uses one of the account's 100.
    const { token } = await this.testConnection(input);
    const credentials: Credentials = { ...input, demo };
    await this.deps.vault.saveCredentials(credentials);
    await this.deps.vault.tokenStore.save(token);
    // The vault holds it now (and replaces it if FeedAMP ever refuses it).
    this.held = undefined;
    this.restoreProblem = undefined;
    if (!demo) await this.stopSandbox();
    this.use(credentials);
    return this.status();
  }

  async startDemo(): Promise<SessionStatus> {
    await this.stopSandbox();
    this.sandbox = await this.deps.startSandbox({
      port: 0,
      orders: 200,
      seed: 1,
      // The demo keeps what was packed in it across restarts.
      dataFile: join(this.deps.dataDir, 'demo', 'sandbox.json'),
    });
    const { user, password, client } = this.sandbox.credentials;
    return this.signIn(
      { baseUrl: this.sandbox.url, username: user, password, clientId: client },
      true,
    );
  }

  async signOut(): Promise<SessionStatus> {
    // Calls in flight stop now; a server dripping its answer cannot hold Sign out up (closing
    // the client would otherwise wait for them).
    this.abortCalls();
    const client = this.client;
    this.client = undefined;
    this.credentials = undefined;
    this.held = undefined;
    await this.deps.vault.forget();
    await client?.close();
    await this.stopSandbox();
    this.deps.onChange(this.status(), undefined);
    return this.status();
  }

  /** Settings that shape the client changed: make a new one for the same account. */
  reconnect(): void {
    if (this.credentials) this.use(this.credentials);
  }

  private use(credentials: Credentials): void {
    void this.client?.close();
    this.credentials = credentials;
    this.client = this.makeClient(credentials);
    this.deps.onChange(this.status(), this.client);
  }

  private async stopSandbox(): Promise<void> {
    const sandbox = this.sandbox;
    this.sandbox = undefined;
    await sandbox?.close();
  }

  private abortCalls(): void {
    this.lifetime.abort();
    this.lifetime = new AbortController();
  }

  async close(): Promise<void> {
    this.abortCalls();
    await this.client?.close();
    await this.stopSandbox();
  }
}
