// Seeded demo buyers: names, emails, phones and US addresses.
import type { Address } from './model';
import type { Random } from './prng';

const FIRST = [
  'Ava',
  'Liam',
  'Maya',
  'Noah',
  'Zoe',
  'Ethan',
  'Priya',
  'Mateo',
  'Grace',
  'Omar',
  'Hana',
  'Lucas',
  'Chloe',
  'Diego',
  'Nora',
  'Kenji',
  'Isla',
  'Samuel',
  'Leah',
  'Tariq',
];
const LAST = [
  'Johnson',
  'Nguyen',
  'Garcia',
  'Patel',
  'Smith',
  "O'Brien",
  'Kowalski',
  'Kim',
  'Okafor',
  'Rossi',
  'Dubois',
  'Hernández',
  'Cohen',
  'Larsen',
  'Tanaka',
  'Brown',
  'Müller',
  'Singh',
];
const STREETS = [
  'Maple Ave',
  'Oak St',
  'Elm Dr',
  'Cedar Ln',
  'Pine Ct',
  'Lakeview Rd',
  'Sunset Blvd',
  'Main St',
  '2nd Ave',
  'Willow Way',
];
const CITIES: [string, string, string][] = [
  ['Portland', 'OR', '97205'],
  ['Denver', 'CO', '80203'],
  ['Columbus', 'OH', '43215'],
  ['Raleigh', 'NC', '27601'],
  ['Madison', 'WI', '53703'],
  ['Tucson', 'AZ', '85701'],
  ['Albany', 'NY', '12207'],
  ['Boise', 'ID', '83702'],
  ['Savannah', 'GA', '31401'],
  ['Spokane', 'WA', '99201'],
  ['Burlington', 'VT', '05401'],
  ['Omaha', 'NE', '68102'],
];
export function person(r: Random): {
  name: string;
  email: string;
  phone: string;
  address: Address;
} {
  const first = r.pick(FIRST);
  const last = r.pick(LAST);
  const [city, state, zip] = r.pick(CITIES);
  const phone = `${r.int(200, 989)}-555-${String(r.int(100, 9999)).padStart(4, '0')}`;
  return {
    name: `${first} ${last}`,
    email: `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '') + `${r.int(1, 99)}@example.com`,
    phone,
    address: {
      full_name: `${first} ${last}`,
      address1: `${r.int(10, 9899)} ${r.pick(STREETS)}`,
      ...(r.chance(0.25) ? { address2: `Apt ${r.int(1, 40)}${r.pick(['', 'A', 'B'])}` } : {}),
      city,
      state,
      postal_code: zip,
      country_code: 'USA',
      country_code_iso2: 'US',
      phone,
      address_type: r.chance(0.85) ? 'residential' : 'business',
    },
  };
}
