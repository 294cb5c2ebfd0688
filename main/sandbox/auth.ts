// Seller authentication as FeedAMP documents it: Basic credentials buy a token from
// /api/v1/get_token; V2 calls carry `token` and `client` headers.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { firstHeader, HttpError } from './http';
import type { SandboxStore } from './state';
import type { UserRecord } from './model';

/** FeedAMP's token documentation: at most 100 tokens may be active at the same time per account. */
const MAX_ACTIVE_TOKENS = 100;

export interface SellerIdentity {
  user: string;
  client: string;
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function parseBasic(header: string | undefined): { user: string; password: string } | undefined {
  const m = header ? /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header) : null;
  if (!m?.[1]) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

export class SellerAuth {
  constructor(
    private readonly store: SandboxStore,
    private readonly tokenTtlMs: number,
  ) {}

  private findUser(user: string): UserRecord | undefined {
    return this.store.data.users.find((u) => u.user === user);
  }

  private checkBasic(header: string | undefined): UserRecord | undefined {
    const creds = parseBasic(header);
    if (!creds) return undefined;
    const user = this.findUser(creds.user);
    return user && sameSecret(user.password, creds.password) ? user : undefined;
  }

  private pruneExpired(now: number): void {
    const live = this.store.data.tokens.filter((t) => t.expiresAt > now);
    if (live.length !== this.store.data.tokens.length) this.store.data.tokens = live;
  }

  /**
   * The 101st concurrent token is refused with 401 (the only client error get_token
   * documents) and a sentence saying why; existing tokens stay valid. FeedAMP does not say
   * what happens; refusing rather than silently evicting the oldest token means a client
   * that calls get_token too often fails loudly in tests instead of logging out other stations.
   */
  issueToken(authorization: string | undefined, now: number): string {
    if (!authorization) throw new HttpError(401, 'Missing Basic credentials.');
    const user = this.checkBasic(authorization);
    if (!user) throw new HttpError(401, 'Invalid username or password.');
    this.pruneExpired(now);
    const active = this.store.data.tokens.filter((t) => t.user === user.user).length;
    if (active >= MAX_ACTIVE_TOKENS) {
      throw new HttpError(
        401,
        `User ${user.user} already has ${MAX_ACTIVE_TOKENS} active tokens; reuse one or wait until one expires.`,
      );
    }
    const hex = randomBytes(48).toString('hex');
    const token = `${hex.slice(0, 7)}-${hex.slice(7, 40)}-${hex.slice(40, 96)}`;
    this.store.data.tokens.push({
      token,
      user: user.user,
      issuedAt: now,
      expiresAt: now + this.tokenTtlMs,
    });
    this.store.changed();
    return token;
  }

  /**
   * V2 pages also declare HTTP Basic on every call (the docs disagree with the v1 overview here). The sandbox accepts
   * calls with or without it, but Basic credentials that are present must be right (401).
   */
  authenticate(headers: IncomingHttpHeaders, now: number): SellerIdentity {
    const token = firstHeader(headers, 'token');
    if (!token) throw new HttpError(401, 'Missing token.');
    const record = this.store.data.tokens.find((t) => t.token === token);
    if (!record) throw new HttpError(401, 'Invalid token.');
    if (record.expiresAt <= now) throw new HttpError(401, 'Token expired.');
    const authorization = firstHeader(headers, 'authorization');
    if (authorization && !this.checkBasic(authorization)) {
      throw new HttpError(401, 'Invalid username or password.');
    }
    const client = firstHeader(headers, 'client');
    if (!client) throw new HttpError(401, 'Missing client.');
    const user = this.findUser(record.user);
    if (!user || !/^\d+$/.test(client) || !user.clients.includes(client)) {
      throw new HttpError(403, `User ${record.user} may not act for client ${client}.`);
    }
    return { user: record.user, client };
  }

  expireAll(now: number): number {
    let count = 0;
    for (const t of this.store.data.tokens) {
      if (t.expiresAt > now) {
        t.expiresAt = now;
        count += 1;
      }
    }
    this.pruneExpired(now);
    this.store.changed();
    return count;
  }
}
