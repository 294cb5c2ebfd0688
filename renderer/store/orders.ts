// The cached orders as the list shows them, the list's search and filters, the order that is
// open, and `openByCode`: the one door every scan or typed order number goes through.
import { create } from 'zustand';
import type { OrderSummary, OrderView } from '../../preload/api/orders';
import { bridge } from '../bridge/api';
import { sentence } from '../bridge/sentence';
import { useAppStore } from './app';
import { NO_FILTER, prepareOrders, type ListedOrder, type OrderFilter } from './order-list';

/** Sync writes a page at a time; one refetch per burst of changes is enough. */
const REFRESH_DEBOUNCE_MS = 250;

interface OrdersState {
  orders: ListedOrder[];
  loaded: boolean;
  /** Set while the station is still loading its cached orders at start (count when known). */
  loading?: { orders?: number };
  loadError?: string;
  filter: OrderFilter;
  /** The order open in the detail view, with its full view once fetched. */
  openId?: string;
  detail?: OrderView;
  detailError?: string;
  /** A scanned number several orders carry: the packer picks one. */
  choices?: { code: string; orders: OrderSummary[] };
  /** What the last scan or typed number did not find, in a sentence. */
  scanMessage?: string;
  /** A good message (item first: "Shipped. Scan the next item.") reads green, not red. */
  scanMessageGood?: boolean;
  refresh: () => Promise<void>;
  listen: () => () => void;
  setFilter: (patch: Partial<OrderFilter>) => void;
  open: (id: string) => Promise<void>;
  close: () => void;
  openByCode: (code: string) => Promise<void>;
  dismissChoices: () => void;
}

const orders = {
  get: (): OrdersState => useOrdersStore.getState(),
  set: (patch: Partial<OrdersState>): void => useOrdersStore.setState(patch),
};

async function fetchDetail(id: string): Promise<void> {
  try {
    const detail = await bridge().call('orders.get', { id });
    if (orders.get().openId === id) orders.set({ detail, detailError: undefined });
  } catch (error) {
    if (orders.get().openId === id) orders.set({ detailError: sentence(error) });
  }
}

/** The orders a scanned number names, as the list has them (a bare id until it does). */
function orderChoices(orderIds: readonly string[], listed: readonly ListedOrder[]) {
  const byId = new Map(listed.map((o) => [o.id, o]));
  return orderIds.map(
    (id): OrderSummary =>
      byId.get(id) ?? {
        id,
        lineCount: 0,
        unitCount: 0,
        skus: [],
        names: [],
        leftFilter: false,
        cancelledByMarketplace: false,
      },
  );
}

/** A scanned or typed number: opens its order, lists the orders it fits, or says none does. */
async function openByCode(raw: string): Promise<void> {
  const code = raw.trim();
  if (!code) return;
  orders.set({ scanMessage: undefined, scanMessageGood: undefined, choices: undefined });
  let orderIds: string[];
  try {
    ({ orderIds } = await bridge().call('orders.find', { code }));
  } catch (error) {
    orders.set({ scanMessage: sentence(error) });
    return;
  }
  const [only] = orderIds;
  if (orderIds.length === 0) {
    orders.set({ scanMessage: `No order with number ${code} on this station.` });
  } else if (orderIds.length === 1 && only) {
    await orders.get().open(only);
  } else {
    useAppStore.getState().go('orders');
    orders.set({ choices: { code, orders: orderChoices(orderIds, orders.get().orders) } });
  }
}

/** The list is on screen: the Orders screen with no order open over it. */
function listShown(): boolean {
  return useAppStore.getState().screen === 'orders' && !orders.get().openId;
}

/**
 * Sync writes orders a page at a time: one refetch of the list (and the open order) per burst.
 * The list is fetched again only where it shows: every order comes over the bridge, which on a
 * slow station PC holds the page for a good part of a second, and a packer scanning an order
 * would feel each sync of the account. A change while the list is hidden is fetched when it
 * shows again (and at once while the orders are still loading at start, whose count the header
 * says).
 */
function listen(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stale = false;
  const refreshList = () => {
    stale = false;
    void orders.get().refresh();
  };
  const off = bridge().on('orders.changed', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (listShown() || orders.get().loading) refreshList();
      else stale = true;
      const id = orders.get().openId;
      if (id) void fetchDetail(id);
    }, REFRESH_DEBOUNCE_MS);
  });
  const whenShown = () => {
    if (stale && listShown()) refreshList();
  };
  const offOrders = useOrdersStore.subscribe(whenShown);
  const offApp = useAppStore.subscribe(whenShown);
  return () => {
    clearTimeout(timer);
    off();
    offOrders();
    offApp();
  };
}

export const useOrdersStore = create<OrdersState>((set, get) => ({
  orders: [],
  loaded: false,
  filter: NO_FILTER,

  async refresh() {
    try {
      // All of them: the list hides the marketplace-fulfilled ones behind its own filter.
      const { orders, loading } = await bridge().call('orders.list', {
        includeMarketplaceFulfilled: true,
      });
      set({ orders: prepareOrders(orders), loaded: !loading, loading, loadError: undefined });
    } catch (error) {
      set({ loadError: sentence(error) });
    }
  },
  listen,
  setFilter(patch) {
    set({ filter: { ...get().filter, ...patch } });
  },
  async open(id) {
    useAppStore.getState().go('orders');
    set({ openId: id, detail: undefined, detailError: undefined, choices: undefined });
    await fetchDetail(id);
  },
  close() {
    set({ openId: undefined, detail: undefined, detailError: undefined });
  },
  openByCode,
  dismissChoices() {
    set({ choices: undefined });
  },
}));

/** "Loading 10,000 orders…" while the cache loads at start; undefined once it has. */
export function loadingSentence(loading: { orders?: number } | undefined): string | undefined {
  if (!loading) return undefined;
  return loading.orders === undefined
    ? 'Loading orders…'
    : `Loading ${loading.orders.toLocaleString('en-US')} orders…`;
}
