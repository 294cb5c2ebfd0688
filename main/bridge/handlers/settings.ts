import type { settingsMethods } from '../../../preload/api/settings';
import type { SettingsService } from '../../station/settings';
import type { DomainHandlers } from '../dispatch';

export function settingsHandlers(
  settings: SettingsService,
): DomainHandlers<typeof settingsMethods> {
  return {
    'settings.get': () => settings.get(),
    'settings.update': (patch) => settings.update(patch),
  };
}
