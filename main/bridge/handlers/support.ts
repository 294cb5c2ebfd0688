import type { RendererErrorReport, supportMethods } from '../../../preload/api/support';
import type { DomainHandlers } from '../dispatch';

export interface SupportService {
  /** Writes the diagnostics zip and returns its path (main/station/diagnostics.ts). */
  saveDiagnostics: () => Promise<string>;
  /** An uncaught error in the page, for main's log (main/station/renderer-errors.ts). */
  reportError: (report: RendererErrorReport) => void;
}

export function supportHandlers(support: SupportService): DomainHandlers<typeof supportMethods> {
  return {
    'support.saveDiagnostics': async () => ({ path: await support.saveDiagnostics() }),
    'support.reportError': (report) => {
      support.reportError(report);
      return {};
    },
  };
}
