// The handler table: one function per contract method. Adapters never add behaviour of their
// own; they only carry calls here through dispatch().
import type { AppInfo } from '../../preload/contract';
import type { Handlers } from './dispatch';

export interface HandlerDeps {
  info: AppInfo;
}

export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    'app.info': () => deps.info,
  };
}
