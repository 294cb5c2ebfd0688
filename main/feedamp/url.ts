// Which FeedAMP URLs Packline will talk to. Basic auth (the password) travels with every call,
// so plain http:// is allowed only to this computer: the demo sandbox and test servers.
import { isIP } from 'node:net';

export const HTTPS_REQUIRED_SENTENCE =
  'Packline sends your password with every call, so it only talks to FeedAMP over https:// (http:// is allowed for this computer only).';

/** 127.0.0.0/8, ::1 (also as an IPv4-mapped address) and localhost. */
function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.split('.')[0] === '127';
  if (isIP(host) === 6) {
    if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host)?.[1];
    if (mapped) return mapped.split('.')[0] === '127';
    // ::ffff:7f00:1 is how WHATWG URL spells ::ffff:127.0.0.1.
    return /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(host);
  }
  return false;
}

/**
 * undefined when Packline may use this FeedAMP URL, otherwise the sentence to show. Only the
 * scheme rule is checked here; whether the address is FeedAMP is for Test connection to find.
 */
export function feedampUrlProblem(baseUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return 'Enter the FeedAMP URL, for example https://api.feedamp.feedonomics.com.';
  }
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return undefined;
  return HTTPS_REQUIRED_SENTENCE;
}
