// The demo catalogue: a fixed list of products and variants, each with a seeded UPC-A or
// EAN-13 barcode and a bin location, so item codes repeat across orders as on a real bench.
import { createRandom, digits } from './prng';

const PRODUCTS: [code: string, name: string, price: number, variants: string[]][] = [
  ['TEE', 'Organic Cotton Crew Tee', 18, ['BLK-S', 'BLK-M', 'BLK-L', 'WHT-M', 'NVY-L']],
  ['HOOD', 'Heavyweight Pullover Hoodie', 48, ['GRY-M', 'GRY-L', 'BLK-XL']],
  ['SOCK', 'Merino Hiking Socks 2-Pack', 22, ['M', 'L']],
  ['MUG', 'Stoneware Coffee Mug 12 oz', 14, ['SAGE', 'SAND', 'SLATE']],
  ['BOTL', 'Insulated Water Bottle 24 oz', 29, ['BLU', 'BLK', 'CRL']],
  ['LAMP', 'LED Desk Lamp with USB-C', 39, ['WHT', 'BLK']],
  ['CBL', 'USB-C to USB-C Cable 2 m', 12, ['1PK', '3PK']],
  ['CHRG', '65 W GaN Wall Charger', 45, ['WHT']],
  ['BAND', 'Resistance Band Set', 24, ['LIGHT', 'HEAVY']],
  ['YOGA', 'Non-Slip Yoga Mat 6 mm', 35, ['PRP', 'TEAL']],
  ['CAND', 'Soy Candle, Cedar & Sage', 19, ['8OZ', '14OZ']],
  ['PAN', 'Cast Iron Skillet 10 in', 34, ['STD']],
  ['KNF', "Chef's Knife 8 in", 59, ['STD']],
  ['TOWL', 'Turkish Cotton Bath Towel', 27, ['WHT', 'GRY', 'SND']],
  ['PILL', 'Memory Foam Pillow', 44, ['STD', 'KING']],
  ['BKPK', 'Roll-Top Backpack 22 L', 79, ['BLK', 'OLV']],
  ['CAP', 'Washed Twill Baseball Cap', 21, ['KHK', 'NVY', 'BLK']],
  ['NOTE', 'Dot-Grid Notebook A5', 11, ['BLK', 'RED', '3PK']],
  ['PEN', 'Gel Pen Set, 0.5 mm', 9, ['12PK', '24PK']],
  ['PUZ', 'Jigsaw Puzzle 1000 pc, Coastline', 23, ['STD']],
  ['DOG', 'Rope Dog Toy', 13, ['SM', 'LG']],
  ['BOWL', 'Stainless Pet Bowl', 15, ['SM', 'MD', 'LG']],
  ['EARB', 'Wireless Earbuds', 69, ['BLK', 'WHT']],
  ['SPKR', 'Portable Bluetooth Speaker', 55, ['BLU', 'RED']],
  ['GLV', 'Touchscreen Knit Gloves', 17, ['S/M', 'L/XL']],
  ['SCRF', 'Lambswool Scarf', 38, ['CML', 'GRY']],
  ['PLNT', 'Ceramic Planter 6 in', 26, ['WHT', 'TERR']],
  ['SEED', 'Herb Garden Seed Kit', 16, ['STD']],
  ['JAR', 'Glass Storage Jar with Bamboo Lid', 12, ['16OZ', '32OZ', '64OZ']],
  ['APRN', 'Waxed Canvas Apron', 42, ['BRN', 'BLK']],
  ['BLKT', 'Chunky Knit Throw Blanket', 64, ['CRM', 'GRY', 'SAGE']],
  ['TRAY', 'Acacia Serving Tray', 31, ['SM', 'LG']],
];

function checkDigitUpc(body11: string): string {
  let sum = 0;
  for (let i = 0; i < 11; i += 1) sum += Number(body11[i]) * (i % 2 === 0 ? 3 : 1);
  return String((10 - (sum % 10)) % 10);
}

function checkDigitEan(body12: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i += 1) sum += Number(body12[i]) * (i % 2 === 0 ? 1 : 3);
  return String((10 - (sum % 10)) % 10);
}

const VARIANT_WORDS: Record<string, string> = {
  BLK: 'Black',
  WHT: 'White',
  NVY: 'Navy',
  GRY: 'Gray',
  BLU: 'Blue',
  CRL: 'Coral',
  PRP: 'Purple',
  TEAL: 'Teal',
  SAGE: 'Sage',
  SAND: 'Sand',
  SND: 'Sand',
  SLATE: 'Slate',
  OLV: 'Olive',
  KHK: 'Khaki',
  RED: 'Red',
  CML: 'Camel',
  TERR: 'Terracotta',
  BRN: 'Brown',
  CRM: 'Cream',
  S: 'Small',
  M: 'Medium',
  L: 'Large',
  XL: 'X-Large',
  SM: 'Small',
  MD: 'Medium',
  LG: 'Large',
  LIGHT: 'Light',
  HEAVY: 'Heavy',
  KING: 'King',
};

function variantLabel(variant: string): string {
  return variant
    .split('-')
    .map(
      (part) =>
        VARIANT_WORDS[part] ?? part.replace(/^(\d+)PK$/, '$1-Pack').replace(/^(\d+)OZ$/, '$1 oz'),
    )
    .join(' / ');
}

export interface CatalogueItem {
  sku: string;
  name: string;
  price: number;
  code: { upc: string } | { ean: string };
  bin: string;
}

export function buildCatalogue(seed: number): CatalogueItem[] {
  const r = createRandom(seed ^ 0x5eed);
  const items: CatalogueItem[] = [];
  for (const [code, name, price, variants] of PRODUCTS) {
    for (const variant of variants) {
      const useEan = r.chance(0.3);
      const body = useEan ? `40${digits(r, 10)}` : `0${digits(r, 10)}`;
      const label = variant === 'STD' ? name : `${name}, ${variantLabel(variant)}`;
      items.push({
        sku: `PL-${code}-${variant.replace(/\//g, '')}`,
        name: label,
        price: Math.round((price + r.int(-2, 3)) * 100 - 1) / 100,
        code: useEan ? { ean: body + checkDigitEan(body) } : { upc: body + checkDigitUpc(body) },
        bin: `${r.pick(['A', 'B', 'C', 'D'])}-${String(r.int(1, 24)).padStart(2, '0')}-${r.int(1, 5)}`,
      });
    }
  }
  return items;
}
