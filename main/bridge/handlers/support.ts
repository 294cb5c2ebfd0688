import type { supportMethods } from '../../../preload/api/support';
import type { DomainHandlers } from '../dispatch';

export interface SupportService {
  /** Writes the diagnostics zip and returns its path (main/station/diagnostics.ts). */
  saveDiagnostics(): Promise<string>;
}

export function supportHandlers(support: SupportService): DomainHandlers<typeof supportMethods> {
  return {
    'support.saveDiagnostics': async () => ({ path: await support.saveDiagnostics() }),
  };
}
