import { describe, expect, it } from 'vitest';
import { validateRequest, validateResponse } from './openapi';

// The validator is the yardstick of every contract test; it must itself catch departures.
describe('openapi.yaml validator', () => {
  const headers = { token: 't', client: '1001', authorization: 'Basic ZGVtbzpkZW1v' };

  it('accepts a documented shipment request', () => {
    const errors = validateRequest({
      method: 'POST',
      path: '/api/v2/orders/109872189273617283/fulfillments',
      headers,
      body: {
        fulfillment_type: 'shipment',
        fulfillment_lines: [{ line_id: '1', quantity: 1 }],
        shipment: {
          shipped_date: '2020-01-01T12:34:56-05:00',
          carrier: 'UPS',
          tracking_number: '1Z1',
        },
      },
    });
    expect(errors).toEqual([]);
  });

  it('rejects a carrier outside the enum, a missing token and an undocumented query', () => {
    const errors = validateRequest({
      method: 'POST',
      path: '/api/v2/orders/1/fulfillments?foo=1',
      headers: { client: '1001', authorization: 'Basic eA==' },
      body: {
        fulfillment_type: 'shipment',
        fulfillment_lines: [{ line_id: '1', quantity: 1 }],
        shipment: {
          shipped_date: '2020-01-01T12:34:56-05:00',
          carrier: 'Fedex',
          tracking_number: '1',
        },
      },
    });
    expect(errors.join('\n')).toMatch(/token is required/);
    expect(errors.join('\n')).toMatch(/foo is not documented/);
    expect(errors.some((e) => e.startsWith('body'))).toBe(true);
  });

  it('rejects a date filter with fractional seconds and a limit above 250', () => {
    const errors = validateRequest({
      method: 'GET',
      path: '/api/v2/orders',
      query: { marketplace_state_changed_after: '2024-01-01T00:00:00.5+00:00', limit: '251' },
      headers,
    });
    expect(errors).toHaveLength(2);
  });

  it('checks response bodies, status codes and unknown paths', () => {
    expect(
      validateResponse({
        method: 'GET',
        path: '/api/v2/orders',
        status: 200,
        body: { orders: [{ id: 12 }] },
      }),
    ).not.toEqual([]);
    expect(
      validateResponse({
        method: 'GET',
        path: '/api/v2/orders',
        status: 200,
        body: { orders: [], next_cursor: 'x' },
      }),
    ).toEqual([]);
    expect(
      validateResponse({ method: 'GET', path: '/api/v2/orders', status: 418, body: {} }),
    ).not.toEqual([]);
    expect(validateRequest({ method: 'GET', path: '/api/v3/nothing' })).not.toEqual([]);
  });
});
