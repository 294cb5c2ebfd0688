// Check-digit builders for test data, written from the published rules and independently of the
// code under test, so the tests construct numbers that are valid by construction instead of
// trusting random digits or the implementation.

/** GS1 mod 10 (EAN/UPC/GTIN/SSCC, USPS IMpb): weight 3 on the rightmost body digit, then 1, 3, … */
export function gs1(body: string): string {
  const digits = [...body].reverse().map(Number);
  const sum = digits.reduce((acc, d, i) => acc + d * (i % 2 === 0 ? 3 : 1), 0);
  return body + String((10 - (sum % 10)) % 10);
}

/** A GS1 body completed with a deliberately wrong check digit. */
export function gs1Wrong(body: string): string {
  const right = Number(gs1(body).slice(-1));
  return body + String((right + 1) % 10);
}

/**
 * UPS 1Z: over the 15 characters after "1Z", letters become digits ((ASCII − 3) mod 10), odd
 * positions (1-based) count once and even positions twice; check = (10 − sum mod 10) mod 10.
 */
export function ups1Z(serial15: string): string {
  if (serial15.length !== 15) throw new Error('UPS serial is 15 characters');
  const values = [...serial15].map((c) => (/\d/.test(c) ? Number(c) : (c.charCodeAt(0) - 3) % 10));
  const sum = values.reduce((acc, v, i) => acc + v * (i % 2 === 0 ? 1 : 2), 0);
  return `1Z${serial15}${(10 - (sum % 10)) % 10}`;
}

/** FedEx Express 12: weights 1,3,7 from the right over 11 digits, mod 11, then mod 10. */
export function fedex12(body11: string): string {
  if (body11.length !== 11) throw new Error('FedEx Express body is 11 digits');
  const weights = [1, 3, 7];
  const digits = [...body11].reverse().map(Number);
  const sum = digits.reduce((acc, d, i) => acc + d * (weights[i % 3] ?? 0), 0);
  return body11 + String((sum % 11) % 10);
}

/** FedEx Ground 15 (and 22-digit "96"): mod 10, weight 3 on the rightmost body digit, then 1, … */
export function fedexGround(body: string): string {
  return gs1(body); // the same rule as GS1's
}

/**
 * UPU S10 (EA123456785US): weights 8,6,4,2,3,5,9,7 over the 8 serial digits, sum mod 11,
 * check = 11 − r, except r = 0 → 5 and r = 1 → 0.
 */
export function s10(service: string, serial8: string, country: string): string {
  const weights = [8, 6, 4, 2, 3, 5, 9, 7];
  const sum = [...serial8].reduce((acc, d, i) => acc + Number(d) * (weights[i] ?? 0), 0);
  const r = sum % 11;
  const check = r === 0 ? 5 : r === 1 ? 0 : 11 - r;
  return `${service}${serial8}${check}${country}`;
}
