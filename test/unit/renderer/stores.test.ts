// The page's stores as the packer meets them: what a scan or a typed number leads to, what a
// wave does next, what the Returns desk and the Outbox say after an action. Main is a fake behind
// the bridge that answers each call as the test says.
import { beforeEach, describe, expect, it } from 'vitest';
import type { OutboxCounts } from '../../../preload/api/outbox';
import type { WaveView } from '../../../preload/api/waves';
import { useOrdersStore } from '../../../renderer/store/orders';
import { useOutboxStore } from '../../../renderer/store/outbox';
import { COMMANDS, usePackStore } from '../../../renderer/store/pack';
import { useReturnsStore } from '../../../renderer/store/returns';
import { useWaveStore } from '../../../renderer/store/wave';
import { fakeMain, refuse } from './fake-bridge';

const main = fakeMain();

beforeEach(() => {
  usePackStore.getState().close();
  usePackStore.setState({ message: undefined });
  useOrdersStore.setState({
    orders: [],
    openId: undefined,
    detail: undefined,
    detailError: undefined,
    choices: undefined,
    scanMessage: undefined,
  });
  useWaveStore.setState({ wave: null, notice: undefined, summaryOpen: false });
  useReturnsStore.setState({ openId: undefined, scanMessage: undefined, choices: undefined });
  useOutboxStore.setState({
    counts: undefined,
    upload: undefined,
    error: undefined,
    notice: undefined,
  });
});

/** Order 5001's second package: one unit of its one line left, `pack` as the test sets it. */
function oneUnitLeft(pack: Partial<ReturnType<typeof usePackStore.getState>>) {
  return {
    orderId: '5001',
    order: {
      id: '5001',
      lineCount: 1,
      unitCount: 2,
      skus: ['TEE-S'],
      names: ['Tee'],
      leftFilter: false,
      cancelledByMarketplace: false,
      lines: [{ id: 'L1', sku: 'TEE-S', name: 'Tee', quantity: 2, codes: [] }],
    },
    progress: {
      orderId: '5001',
      lines: [
        { lineId: 'L1', ordered: 2, shipped: 1, cancelled: 0, queued: 0, left: 1, excess: 0 },
      ],
      records: [],
      complete: false,
    },
    ...pack,
  };
}

/** Main's answer to shipping that package: queued, and nothing left on the order. */
function shipped() {
  return {
    entry: {
      id: 'e1',
      kind: 'fulfillment',
      orderId: '5001',
      description: 'Package for order 5001',
      state: 'pending',
      attempts: 0,
      createdAt: '2026-12-03T10:00:00.000Z',
      lines: [{ lineId: 'L1', quantity: 1 }],
    },
    state: {
      orderId: '5001',
      lines: [
        { lineId: 'L1', ordered: 2, shipped: 1, cancelled: 0, queued: 1, left: 0, excess: 0 },
      ],
      records: [],
      complete: true,
    },
  };
}

describe('a scan on the Pack screen', () => {
  it('shows main’s sentence when main cannot read the code', async () => {
    main.answers['pack.scan'] = refuse('NOT_FOUND', 'Nothing on this station has code ZZ-9.');
    await usePackStore.getState().scan('  ZZ-9 ');
    expect(main.calls).toEqual([
      { method: 'pack.scan', input: { code: 'ZZ-9', openOrderId: null } },
    ]);
    expect(usePackStore.getState().message).toMatchObject({
      tone: 'error',
      text: 'Nothing on this station has code ZZ-9.',
    });
  });

  it('the next-order barcode closes the open order without asking main', async () => {
    useOrdersStore.setState({ openId: '5001' });
    await usePackStore.getState().scan(COMMANDS.nextOrder);
    expect(useOrdersStore.getState().openId).toBeUndefined();
    expect(main.calls).toEqual([]);
  });

  it('handles scans one after another in the order they came', async () => {
    const asked: string[] = [];
    main.answers['pack.scan'] = async (input) => {
      const { code } = input as { code: string };
      // The first answer comes last: the second scan must still wait for it.
      await new Promise((r) => setTimeout(r, code === 'A-1' ? 30 : 0));
      asked.push(code);
      throw new Error('unreadable');
    };
    const { scan } = usePackStore.getState();
    await Promise.all([scan('A-1'), scan('B-2')]);
    expect(asked).toEqual(['A-1', 'B-2']);
  });

  it('Enter pressed while the tracking label’s scan is still with main ships that label', async () => {
    // The order's second package: the first one's carrier is still in the panel, its tracking
    // number is not, and the last unit is in the box.
    usePackStore.setState(oneUnitLeft({ box: { L1: 1 }, carrier: 'UPS', trackingNumber: '' }));
    main.answers['pack.scan'] = async () => {
      await new Promise((r) => setTimeout(r, 30));
      return {
        kind: 'tracking',
        code: '1Z5R89390300001021',
        trackingNumber: '1Z5R89390300001021',
        candidates: [{ carrier: 'UPS', service: 'UPS', checkDigit: 'valid' }],
      };
    };
    main.answers['pack.ship'] = shipped;
    const { scan, shipKey } = usePackStore.getState();
    await Promise.all([scan('1Z5R89390300001021'), shipKey()]);
    expect(main.calls.find((c) => c.method === 'pack.ship')?.input).toMatchObject({
      orderId: '5001',
      carrier: 'UPS',
      trackingNumber: '1Z5R89390300001021',
      lines: [{ lineId: 'L1', quantity: 1 }],
    });
    expect(usePackStore.getState().message?.text).toContain('order complete');
  });

  it('a scan answered on the page is counted by main before a Ship that follows at once', async () => {
    const tracking = '1Z5R89390300001021';
    usePackStore.setState(oneUnitLeft({ box: {}, carrier: 'UPS', trackingNumber: tracking }));
    main.answers['pack.ship'] = shipped;
    const { scan, shipKey } = usePackStore.getState();
    await scan('TEE-S'); // the open order's own item: the box fills without asking main
    expect(usePackStore.getState().box).toEqual({ L1: 1 });
    await shipKey();
    // The count goes after the frame that shows the scan, but never after the package.
    expect(main.calls.map((c) => c.method)).toEqual(['pack.scan', 'pack.ship']);
  });
});

describe('a typed or scanned order number', () => {
  it('says so when no order carries it', async () => {
    main.answers['orders.find'] = () => ({ orderIds: [] });
    await useOrdersStore.getState().openByCode(' 114-1 ');
    expect(useOrdersStore.getState().scanMessage).toBe(
      'No order with number 114-1 on this station.',
    );
  });

  it('opens the one order it names', async () => {
    main.answers['orders.find'] = () => ({ orderIds: ['5001'] });
    main.answers['orders.get'] = refuse('NOT_FOUND', 'Order 5001 is not on this station.');
    await useOrdersStore.getState().openByCode('114-1');
    expect(useOrdersStore.getState()).toMatchObject({
      openId: '5001',
      detailError: 'Order 5001 is not on this station.',
    });
  });

  it('lists the orders several carry, each as the list shows it', async () => {
    main.answers['orders.find'] = () => ({ orderIds: ['5001', '5002'] });
    await useOrdersStore.getState().openByCode('114-1');
    const choices = useOrdersStore.getState().choices;
    expect(choices?.code).toBe('114-1');
    expect(choices?.orders.map((o) => o.id)).toEqual(['5001', '5002']);
  });
});

describe('orders FeedAMP changed', () => {
  const listCalls = () => main.calls.filter((c) => c.method === 'orders.list').length;
  const debounced = () => new Promise((resolve) => setTimeout(resolve, 400));

  it('reach the list while it shows, and wait while an order is open over it', async () => {
    main.answers['orders.list'] = () => ({ orders: [] });
    main.answers['orders.get'] = refuse('NOT_FOUND', 'Order 5001 is not on this station.');
    const stop = useOrdersStore.getState().listen();
    try {
      main.emit('orders.changed', { count: 1 });
      await debounced();
      expect(listCalls()).toBe(1);

      // Packing: the whole list is not fetched again under the packer's scans...
      useOrdersStore.setState({ openId: '5001' });
      main.emit('orders.changed', { count: 1 });
      main.emit('orders.changed', { count: 2 });
      await debounced();
      expect(listCalls()).toBe(1);
      // ...only the open order is.
      expect(main.calls.filter((c) => c.method === 'orders.get')).toHaveLength(1);

      // Back on the list: it is fetched once, with what changed meanwhile.
      useOrdersStore.getState().close();
      expect(listCalls()).toBe(2);
      useOrdersStore.setState({ filter: { ...useOrdersStore.getState().filter } });
      expect(listCalls()).toBe(2);
    } finally {
      stop();
    }
  });
});

const wave = (patch: Partial<WaveView>): WaveView => ({
  id: 7,
  code: 'PL-WAVE-7',
  orderCount: 3,
  packed: [],
  skipped: [],
  left: [],
  itemFirst: false,
  ended: false,
  ...patch,
});
const order = (orderId: string) => ({ orderId, number: `#${orderId}` });

describe('a wave', () => {
  beforeEach(() => {
    main.answers['orders.get'] = refuse('NOT_FOUND', 'gone');
  });

  it('opens the order main chose next, and says which were skipped on the way', async () => {
    useWaveStore.setState({ wave: wave({ left: [order('1'), order('2'), order('3')] }) });
    main.answers['waves.next'] = () => ({
      wave: wave({
        packed: [order('1')],
        skipped: [{ ...order('2'), reason: 'cancelled by Amazon' }],
        left: [order('3')],
        currentOrderId: '3',
      }),
      orderId: '3',
    });
    await useWaveStore.getState().next(true);
    expect(useOrdersStore.getState().openId).toBe('3');
    expect(useWaveStore.getState().notice).toEqual({
      tone: 'info',
      text: 'Skipped #2: cancelled by Amazon.',
    });
  });

  it('says it is done and shows its summary when nothing is left', async () => {
    useOrdersStore.setState({ openId: '3' });
    main.answers['waves.next'] = () => ({ wave: wave({ packed: [order('1'), order('3')] }) });
    await useWaveStore.getState().next(true);
    expect(useOrdersStore.getState().openId).toBeUndefined();
    expect(useWaveStore.getState()).toMatchObject({
      notice: { tone: 'ok', text: 'Wave 7 is done.' },
      summaryOpen: true,
    });
  });

  it('asks for an item in item-first mode', async () => {
    main.answers['waves.start'] = () => ({ wave: wave({ itemFirst: true, left: [order('1')] }) });
    await useWaveStore.getState().start('PL-WAVE-7');
    expect(useOrdersStore.getState().scanMessage).toBe('Wave 7: scan an item.');
  });

  it('says what an ended wave packed, and main’s sentence when a step is refused', async () => {
    main.answers['waves.end'] = () => ({ wave: wave({ packed: [order('1')], ended: true }) });
    await useWaveStore.getState().end();
    expect(useOrdersStore.getState().scanMessage).toBe('Wave 7 ended: 1 of 3 packed.');
    main.answers['waves.start'] = refuse('NOT_FOUND', 'No pick list has code PL-WAVE-9.');
    await useWaveStore.getState().start('PL-WAVE-9');
    expect(useOrdersStore.getState().scanMessage).toBe('No pick list has code PL-WAVE-9.');
  });
});

const entry = {
  id: 'e1',
  kind: 'return.operation',
  description: 'mark return R-1 received',
  state: 'pending' as const,
  attempts: 0,
  createdAt: '2026-12-03T08:00:00Z',
  lines: [],
};

describe('the Returns desk', () => {
  it('asks for a return before any write', async () => {
    expect(await useReturnsStore.getState().runOperation('receive')).toEqual({
      ok: false,
      message: 'Open a return first.',
    });
    expect(main.calls).toEqual([]);
  });

  it('says what was queued for the open return, or why not', async () => {
    useReturnsStore.setState({ openId: 'R-1' });
    main.answers['returns.get'] = refuse('NOT_FOUND', 'gone');
    main.answers['returns.operation'] = () => entry;
    expect(await useReturnsStore.getState().runOperation('receive')).toEqual({
      ok: true,
      message: 'Queued: mark return R-1 received. It uploads in the background.',
    });
    main.answers['returns.refund'] = () => entry;
    const lines = [{ lineId: 'l1', quantity: 1 }];
    expect((await useReturnsStore.getState().refund(lines, false)).message).toBe(
      'Refund of 1 line queued. It uploads in the background.',
    );
    main.answers['returns.refund'] = refuse('FEEDAMP', 'FeedAMP refused the refund.');
    expect(await useReturnsStore.getState().refund(lines, false)).toEqual({
      ok: false,
      message: 'FeedAMP refused the refund.',
    });
  });

  it('says so when no return carries a scanned number, and lists several', async () => {
    main.answers['returns.find'] = () => ({ returnIds: [] });
    await useReturnsStore.getState().openByCode('RMA-9');
    expect(useReturnsStore.getState().scanMessage).toBe(
      'No return with number RMA-9 on this station.',
    );
    main.answers['returns.find'] = () => ({ returnIds: ['R-1', 'R-2'] });
    await useReturnsStore.getState().openByCode('RMA-9');
    expect(useReturnsStore.getState().choices).toEqual({ code: 'RMA-9', ids: ['R-1', 'R-2'] });
  });
});

const counts = (patch: Partial<OutboxCounts>): OutboxCounts => ({
  queued: 0,
  sending: 0,
  attention: 0,
  sentToday: 0,
  online: true,
  draining: false,
  ...patch,
});

describe('the Outbox', () => {
  it('says after Upload now whether anything still waits, and why', async () => {
    main.answers['outbox.uploadNow'] = () => counts({});
    await useOutboxStore.getState().uploadNow();
    expect(useOutboxStore.getState()).toMatchObject({
      notice: 'Everything waiting has been uploaded.',
      upload: undefined,
    });
    main.answers['outbox.uploadNow'] = () => counts({ queued: 2, online: false });
    await useOutboxStore.getState().uploadNow();
    expect(useOutboxStore.getState().notice).toBe(
      'Still offline — 2 waiting; they upload when FeedAMP answers again.',
    );
  });

  it('refuses a fix with a carrier FeedAMP does not know, without asking main', async () => {
    expect(await useOutboxStore.getState().fixShipment('e1', 'Pony Express', '1Z')).toBe(false);
    expect(useOutboxStore.getState().error).toBe('Choose a carrier from the list.');
    expect(main.calls).toEqual([]);
  });
});
