// The handler table: one function per contract method, joined from one module per domain.
// Adapters never add behaviour of their own; they only carry calls here through dispatch().
import type { AppInfo } from '../../../preload/contract';
import type { Handlers } from '../dispatch';
import { appHandlers } from './app';

export interface HandlerDeps {
  info: AppInfo;
}

export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    ...appHandlers(deps.info),
  };
}
