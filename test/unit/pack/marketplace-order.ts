// Places an order on the sandbox the way a marketplace does (its Order Source API, OAuth as the
// Amazon app), so a test can have an order Amazon fulfils itself: the station syncs it like any.

const REDIRECT = 'https://marketplace.example/callback';

async function amazonToken(sandboxUrl: string): Promise<string> {
  const api = `${sandboxUrl}/marketplace/api/v1`;
  const authorize = await fetch(
    `${api}/authorize?response_type=code&client_id=amazon&redirect_url=${encodeURIComponent(REDIRECT)}`,
    { redirect: 'manual' },
  );
  const code = new URL(authorize.headers.get('location') ?? REDIRECT).searchParams.get('code');
  if (!code) throw new Error(`authorize answered ${authorize.status} without a code`);
  const token = await fetch(`${api}/access_token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'authorization_code',
      client_id: 'amazon',
      client_secret: 'amazon-secret',
      code,
    }),
  });
  const body = (await token.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`access_token answered ${token.status}`);
  return body.access_token;
}

/** An Amazon order awaiting shipment, fulfilled by Amazon (or not), with one line of `sku`. */
export async function placeAmazonOrder(
  sandboxUrl: string,
  number: string,
  options: { fulfilledByAmazon?: boolean; sku?: string; quantity?: number } = {},
): Promise<void> {
  const token = await amazonToken(sandboxUrl);
  const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 19) + 'Z';
  const res = await fetch(`${sandboxUrl}/marketplace/api/v1/orders/${number}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      mp_order_number: number,
      sales_channel: 'Amazon.com',
      customer: { full_name: 'Grace Hopper' },
      purchase_date: new Date().toISOString().slice(0, 19) + 'Z',
      currency: 'USD',
      shipping_address: {
        full_name: 'Grace Hopper',
        address1: '1 Compiler Lane',
        city: 'Arlington',
        state: 'VA',
        postal_code: '22201',
        country_code: 'USA',
      },
      order_lines: [
        {
          mp_line_number: '1',
          sku: options.sku ?? 'PL-MUG-SAGE',
          quantity: options.quantity ?? 2,
          unit_price: 14.99,
        },
      ],
      marketplace_state: 'AWAITING_SHIPMENT',
      latest_ship_date: inAWeek,
      is_marketplace_fulfilled: options.fulfilledByAmazon ?? true,
    }),
  });
  if (res.status !== 201) throw new Error(`placing ${number}: ${res.status} ${await res.text()}`);
}
