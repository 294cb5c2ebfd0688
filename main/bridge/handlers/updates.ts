import type { updatesMethods } from '../../../preload/api/updates';
import type { UpdatesService } from '../../station/updates/station-updates';
import type { DomainHandlers } from '../dispatch';

export function updatesHandlers(updates: UpdatesService): DomainHandlers<typeof updatesMethods> {
  return {
    'updates.status': () => updates.status(),
    'updates.checkNow': () => updates.checkNow(),
    'updates.reportActivity': (input) => {
      updates.reportActivity(input);
      return {};
    },
  };
}
