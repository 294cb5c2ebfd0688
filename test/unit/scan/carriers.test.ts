import { describe, expect, it } from 'vitest';
import {
  detectCarriers,
  isAllowedTrackingUrl,
  misreadTrackingCarriers,
  normaliseTrackingNumber,
  trackingUrl,
  TRACKING_URL_HOSTS,
} from '../../../main/station/carriers/detect';
import { CARRIERS, type Carrier } from '../../../common/feedamp-enums';
import { fedex12, fedexGround, gs1, gs1Wrong, s10, ups1Z } from './check-digits';

// Real formats, check digits built from the published rules (see check-digits.ts).
const UPS = ups1Z('5R8939035756712'); // 1Z + shipper 5R8939 + service 03 + package 5756712
const FEDEX_12 = fedex12('98657878885');
const FEDEX_15 = fedexGround('04144176022896');
// SmartPost: SCNC 61 + service 29 + shipper 99998820 + package 8211718; check over "92" + serial.
const SMARTPOST_SERIAL = '6129999882082117181';
const FEDEX_20 = SMARTPOST_SERIAL + gs1(`92${SMARTPOST_SERIAL}`).slice(-1);
const FEDEX_22 = `96${'11'}${'020'}${fedexGround('98765431234567')}`; // FedEx Ground "96"
const USPS_22 = gs1('940011120255584233266'); // IMpb: 94 + SCNC + service + shipper + package
const USPS_20 = gs1('0307179000052348374'); // USPS 20
const USPS_S10 = s10('EA', '12345678', 'US');
const ROYAL_MAIL_S10 = s10('RB', '12345678', 'GB');
const CANADA_POST_S10 = s10('RR', '87654321', 'CA');
const DEUTSCHE_POST_S10 = s10('RR', '87654321', 'DE');
const ONTRAC = 'C11031500001879'; // from the format's published samples (check digit verified)

const carriersOf = (n: string): Carrier[] => detectCarriers(n).map((c) => c.carrier);

describe('tracking number → FeedAMP carrier candidates', () => {
  it('builds the test data with the published check digits of each carrier', () => {
    expect(USPS_S10).toBe('EA123456785US');
    expect(FEDEX_12).toBe('986578788855'); // a published FedEx sample
    expect(UPS).toBe('1Z5R89390357567127'); // a published UPS sample
  });

  it.each<[string, string, Carrier[]]>([
    ['UPS 1Z', UPS, ['UPS']],
    ['FedEx Express 12 digits', FEDEX_12, ['FedEx']],
    ['FedEx Ground 15 digits', FEDEX_15, ['FedEx']],
    ['FedEx SmartPost 20 digits', FEDEX_20, ['FedEx SmartPost']],
    ['FedEx Ground 96, 22 digits', FEDEX_22, ['FedEx']],
    ['USPS IMpb 22 digits', USPS_22, ['USPS']],
    ['USPS 20 digits', USPS_20, ['USPS']],
    ['USPS S10', USPS_S10, ['USPS']],
    ['Royal Mail S10', ROYAL_MAIL_S10, ['Royal Mail']],
    ['Canada Post S10', CANADA_POST_S10, ['Canada Post']],
    ['an S10 from a post FeedAMP has no carrier for', DEUTSCHE_POST_S10, ['Other']],
    ['OnTrac', ONTRAC, ['OnTrac']],
  ])('detects %s', (_name, number, carriers) => {
    expect(carriersOf(number)).toEqual(carriers);
    for (const c of detectCarriers(number)) expect(c.checkDigit).toBe('valid');
  });

  it('only ever answers with exact FeedAMP carrier strings', () => {
    const all = [UPS, FEDEX_12, FEDEX_15, FEDEX_20, FEDEX_22, USPS_22, USPS_20, USPS_S10, ONTRAC];
    for (const n of all) for (const c of carriersOf(n)) expect(CARRIERS).toContain(c);
  });

  it('offers every carrier that fits a 22-digit "92…29…" number, for the packer to pick', () => {
    const serial = '926129270076871194802';
    const number = gs1(serial);
    expect(carriersOf(number).sort()).toEqual(['FedEx SmartPost', 'USPS']);
  });

  it.each([
    ['UPS', `${UPS.slice(0, -1)}${(Number(UPS.slice(-1)) + 1) % 10}`],
    ['FedEx 12', FEDEX_12.slice(0, -1) + String((Number(FEDEX_12.slice(-1)) + 1) % 10)],
    ['FedEx 15', gs1Wrong('04144176022896')],
    ['USPS 22', gs1Wrong('940011120255584233266')],
    ['S10 EA123456789US', 'EA123456789US'],
  ])('refuses a %s number with a wrong check digit', (_name, number) => {
    expect(detectCarriers(number)).toEqual([]);
  });

  it('says which carrier a misread number looks like when its shape is distinctive', () => {
    expect(misreadTrackingCarriers('EA123456789US')).toEqual(['USPS']);
    expect(
      misreadTrackingCarriers(`${UPS.slice(0, -1)}${(Number(UPS.slice(-1)) + 1) % 10}`),
    ).toEqual(['UPS']);
    expect(misreadTrackingCarriers(gs1Wrong('940011120255584233266'))).toContain('USPS');
  });

  it('never calls a short all-digit code a misread tracking number (UPCs, order numbers)', () => {
    expect(misreadTrackingCarriers(gs1('03600029145'))).toEqual([]);
    expect(misreadTrackingCarriers('1234567890')).toEqual([]);
    expect(misreadTrackingCarriers(UPS)).toEqual([]);
  });

  it('marks formats without a check digit as shape-only', () => {
    expect(detectCarriers('GM2951173225174494')).toEqual([
      {
        carrier: 'DHL eCommerce',
        service: 'DHL E-Commerce',
        checkDigit: 'none',
        trackingNumber: 'GM2951173225174494',
      },
    ]);
  });

  it.each(['', '   ', 'hello', '12345', 'SKU-1001'])('finds no carrier for %j', (text) => {
    expect(detectCarriers(text)).toEqual([]);
  });

  it('reads a number with the spaces and lower case a person may type', () => {
    const spaced = `${UPS.slice(0, 2).toLowerCase()} ${UPS.slice(2, 8)} ${UPS.slice(8)}`;
    expect(normaliseTrackingNumber(spaced)).toBe(UPS);
    expect(detectCarriers(spaced)[0]).toMatchObject({ carrier: 'UPS', trackingNumber: UPS });
  });
});

describe('tracking links', () => {
  it.each<[Carrier, string, string]>([
    ['UPS', UPS, `https://www.ups.com/track?tracknum=${UPS}`],
    ['FedEx', FEDEX_12, `https://www.fedex.com/apps/fedextrack/?tracknumbers=${FEDEX_12}`],
    ['USPS', USPS_22, `https://tools.usps.com/go/TrackConfirmAction?tLabels=${USPS_22}`],
    ['DHL', '3318810025', 'https://www.dhl.com/en/express/tracking.html?AWB=3318810025&brand=DHL'],
  ])('links %s to its https tracking page', (carrier, number, url) => {
    expect(trackingUrl(carrier, number)).toBe(url);
    expect(isAllowedTrackingUrl(url)).toBe(true);
  });

  it('builds only https links on allowlisted hosts', () => {
    for (const carrier of CARRIERS) {
      const url = trackingUrl(carrier, 'ABC123');
      if (url === null) continue;
      expect(url.startsWith('https://')).toBe(true);
      expect(TRACKING_URL_HOSTS.has(new URL(url).host)).toBe(true);
    }
  });

  it('keeps a hostile scanned string inside the tracking number', () => {
    const url = trackingUrl('UPS', '1Z/../../evil?x=1#y');
    expect(url).toBe('https://www.ups.com/track?tracknum=1ZEVILX1Y');
  });

  it('has no link for a carrier without a known page or for an empty number', () => {
    expect(trackingUrl('Other', UPS)).toBeNull();
    expect(trackingUrl('UPS', ' - ')).toBeNull();
  });

  it.each([
    'http://www.ups.com/track?tracknum=1Z',
    'https://www.ups.com.evil.example/track',
    'https://evil.example/?https://www.ups.com/',
    'https://user:pw@www.ups.com/track',
    'https://www.ups.com:8443/track',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'not a url',
  ])('refuses to open %s', (url) => {
    expect(isAllowedTrackingUrl(url)).toBe(false);
  });
});
