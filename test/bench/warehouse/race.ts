// The race: 3 stations of one account open and ship each of 20 orders at the same moment, the
// sandbox's quantity check off (FeedAMP lets an over-shipment through, as it may). Goal: 0
// over-shipped lines, 0 lost packages with warehouse mode. The same race without it is run too,
// to show what the claims prevent (in the detail only: how much it over-ships depends on how
// soon one station's upload lands before the others check FeedAMP, 1 to 30 lines across runs).
import type { TestPostgres } from '../../support/postgres';
import {
  startPackStations,
  stopPackStations,
  untouchedOrders,
} from '../../unit/warehouse/pack-stations';
import { audit, race } from '../../unit/warehouse/same-moment';
import type { SummaryRow } from '../summary';

const STATIONS = 3;
const ORDERS = 20;

async function raceOnce(server: TestPostgres, warehouse: boolean) {
  const all = await startPackStations(server, {
    count: STATIONS,
    account: 'race',
    seed: 71,
    warehouse,
  });
  try {
    await all[0]!.h.admin('PUT', '/settings', { enforceQuantities: false });
    const orders = await untouchedOrders(all[0]!.h, ORDERS);
    const started = performance.now();
    const { accepted, refused } = await race(all, orders);
    const seconds = (performance.now() - started) / 1000;
    const { overShipped, lost } = await audit(all[0]!.h, orders, accepted);
    const shippedOnce = new Set(accepted.map((a) => a.orderId)).size;
    return {
      accepted: accepted.length,
      refused: refused.length,
      shippedOnce,
      overShipped,
      lost,
      seconds,
    };
  } finally {
    await stopPackStations(all);
  }
}

export async function sameMomentRace(server: TestPostgres) {
  const withClaims = await raceOnce(server, true);
  const without = await raceOnce(server, false);
  const rows: SummaryRow[] = [
    {
      target: `over-shipped lines, ${STATIONS} warehouse stations shipping the same ${ORDERS} orders at once`,
      goal: '0',
      measured: `${withClaims.overShipped.length}`,
      pass: withClaims.overShipped.length === 0,
    },
    {
      target: 'lost packages in that race',
      goal: '0',
      measured: `${withClaims.lost.length} of ${withClaims.accepted}; each of ${withClaims.shippedOnce} orders shipped by one station`,
      pass:
        withClaims.lost.length === 0 &&
        withClaims.shippedOnce === ORDERS &&
        withClaims.accepted === ORDERS,
    },
  ];
  const detail = {
    stations: STATIONS,
    orders: ORDERS,
    withWarehouse: { ...withClaims, seconds: +withClaims.seconds.toFixed(1) },
    withoutWarehouse: {
      accepted: without.accepted,
      overShippedLines: without.overShipped.length,
    },
  };
  return { rows, detail };
}
