// The demo's marketplaces and warehouse locations: how each marketplace numbers its orders,
// customers and lines, so the app shows numbers in the shapes packers meet on real orders.
import type { Location } from './model';
import { digits, type Random } from './prng';

export interface Marketplace {
  name: string;
  integration: string;
  integrationId: string;
  salesChannel: string;
  orderNumber: (r: Random) => string;
  customerNumber: (r: Random, mpNumber: string) => string;
  lineNumber: (r: Random, index: number, mpNumber: string) => string;
}

export const MARKETPLACES: Marketplace[] = [
  {
    name: 'Target',
    integration: 'Target Plus',
    integrationId: '109872189273610001',
    salesChannel: 'Target.com',
    orderNumber: (r) => `${digits(r, 10)}`,
    customerNumber: (r) => `9${digits(r, 11)}`,
    lineNumber: (_r, i) => String(i + 1),
  },
  {
    name: 'Walmart',
    integration: 'Walmart US',
    integrationId: '109872189273610002',
    salesChannel: 'Walmart.com',
    orderNumber: (r) => `10${digits(r, 11)}`,
    customerNumber: (r) => `20${digits(r, 11)}`,
    lineNumber: (_r, i) => String(i + 1),
  },
  {
    name: 'eBay',
    integration: 'eBay Store',
    integrationId: '109872189273610003',
    salesChannel: 'ebay.com',
    orderNumber: (r) => `${r.int(10, 27)}-${digits(r, 5)}-${digits(r, 5)}`,
    customerNumber: (_r, mp) => mp,
    lineNumber: (r) => `${digits(r, 12)}-${digits(r, 13)}`,
  },
  {
    name: 'Amazon',
    integration: 'Amazon US',
    integrationId: '109872189273610004',
    salesChannel: 'Amazon.com',
    orderNumber: (r) => `${r.pick(['111', '112', '113', '114'])}-${digits(r, 7)}-${digits(r, 7)}`,
    customerNumber: (_r, mp) => mp,
    lineNumber: (r) => digits(r, 14),
  },
];

export const LOCATIONS: Location[] = [
  {
    source_location_id: 'SRC-7301',
    client_location_id: 'AUS-1',
    name: 'Austin Warehouse',
    address: '4100 Industrial Blvd, Austin, TX 78744',
    active: true,
  },
  {
    source_location_id: 'SRC-7302',
    client_location_id: 'RNO-2',
    name: 'Reno Fulfillment Center',
    address: '950 Logistics Way, Reno, NV 89506',
    active: true,
  },
  {
    source_location_id: 'SRC-7303',
    client_location_id: 'EDI-3',
    name: 'Edison Store',
    address: '275 Route 1 South, Edison, NJ 08817',
    active: true,
  },
];
