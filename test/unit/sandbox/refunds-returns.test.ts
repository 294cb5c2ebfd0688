import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';

let h: Harness;
afterEach(async () => h?.close());

type Refund = { id: string; cp_refund_number: string; refund_lines: Record<string, unknown>[] };
type Return = {
  id: string;
  order_id: string;
  return_type: string;
  return_lines: { id: string }[];
  normalized_marketplace_state: string;
  marketplace_state: string;
  rma: string;
};

/** The sandbox's write log holds this one write of `kind`, made to `ret` and its order. */
async function expectOneWrite(kind: string, ret: Return, write: Record<string, unknown>) {
  const log = await h.admin<{ writes: Record<string, unknown>[] }>('GET', `/writes?kind=${kind}`);
  expect(log.body.writes).toMatchObject([
    { kind, action: 'create', returnId: ret.id, orderId: ret.order_id, ...write },
  ]);
}

describe('sandbox order refunds', () => {
  it('creates a refund, echoes extra fields, and lists it under both cancellations and refunds', async () => {
    h = await startHarness();
    const order = await h.firstOrder();
    const body = {
      cp_refund_number: 'REFUND-1',
      refund_lines: [
        {
          feedamp_order_line_id: order.order_lines[0]!.id,
          refund_reason: 'customer_cancelled',
          refund_quantity: 1,
          item_refund: 1.5,
        },
      ],
      note_from_station: 'bench 2',
    };
    const r = await h.api<Refund>('POST', `/api/v2/orders/${order.id}/refunds`, body);
    expect(r.status).toBe(201);
    expect(r.body).toEqual({ id: expect.stringMatching(/^\d{18}$/), ...body });
    const list = await h.api<{ cancellations: Refund[]; refunds: Refund[] }>(
      'GET',
      `/api/v2/orders/${order.id}/refunds`,
    );
    expect(list.body.cancellations.map((x) => x.cp_refund_number)).toEqual(['REFUND-1']);
    expect(list.body.refunds).toEqual(list.body.cancellations);
    expect((await h.api('GET', `/api/v2/orders/${order.id}/refunds/${r.body.id}`)).body).toEqual(
      r.body,
    );
    expect((await h.api('GET', `/api/v2/orders/${order.id}/refunds/123`)).status).toBe(404);
  });

  it('refuses a cp_refund_number already used, even on another order', async () => {
    h = await startHarness();
    const page = await h.api<{ orders: { id: string; order_lines: { id: string }[] }[] }>(
      'GET',
      '/api/v2/orders?limit=2',
    );
    const [a, b] = page.body.orders;
    const line = (o: typeof a) => [
      { feedamp_order_line_id: o!.order_lines[0]!.id, refund_reason: 'customer_cancelled' },
    ];
    expect(
      (
        await h.api('POST', `/api/v2/orders/${a!.id}/refunds`, {
          cp_refund_number: 'DUP-1',
          refund_lines: line(a),
        })
      ).status,
    ).toBe(201);
    const dup = await h.api('POST', `/api/v2/orders/${b!.id}/refunds`, {
      cp_refund_number: 'DUP-1',
      refund_lines: line(b),
    });
    expect(dup.status).toBe(400);
    expect(dup.body.error).toMatch(/cp_refund_number DUP-1/);
  });

  it('refuses refunds without cp_refund_number or with a line not on the order', async () => {
    h = await startHarness();
    const order = await h.firstOrder();
    const missing = await h.api('POST', `/api/v2/orders/${order.id}/refunds`, {
      refund_lines: [{ feedamp_order_line_id: order.order_lines[0]!.id }],
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatch(/cp_refund_number is required/);
    const unknown = await h.api('POST', `/api/v2/orders/${order.id}/refunds`, {
      cp_refund_number: 'R-9',
      refund_lines: [{ feedamp_order_line_id: '555' }],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatch(/refund_lines\[0\]\.feedamp_order_line_id/);
  });

  it('refuses refunding more units than were ordered on a line', async () => {
    h = await startHarness();
    const order = await h.firstOrder();
    const line = order.order_lines[0]!;
    const r = await h.api('POST', `/api/v2/orders/${order.id}/refunds`, {
      cp_refund_number: 'R-OVER',
      refund_lines: [{ feedamp_order_line_id: line.id, refund_quantity: line.quantity + 1 }],
    });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(/refund_quantity/);
  });
});

describe('sandbox returns', () => {
  it('lists returns with cursor paging and filters by return_type, refusing an unknown one', async () => {
    h = await startHarness({ orders: 300 });
    const all = await h.api<{ returns: Return[]; next_cursor?: string }>(
      'GET',
      '/api/v2/returns?limit=250',
    );
    expect(all.body.returns.length).toBeGreaterThan(2);
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const r: { body: { returns: Return[]; next_cursor?: string } } = await h.api(
        'GET',
        `/api/v2/returns?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      paged.push(...r.body.returns.map((x) => x.id));
      cursor = r.body.next_cursor;
    } while (cursor);
    expect(paged).toEqual(all.body.returns.map((r) => r.id));
    const ship = await h.api<{ returns: Return[] }>(
      'GET',
      '/api/v2/returns?return_type=SHIP&limit=250',
    );
    expect(ship.body.returns.every((r) => r.return_type === 'SHIP')).toBe(true);
    const bad = await h.api('GET', '/api/v2/returns?return_type=MAIL');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/return_type/);
    expect(
      (await h.api('GET', '/api/v2/returns?imported_after=2025-06-01T00:00:00.5Z')).status,
    ).toBe(400);
  });

  it('gets one return, with its order on include_order=true, and 404 for an unknown id', async () => {
    h = await startHarness({ orders: 300 });
    const list = await h.api<{ returns: Return[] }>('GET', '/api/v2/returns?limit=1');
    const ret = list.body.returns[0]!;
    const one = await h.api<Return & { order?: { id: string } }>(
      'GET',
      `/api/v2/returns/${ret.id}?include_order=true`,
    );
    expect(one.body.order?.id).toBe(ret.order_id);
    expect(one.body.return_lines[0]?.id).toMatch(/^\d{18}$/);
    expect((await h.api('GET', '/api/v2/returns/100000000000000001')).status).toBe(404);
  });

  it('applies a refund to a return and refuses a return line that is not on it', async () => {
    h = await startHarness({ orders: 300 });
    const ret = (await h.api<{ returns: Return[] }>('GET', '/api/v2/returns?limit=1')).body
      .returns[0]!;
    const lines = [
      {
        feedamp_return_line_id: ret.return_lines[0]!.id,
        item_refund: 9.99,
        merchant_full_refund: true,
      },
    ];
    const r = await h.api<{ id: string }>('POST', `/api/v2/returns/${ret.id}/refunds`, {
      merchant_refund_lines: lines,
    });
    expect(r.status).toBe(201);
    expect(r.body).toEqual({ id: expect.stringMatching(/^\d{18}$/), merchant_refund_lines: lines });
    const refunded = await h.api<Return>('GET', `/api/v2/returns/${ret.id}`);
    expect(refunded.body).toMatchObject({
      normalized_marketplace_state: 'REFUNDED',
      marketplace_state: 'Refunded',
    });
    await expectOneWrite('return_refund', ret, {
      id: r.body.id,
      body: { merchant_refund_lines: lines },
    });
    const bad = await h.api('POST', `/api/v2/returns/${ret.id}/refunds`, {
      merchant_refund_lines: [{ feedamp_return_line_id: '42' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/merchant_refund_lines\[0\]\.feedamp_return_line_id/);
    expect((await h.api('POST', `/api/v2/returns/${ret.id}/refunds`, {})).body.error).toMatch(
      /merchant_refund_lines is required/,
    );
  });

  it('processes a return with run-operation?op=process', async () => {
    h = await startHarness({ orders: 300 });
    const list = await h.api<{ returns: Return[] }>(
      'GET',
      '/api/v2/returns?normalized_marketplace_state=PENDING_AUTHORIZATION&limit=1',
    );
    const ret = list.body.returns[0]!;
    const r = await h.api('POST', `/api/v2/returns/${ret.id}/run-operation?op=process`, {
      lines: [{ id: ret.return_lines[0]!.id }],
    });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ operation: 'process', response: {} });
    const after = await h.api<Return>('GET', `/api/v2/returns/${ret.id}`);
    expect(after.body).toMatchObject({
      normalized_marketplace_state: 'PENDING_CONFIRMATION',
      marketplace_state: 'Authorized',
    });
    await expectOneWrite('return_operation', ret, {
      body: { op: 'process', body: { lines: [{ id: ret.return_lines[0]!.id }] } },
    });
    expect((await h.api('POST', `/api/v2/returns/${ret.id}/run-operation`, {})).status).toBe(400);
  });
});
