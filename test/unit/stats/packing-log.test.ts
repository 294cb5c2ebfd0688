// The packing log behind the Stats screen: what it keeps survives a restart, "today" and "this
// week" follow the station's local calendar, orders per hour and the average open-to-ship time
// are counted as a lead would count them by hand. Times are built with local-time constructors,
// so the tests hold in any time zone the machine is set to.
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../main/log';
import type { OutboxEntry } from '../../../main/station/outbox/entries';
import { PackingLog } from '../../../main/station/stats/packing-log';
import type { OrderView } from '../../../preload/api/orders';

const ORDERS: Record<string, OrderView> = {
  '101': {
    id: '101',
    marketplaceOrderNumber: 'AMZ-101',
    lines: [
      { id: '1', sku: 'MUG', quantity: 2, codes: [] },
      { id: '2', sku: 'CUP', quantity: 3, codes: [] },
    ],
  } as unknown as OrderView,
  '102': {
    id: '102',
    marketplaceOrderNumber: 'AMZ-102',
    lines: [{ id: '3', sku: 'TEA', quantity: 1, codes: [] }],
  } as unknown as OrderView,
  '103': {
    id: '103',
    lines: [{ id: '4', name: 'Spoon', quantity: 4, codes: [] }],
  } as unknown as OrderView,
};

/** Thursday 3 December 2026, local time; the week began on Monday 30 November. */
const at = (day: number, hour: number, minute = 0, second = 0) =>
  new Date(2026, 11, day, hour, minute, second);

class Clock {
  constructor(public now: Date) {}
  set(date: Date) {
    this.now = date;
  }
}

let entrySeq = 0;
function shipment(orderId: string, lines: [string, number][], tracking = '1Z999'): OutboxEntry {
  entrySeq++;
  return {
    id: `entry-${entrySeq}`,
    seq: entrySeq,
    write: {
      kind: 'fulfillment.create',
      orderId,
      body: {
        fulfillment_type: 'shipment',
        fulfillment_lines: lines.map(([line_id, quantity]) => ({ line_id, quantity })),
        shipment: { carrier: 'UPS', tracking_number: tracking, shipped_date: '2026-12-03' },
      },
    },
    state: 'pending',
    attempts: 0,
    uncertain: false,
    createdAt: '',
    updatedAt: '',
    station: 'Bench 1',
    packer: 'Ana',
    origin: 'station',
  };
}

function cancellation(orderId: string, lines: [string, number][], reason: string): OutboxEntry {
  const entry = shipment(orderId, []);
  return {
    ...entry,
    write: {
      kind: 'cancellation.create',
      orderId,
      body: {
        reason,
        cancellation_lines: lines.map(([line_id, quantity]) => ({ line_id, quantity })),
      },
    },
  } as OutboxEntry;
}

const logs: PackingLog[] = [];
afterEach(async () => {
  for (const log of logs.splice(0)) await log.close();
});

async function openLog(dir: string, clock: Clock, packerName = 'Ana') {
  const log = await PackingLog.open({
    dir,
    log: silentLogger,
    order: (id) => ORDERS[id],
    identity: () => ({ packerName, stationName: 'Bench 1' }),
    now: () => clock.now,
  });
  logs.push(log);
  return log;
}

const freshDir = () => mkdtempSync(join(tmpdir(), 'packing-log-'));

describe('the packing log', () => {
  it('keeps every package, mis-scan and cancellation across a restart, in a private file', async () => {
    const dir = freshDir();
    const clock = new Clock(at(3, 9, 0));
    const first = await openLog(dir, clock);
    first.opened('101');
    clock.set(at(3, 9, 1));
    await first.scanned('101', 'ok');
    // An item main counted as a scan, which the Pack screen then refused as one too many.
    await first.scanned('101', 'ok');
    await first.scanned('101', 'over-scan');
    await first.scanned('101', 'wrong-item');
    clock.set(at(3, 9, 4));
    first.queued(
      shipment('101', [
        ['1', 2],
        ['2', 1],
      ]),
    );
    first.queued(cancellation('101', [['2', 2]], 'out_of_stock'));
    await first.close();
    logs.splice(logs.indexOf(first), 1);

    const again = await openLog(dir, clock);
    const [pkg, ...more] = again.packagesToday();
    expect(more).toEqual([]);
    expect(pkg).toMatchObject({
      orderId: '101',
      orderNumber: 'AMZ-101',
      lines: [
        { sku: 'MUG', quantity: 2 },
        { sku: 'CUP', quantity: 1 },
      ],
      carrier: 'UPS',
      tracking: '1Z999',
      packer: 'Ana',
      station: 'Bench 1',
      openedAt: at(3, 9, 0).toISOString(),
      at: at(3, 9, 4).toISOString(),
      misScans: 2,
    });
    const summary = again.summary();
    expect(summary.scans).toEqual({
      scans: 3,
      misScans: 2,
      wrongItem: 1,
      overScan: 1,
      notUnderstood: 0,
    });
    expect(summary.cancellations).toEqual([{ reason: 'out_of_stock', count: 1, units: 2 }]);
    expect(summary.averageOpenToShipMs).toBe(4 * 60_000);
    if (process.platform !== 'win32')
      expect(statSync(join(dir, 'packing-log.journal')).mode & 0o777).toBe(0o600);
  });

  it('counts the mis-scans of each package once: the next package of the order starts at zero', async () => {
    const clock = new Clock(at(3, 10));
    const log = await openLog(freshDir(), clock);
    log.opened('101');
    await log.scanned('101', 'not-understood');
    log.queued(shipment('101', [['1', 1]]));
    log.opened('101');
    await log.scanned('102', 'wrong-item');
    log.queued(shipment('101', [['1', 1]]));
    await log.flush();
    expect(log.packagesToday().map((p) => p.misScans)).toEqual([1, 0]);
  });

  it('keeps the first opening of an order: a refresh (opened again) does not restart its clock', async () => {
    const clock = new Clock(at(3, 11, 0));
    const log = await openLog(freshDir(), clock);
    log.opened('102');
    clock.set(at(3, 11, 5));
    log.opened('102');
    clock.set(at(3, 11, 6));
    log.queued(shipment('102', [['3', 1]]));
    await log.flush();
    expect(log.summary().averageOpenToShipMs).toBe(6 * 60_000);
  });

  it('"today" starts at local midnight and "this week" on Monday', async () => {
    const clock = new Clock(new Date(2026, 10, 29, 23, 30));
    // Sunday 29 November 23:30: last week.
    const log = await openLog(freshDir(), clock);
    log.queued(shipment('101', [['1', 2]]));
    // Monday 30 November 00:30: this week, not today.
    clock.set(new Date(2026, 10, 30, 0, 30));
    log.queued(shipment('102', [['3', 1]]));
    // Wednesday 2 December 23:59:59: this week, not today.
    clock.set(at(2, 23, 59, 59));
    log.queued(shipment('103', [['4', 4]]));
    // Thursday 3 December 00:00:00: today.
    clock.set(at(3, 0, 0, 0));
    log.queued(shipment('101', [['2', 3]]));
    await log.flush();

    clock.set(at(3, 15));
    const summary = log.summary();
    expect(summary.day).toBe('2026-12-03');
    expect(summary.weekStarts).toBe('2026-11-30');
    expect(summary.today).toEqual({ orders: 1, packages: 1, units: 3 });
    expect(summary.week).toEqual({ orders: 3, packages: 3, units: 8 });
    expect(log.packagesToday().map((p) => p.orderId)).toEqual(['101']);

    // A week later nothing of it is "this week" any more.
    clock.set(new Date(2026, 11, 7, 8));
    expect(log.summary().week).toEqual({ orders: 0, packages: 0, units: 0 });
  });

  it('buckets orders by local hour: one order with two packages in an hour counts once', async () => {
    const clock = new Clock(at(3, 9, 10));
    const log = await openLog(freshDir(), clock);
    log.queued(shipment('101', [['1', 1]]));
    clock.set(at(3, 9, 50));
    log.queued(shipment('101', [['1', 1]]));
    log.queued(shipment('102', [['3', 1]]));
    clock.set(at(3, 10, 0));
    log.queued(shipment('103', [['4', 2]]));
    clock.set(at(3, 14, 59, 59));
    log.queued(shipment('103', [['4', 2]]));
    await log.flush();
    const hours = log.summary().ordersByHour;
    expect(hours).toHaveLength(24);
    expect(hours[9]).toBe(2);
    expect(hours[10]).toBe(1);
    expect(hours[14]).toBe(1);
    expect(hours.reduce((n, h) => n + h, 0)).toBe(4);
    expect(log.summary().today).toEqual({ orders: 3, packages: 5, units: 7 });
  });

  it('averages open-to-ship over the packages whose opening it saw, and per packer', async () => {
    const clock = new Clock(at(3, 8, 0));
    let packer = 'Ana';
    const log = await PackingLog.open({
      dir: freshDir(),
      log: silentLogger,
      order: (id) => ORDERS[id],
      identity: () => ({ packerName: packer, stationName: '' }),
      now: () => clock.now,
    });
    logs.push(log);
    const unnamed = (e: OutboxEntry): OutboxEntry => ({ ...e, packer: undefined });
    log.opened('101');
    clock.set(at(3, 8, 2));
    await log.scanned('101', 'ok');
    log.queued(unnamed(shipment('101', [['1', 2]]))); // Ana: 2 min
    packer = 'Ben';
    log.opened('102');
    clock.set(at(3, 8, 10));
    await log.scanned('102', 'ok');
    await log.scanned('102', 'over-scan');
    await log.scanned('102', 'ok');
    log.queued(unnamed(shipment('102', [['3', 1]]))); // Ben: 8 min
    // Queued without this station seeing it opened: no time, left out of the average.
    log.queued(unnamed(shipment('103', [['4', 1]])));
    await log.flush();

    const summary = log.summary();
    expect(summary.averageOpenToShipMs).toBe(5 * 60_000);
    expect(summary.packers).toEqual([
      {
        packer: 'Ana',
        orders: 1,
        packages: 1,
        units: 2,
        averageOpenToShipMs: 2 * 60_000,
        scans: 1,
        misScans: 0,
      },
      {
        packer: 'Ben',
        orders: 2,
        packages: 2,
        units: 2,
        averageOpenToShipMs: 8 * 60_000,
        scans: 2,
        misScans: 1,
      },
    ]);
  });

  it('compacts: records older than three weeks leave the file, this week stays after a restart', async () => {
    const dir = freshDir();
    const clock = new Clock(new Date(2026, 10, 1, 12));
    const options = {
      dir,
      log: silentLogger,
      order: (id: string) => ORDERS[id],
      identity: () => ({ packerName: 'Ana', stationName: 'Bench 1' }),
      now: () => clock.now,
      compactAfterBytes: 2000,
    };
    const log = await PackingLog.open(options);
    for (let i = 0; i < 10; i++) log.queued(shipment('101', [['1', 1]], `OLD${i}`));
    await log.flush();
    clock.set(at(3, 9));
    for (let i = 0; i < 10; i++) log.queued(shipment('102', [['3', 1]], `NEW${i}`));
    await log.flush();
    await log.close();
    const onDisk =
      readFileSync(join(dir, 'packing-log.snapshot.json'), 'utf8') +
      readFileSync(join(dir, 'packing-log.journal'), 'utf8');
    expect(onDisk).not.toContain('OLD');
    expect(onDisk).toContain('NEW9');

    const again = await PackingLog.open(options);
    logs.push(again);
    expect(again.summary().week.packages).toBe(10);
    expect(again.exportToday().text).not.toContain('OLD');
    expect(again.packagesToday().map((p) => p.tracking)).toEqual(
      Array.from({ length: 10 }, (_, i) => `NEW${i}`),
    );
  });

  it('counts what main made of each scan on an open order, and nothing without one', async () => {
    const log = await openLog(freshDir(), new Clock(at(3, 12)));
    const unknown = (reason: 'wrong-item' | 'unrecognised' | 'empty' | 'no-open-order') =>
      ({ kind: 'unknown', code: 'X', reason, message: 'No.', learnable: false }) as const;
    log.judged('101', { kind: 'item', code: 'MUG', orderId: '101', lineIds: ['1'] });
    log.judged('101', { kind: 'order', code: 'AMZ-102', orderIds: ['102'] });
    log.judged('101', unknown('wrong-item'));
    log.judged('101', unknown('unrecognised'));
    log.judged('101', unknown('empty'));
    log.judged(null, unknown('no-open-order'));
    log.judged(null, { kind: 'order', code: 'AMZ-101', orderIds: ['101'] });
    await log.flush();
    expect(log.summary().scans).toEqual({
      scans: 5,
      misScans: 3,
      wrongItem: 1,
      overScan: 0,
      notUnderstood: 2,
    });
  });

  it('names the CSV after the station and the day, and lists only today', async () => {
    const clock = new Clock(at(2, 17));
    const log = await openLog(freshDir(), clock);
    log.queued(shipment('102', [['3', 1]]));
    clock.set(at(3, 9));
    log.queued(shipment('101', [['1', 2]], '1ZTODAY'));
    await log.flush();
    const file = log.exportToday();
    expect(file.fileName).toBe('packing-log-Bench-1-2026-12-03.csv');
    expect(file.packages).toBe(1);
    expect(file.text).toContain('1ZTODAY');
    expect(file.text).not.toContain('AMZ-102');
  });
});
