import type { MarketplaceApp } from './model';

// OAuth clients of the Order Source API: Feedonomics issues one per marketplace during
// onboarding. The sandbox pre-registers one per demo marketplace with guessable secrets.
export const MARKETPLACE_APPS: MarketplaceApp[] = [
  {
    client_id: 'target',
    client_secret: 'target-secret',
    marketplace_name: 'Target',
    sales_channel: 'Target.com',
  },
  {
    client_id: 'walmart',
    client_secret: 'walmart-secret',
    marketplace_name: 'Walmart',
    sales_channel: 'Walmart.com',
  },
  {
    client_id: 'ebay',
    client_secret: 'ebay-secret',
    marketplace_name: 'eBay',
    sales_channel: 'ebay.com',
  },
  {
    client_id: 'amazon',
    client_secret: 'amazon-secret',
    marketplace_name: 'Amazon',
    sales_channel: 'Amazon.com',
  },
];
