// The only web pages Packline opens in the system browser: carrier tracking pages, for a
// tracking number, in exactly the form trackingUrl() builds. Anything else — another host, http,
// a port, credentials, extra parameters, a path a carrier does not use for tracking — is
// refused, so a compromised page cannot use the desktop to open an arbitrary URL or launch a
// local program (Electron security checklist: "Do not use shell.openExternal with untrusted
// content"). Plain code: no Electron import, so it is unit-tested directly.

const TRACKING_CARRIERS = {
  UPS: { host: 'www.ups.com', path: '/track', param: 'tracknum' },
  FedEx: { host: 'www.fedex.com', path: '/fedextrack/', param: 'trknbr' },
  USPS: { host: 'tools.usps.com', path: '/go/TrackConfirmAction', param: 'tLabels' },
  DHL: { host: 'www.dhl.com', path: '/global-en/home/tracking.html', param: 'tracking-id' },
} as const;
export type TrackingCarrier = keyof typeof TRACKING_CARRIERS;

/** Tracking numbers are letters and digits; 8–40 covers every carrier above. */
const TRACKING_NUMBER = /^[A-Z0-9]{8,40}$/;

export function trackingUrl(carrier: TrackingCarrier, trackingNumber: string): string {
  const number = trackingNumber.replace(/\s+/g, '').toUpperCase();
  if (!TRACKING_NUMBER.test(number)) {
    throw new Error(`Not a tracking number: ${trackingNumber}`);
  }
  const { host, path, param } = TRACKING_CARRIERS[carrier];
  return `https://${host}${path}?${param}=${number}`;
}

/** True only for a URL trackingUrl() itself would have built. */
export function isTrackingLink(candidate: string): boolean {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  const carrier = (Object.keys(TRACKING_CARRIERS) as TrackingCarrier[]).find(
    (c) => TRACKING_CARRIERS[c].host === url.hostname,
  );
  if (!carrier || url.protocol !== 'https:') return false;
  const number = url.searchParams.get(TRACKING_CARRIERS[carrier].param);
  if (!number || !TRACKING_NUMBER.test(number)) return false;
  // Rebuilding and comparing rejects ports, user:pass@, fragments, extra parameters and paths.
  return trackingUrl(carrier, number) === candidate;
}

export interface ShellLike {
  openExternal: (url: string) => Promise<void>;
}

/** Opens an allowed tracking link in the system browser; anything else is refused and logged. */
export async function openTrackingLink(
  shell: ShellLike,
  url: string,
  log: { warn: (message: string, fields?: Record<string, unknown>) => void },
): Promise<boolean> {
  if (!isTrackingLink(url)) {
    log.warn('refused to open an external link', { url: url.slice(0, 200) });
    return false;
  }
  await shell.openExternal(url);
  return true;
}
