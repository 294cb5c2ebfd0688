// Signing in: to a FeedAMP account, or to the built-in demo (a local sandbox with generated
// orders started in this process). Holds the one FeedAMP client of the signed-in account.
import { join } from 'node:path';
import type { SessionStatus, SignInInput } from '../../preload/api/session';
import { BridgeError } from '../../preload/contract';
import { FeedampClient } from '../feedamp/client';
import { FeedampError } from '../feedamp/errors';
import { MemoryTokenStore } from '../feedamp/token';
import type { Logger } from '../log';
import type { RunningSandbox, SandboxOptions } from '../sandbox/index';
import type { SettingsService } from './settings';
import type { Credentials, Vault } from './vault';

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
}

/** Which account a cache belongs to; the demo is one account whatever port it runs on. */
export function accountKey(
  s: Pick<SessionStatus, 'baseUrl' | 'username' | 'clientId' | 'demo'>,
): string {
  return s.demo ? 'demo' : `${s.baseUrl}|${s.username}|${s.clientId}`;
}

/** One sentence a packer or an IT person can act on, for any failure to sign in. */
export function signInProblem(error: unknown, input: Pick<SignInInput, 'baseUrl'>): string {
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

export class SessionService {
  private credentials: Credentials | undefined;
  private client: FeedampClient | undefined;
  private sandbox: RunningSandbox | undefined;

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
      warning: this.deps.protectionWarning,
    };
  }

  currentClient(): FeedampClient | undefined {
    return this.client;
  }

  private makeClient(
    c: Pick<Credentials, 'baseUrl' | 'username' | 'password' | 'clientId'>,
    tokenStore = this.deps.vault.tokenStore,
  ) {
    return new FeedampClient({
      baseUrl: c.baseUrl,
      username: c.username,
      password: c.password,
      clientId: c.clientId,
      tokenStore,
      sendBasicAuthOnV2: this.deps.settings.get().sendBasicAuthOnV2,
      budgets: { write: { perSecond: this.deps.settings.get().uploadsPerSecond, burst: 1 } },
      logger: this.deps.log,
      ...this.deps.clientOptions,
    });
  }

  /** Gets a token and reads one order: proves URL, password and client id in one go. */
  async testConnection(input: SignInInput): Promise<{ message: string; token: string }> {
    const tokens = new MemoryTokenStore();
    const probe = this.makeClient(input, tokens);
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
      throw new BridgeError('FEEDAMP', signInProblem(error, input));
    } finally {
      await probe.close();
    }
  }

  async signIn(input: SignInInput, demo = false): Promise<SessionStatus> {
    // The token the test fetched is kept: every extra get_token uses one of the account's 100.
    const { token } = await this.testConnection(input);
    const credentials: Credentials = { ...input, demo };
    await this.deps.vault.saveCredentials(credentials);
    await this.deps.vault.tokenStore.save(token);
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
    await this.deps.vault.forget();
    await this.client?.close();
    this.client = undefined;
    this.credentials = undefined;
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

  async close(): Promise<void> {
    await this.client?.close();
    await this.stopSandbox();
  }
}
