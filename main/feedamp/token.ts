// One FeedAMP token per station, reused across restarts: an account may hold at most 100
// active tokens, so fetching one per call or per launch would exhaust it.

/** Where the token lives between runs (the vault in the app, memory in tests). */
export interface TokenStore {
  load: () => Promise<string | undefined>;
  save: (token: string) => Promise<void>;
  clear: () => Promise<void>;
}

export class MemoryTokenStore implements TokenStore {
  constructor(private token: string | undefined = undefined) {}
  async load(): Promise<string | undefined> {
    return this.token;
  }
  async save(token: string): Promise<void> {
    this.token = token;
  }
  async clear(): Promise<void> {
    this.token = undefined;
  }
}

/**
 * Hands out the current token and refreshes it at most once per expiry: every caller that
 * saw the same stale token waits on the same get_token call.
 */
export class TokenKeeper {
  private current: string | undefined;
  private loaded = false;
  private refreshing: Promise<string> | undefined;

  constructor(
    private readonly store: TokenStore,
    private readonly fetchToken: () => Promise<string>,
  ) {}

  /** The token to use now, fetching one only when none is stored. */
  async get(): Promise<string> {
    if (!this.loaded) {
      // Concurrent first callers share one load + fetch through refresh().
      if (!this.refreshing) {
        const stored = await this.store.load();
        if (!this.loaded) {
          this.loaded = true;
          this.current = stored || undefined;
        }
      }
    }
    if (this.current !== undefined) return this.current;
    return this.refresh(undefined);
  }

  /**
   * `rejected` is the token a 401 came back for. If another caller already replaced it, the
   * new one is returned without asking FeedAMP again.
   */
  refresh(rejected: string | undefined): Promise<string> {
    if (this.refreshing) return this.refreshing;
    if (this.current !== undefined && this.current !== rejected) {
      return Promise.resolve(this.current);
    }
    this.current = undefined;
    const run = (async () => {
      try {
        if (rejected !== undefined) await this.store.clear();
        const token = await this.fetchToken();
        this.current = token;
        this.loaded = true;
        await this.store.save(token);
        return token;
      } finally {
        this.refreshing = undefined;
      }
    })();
    this.refreshing = run;
    return run;
  }
}
