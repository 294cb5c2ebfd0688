// A tiny route table: FeedAMP-style templates (`/api/v2/orders/{order-id}`) compiled to regexes.
import type { SellerIdentity } from './auth';
import type { SandboxRequest, SandboxResponse } from './http';
import type { OAuthGrant } from './model';
import type { SandboxStore } from './state';

export interface RouteContext {
  req: SandboxRequest;
  params: Record<string, string>;
  store: SandboxStore;
  now: number;
  /** Set for seller routes (auth 'seller'). */
  seller?: SellerIdentity;
  /** Set for Order Source routes (auth 'bearer'). */
  grant?: OAuthGrant;
}

export interface Route {
  method: string;
  template: string;
  auth: 'none' | 'seller' | 'bearer';
  /** Counts against the per-user list-endpoint rate limit. */
  rateLimited?: boolean;
  handle: (ctx: RouteContext) => SandboxResponse;
}

interface CompiledRoute extends Route {
  pattern: RegExp;
  names: string[];
}

export class Router {
  private readonly routes: CompiledRoute[];

  constructor(routes: Route[]) {
    this.routes = routes.map((route) => {
      const names: string[] = [];
      const source = route.template.replace(/\{([^}]+)\}/g, (_, name: string) => {
        names.push(name);
        return '([^/]+)';
      });
      return { ...route, pattern: new RegExp(`^${source}$`), names };
    });
  }

  match(
    method: string,
    path: string,
  ): { route: Route; params: Record<string, string> } | 'method' | undefined {
    let pathMatched = false;
    for (const route of this.routes) {
      const m = route.pattern.exec(path);
      if (!m) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => {
        params[name] = decodeURIComponent(m[i + 1] ?? '');
      });
      return { route, params };
    }
    return pathMatched ? 'method' : undefined;
  }
}
