import type { AppInfo } from '../../../preload/contract';
import type { appMethods } from '../../../preload/api/app';
import type { DomainHandlers } from '../dispatch';

export function appHandlers(info: AppInfo): DomainHandlers<typeof appMethods> {
  return {
    'app.info': () => info,
  };
}
