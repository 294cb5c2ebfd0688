// Browser mode: the host restarted, so this tab's secret is no longer accepted. One banner says
// so and what to do, instead of each screen failing in its own words.
import { useSyncExternalStore } from 'react';
import { hostRestarted, onHostRestarted } from '../bridge/http-transport';

export function RestartBanner() {
  const restarted = useSyncExternalStore(onHostRestarted, hostRestarted);
  if (!restarted) return null;
  return (
    <div className="banner banner-error" role="alert" aria-label="Packline restarted">
      <strong>Packline restarted — reload.</strong> If the page then says it is not the one Packline
      opened, open the address Packline printed (<code>Packline: http://…</code>) in this tab.{' '}
      <button type="button" onClick={() => location.reload()}>
        Reload
      </button>
    </div>
  );
}
