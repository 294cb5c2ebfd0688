import type { AppInfo } from '../../../preload/contract';
import type { appMethods, StorageStatus } from '../../../preload/api/app';
import type { DomainHandlers } from '../dispatch';

export function appHandlers(
  info: AppInfo,
  storage: () => StorageStatus = () => ({ notices: [] }),
): DomainHandlers<typeof appMethods> {
  return {
    'app.info': () => info,
    'app.storage': () => storage(),
  };
}
