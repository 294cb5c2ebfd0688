// The Order Source API's OAuth: the authorization-code flow a marketplace goes through to act
// for a seller, the tokens it is given, and the check of the Bearer token on every other call.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { DAY } from './dates';
import { badRequest, HttpError, ok, type SandboxResponse } from './http';
import type { MarketplaceApp, OAuthGrant, SandboxData } from './model';
import type { RouteContext } from './router';
import type { SandboxStore } from './state';
import { parseBody } from './validation';

const ACCESS_TOKEN_TTL_MS = 3600 * 1000;
const REFRESH_TOKEN_TTL_MS = 365 * DAY;
const AUTH_CODE_TTL_MS = 10 * 60 * 1000;

const secret = (): string => randomBytes(24).toString('base64url');

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Resolves the `Authorization: Bearer` access token of an Order Source call. */
export function authenticateMarketplace(
  store: SandboxStore,
  header: string | undefined,
  now: number,
): OAuthGrant {
  const m = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!m?.[1]) throw new HttpError(401, 'Missing Bearer access token.');
  const grant = store.data.accessTokens.find((t) => t.value === m[1]);
  if (!grant) throw new HttpError(401, 'Invalid access token.');
  if (grant.expiresAt <= now)
    throw new HttpError(401, 'Access token expired; use the refresh token.');
  return grant;
}

const tokenRequest = z.object({
  grant_type: z.enum(['authorization_code', 'refresh_token']),
  client_id: z.string().min(1),
  client_secret: z.string().min(1),
  code: z.string().min(1).optional(),
  refresh_token: z.string().min(1).optional(),
});

type TokenRequest = z.infer<typeof tokenRequest>;

/** GET authorize: the seller's consent, given at once, answered by a redirect carrying a code. */
export function authorize(ctx: RouteContext, defaultSellerClient: () => string): SandboxResponse {
  const q = ctx.req.query;
  if (q.get('response_type') !== 'code') {
    throw badRequest(
      'response_type must be "code"; only the authorization-code flow is supported.',
    );
  }
  const clientId = q.get('client_id');
  if (!clientId) throw badRequest('client_id is required.');
  if (!ctx.store.data.marketplaceApps.some((a) => a.client_id === clientId)) {
    throw badRequest(`client_id ${clientId} is not a registered marketplace.`);
  }
  // The parameter is `redirect_url`, not OAuth's usual `redirect_uri` (as the Order Source API docs spell it).
  const redirect = q.get('redirect_url');
  let target: URL;
  try {
    target = new URL(redirect ?? '');
  } catch {
    throw badRequest('redirect_url must be an absolute URL.');
  }
  // The real flow shows the seller a consent page; the sandbox approves at once on behalf
  // of the seller named by `client` (a FeedAMP client id), by default the demo seller.
  const sellerClientId = q.get('client') ?? defaultSellerClient();
  const code = secret();
  ctx.store.data.authCodes.push({
    value: code,
    client_id: clientId,
    sellerClientId,
    expiresAt: ctx.now + AUTH_CODE_TTL_MS,
  });
  target.searchParams.set('code', code);
  const state = q.get('state');
  if (state !== null) target.searchParams.set('state', state);
  return {
    status: 302,
    headers: { location: target.toString() },
    body: { redirect: target.toString() },
  };
}

interface Redeemed {
  sellerClientId: string;
  refreshToken: string;
}

/** An authorization code is good once: it becomes a new refresh token. */
function redeemCode(
  data: SandboxData,
  app: MarketplaceApp,
  body: TokenRequest,
  now: number,
): Redeemed {
  if (!body.code) throw badRequest('code is required for grant_type authorization_code.');
  const index = data.authCodes.findIndex(
    (c) => c.value === body.code && c.client_id === app.client_id,
  );
  const code = data.authCodes[index];
  if (!code || code.expiresAt <= now)
    throw new HttpError(401, 'Invalid or expired authorization code.');
  data.authCodes.splice(index, 1); // single use
  const refreshToken = secret();
  data.refreshTokens.push({
    value: refreshToken,
    client_id: app.client_id,
    sellerClientId: code.sellerClientId,
    expiresAt: now + REFRESH_TOKEN_TTL_MS,
  });
  return { sellerClientId: code.sellerClientId, refreshToken };
}

function redeemRefreshToken(
  data: SandboxData,
  app: MarketplaceApp,
  body: TokenRequest,
  now: number,
): Redeemed {
  if (!body.refresh_token)
    throw badRequest('refresh_token is required for grant_type refresh_token.');
  const grant = data.refreshTokens.find(
    (t) => t.value === body.refresh_token && t.client_id === app.client_id,
  );
  if (!grant || grant.expiresAt <= now)
    throw new HttpError(401, 'Invalid or expired refresh token.');
  return { sellerClientId: grant.sellerClientId, refreshToken: grant.value };
}

/** POST access_token: a code or a refresh token exchanged for an hour's access token. */
export function issueAccessToken(ctx: RouteContext): SandboxResponse {
  // Both JSON and x-www-form-urlencoded bodies arrive here as objects (the docs show both).
  const body = parseBody(tokenRequest, ctx.req.body);
  const app = ctx.store.data.marketplaceApps.find((a) => a.client_id === body.client_id);
  if (!app || !sameSecret(app.client_secret, body.client_secret)) {
    throw new HttpError(401, 'Invalid client_id or client_secret.');
  }
  const data = ctx.store.data;
  const { sellerClientId, refreshToken } =
    body.grant_type === 'authorization_code'
      ? redeemCode(data, app, body, ctx.now)
      : redeemRefreshToken(data, app, body, ctx.now);
  const accessToken = secret();
  data.accessTokens = data.accessTokens.filter((t) => t.expiresAt > ctx.now);
  data.accessTokens.push({
    value: accessToken,
    client_id: app.client_id,
    sellerClientId,
    expiresAt: ctx.now + ACCESS_TOKEN_TTL_MS,
  });
  ctx.store.changed();
  return ok({
    access_token: accessToken,
    token_type: 'Bearer',
    refresh_token: refreshToken,
    expires_in: 3600,
  });
}
