import type { SellerAuth } from '../auth';
import { firstHeader, ok } from '../http';
import type { Route } from '../router';

export function tokenRoutes(auth: SellerAuth): Route[] {
  return [
    {
      method: 'GET',
      template: '/api/v1/get_token',
      auth: 'none',
      handle: (ctx) =>
        ok({ token: auth.issueToken(firstHeader(ctx.req.headers, 'authorization'), ctx.now) }),
    },
  ];
}
