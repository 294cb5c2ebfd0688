// The wave in progress and item-first packing, on the page. Main keeps the wave (it survives a
// restart); this store shows it, opens the order main chose, and moves on by itself: when the
// open order of a wave ships in full the next one opens, and in item-first mode the bench goes
// back to "scan an item".
import { create } from 'zustand';
import type { WaveView } from '../../preload/api/waves';
import { bridge } from '../bridge/api';
import { sentence } from '../bridge/sentence';
import { playTone } from '../sound/tones';
import { useOrdersStore } from './orders';
import { usePackStore } from './pack';
import { useSettingsStore } from './settings';

interface WaveNotice {
  tone: 'ok' | 'error' | 'info';
  text: string;
}

interface WaveState {
  wave: WaveView | null;
  /** What the last wave step did, in a sentence ("Order 123 skipped — cancelled by Amazon"). */
  notice?: WaveNotice;
  summaryOpen: boolean;
  load: () => Promise<void>;
  /** Reacts to the Pack screen: the open order of a wave shipped in full. */
  listen: () => () => void;
  start: (code: string) => Promise<void>;
  next: (open: boolean) => Promise<void>;
  end: () => Promise<void>;
  /** Item first is on here: for this wave, or for the station in Settings → Packing. */
  itemFirstOn: () => boolean;
  /** Sets item first for the running wave. */
  setItemFirst: (on: boolean) => Promise<void>;
  /**
   * An item scanned with no order open: opens the order it completes and puts the unit in the
   * box. False when the code is no item (the caller treats it as an order number).
   */
  itemFirst: (code: string) => Promise<boolean>;
  setSummary: (open: boolean) => void;
}

/** "Wave 14 — 7 of 30 packed", the line always on screen while a wave runs. */
export function waveLine(wave: WaveView): string {
  const skipped = wave.skipped.length > 0 ? `, ${wave.skipped.length} skipped` : '';
  return `Wave ${wave.id} — ${wave.packed.length} of ${wave.orderCount} packed${skipped}`;
}

type PackSnapshot = ReturnType<typeof usePackStore.getState>;

/** Says a sentence where the packer is looking: the Pack screen's message, else the scan box. */
function tell(text: string, tone: 'error' | 'info' | 'ok'): void {
  if (tone === 'error') playTone('wrong');
  if (useOrdersStore.getState().openId) {
    const sound = tone === 'error' ? 'wrong' : undefined;
    usePackStore.setState({ message: { tone, text, sound }, learnable: undefined });
  } else useOrdersStore.setState({ scanMessage: text, scanMessageGood: false });
}

/** Resolves once the Pack screen has the order open (or says why it could not). */
function whenPackOpened(orderId: string): Promise<boolean> {
  return new Promise((resolve) => {
    const check = (s: PackSnapshot) => {
      if (s.orderId !== orderId) return false;
      if (s.loadError) return (resolve(false), true);
      if (s.progress && s.order) return (resolve(true), true);
      return false;
    };
    if (check(usePackStore.getState())) return;
    const off = usePackStore.subscribe((s) => {
      if (check(s)) off();
    });
  });
}

function closeOrder(): void {
  usePackStore.getState().close();
  useOrdersStore.getState().close();
}

/** What skipping said since the last view of the wave: new skipped orders, in words. */
function skippedSince(before: WaveView | null, after: WaveView | null): string | undefined {
  if (!after) return undefined;
  const seen = new Set(before?.id === after.id ? before.skipped.map((s) => s.orderId) : []);
  const fresh = after.skipped.filter((s) => !seen.has(s.orderId));
  if (fresh.length === 0) return undefined;
  return fresh.map((s) => `Skipped ${s.number}: ${s.reason}.`).join(' ');
}

type WaveStepView = { wave: WaveView | null; orderId?: string };

/** The store, for the steps below that run outside its creator. */
const waveStore = {
  get: (): WaveState => useWaveStore.getState(),
  set: (patch: Partial<WaveState>): void => useWaveStore.setState(patch),
};

/** What the packer reads when a step leaves no order open: the wave's end, or "scan an item". */
function noOrderNotice(view: WaveView, skipped: string | undefined): WaveNotice | undefined {
  const before = skipped ? `${skipped} ` : '';
  if (view.left.length === 0) return { tone: 'ok', text: `${before}Wave ${view.id} is done.` };
  if (view.itemFirst) return { tone: 'info', text: `${before}Wave ${view.id}: scan an item.` };
  return undefined;
}

/** Shows the step: the wave, what was skipped, and the order main opened (or the wave's end). */
async function apply(step: WaveStepView): Promise<void> {
  const skipped = skippedSince(waveStore.get().wave, step.wave);
  const view = step.wave;
  waveStore.set({ wave: view });
  if (!view) return;
  if (step.orderId) {
    waveStore.set({ notice: skipped ? { tone: 'info', text: skipped } : undefined });
    await useOrdersStore.getState().open(step.orderId);
    return;
  }
  const notice = noOrderNotice(view, skipped);
  if (!notice) return;
  closeOrder();
  if (view.left.length === 0) {
    playTone('complete');
    waveStore.set({ notice, summaryOpen: true });
    return;
  }
  waveStore.set({ notice });
  useOrdersStore.setState({
    scanMessage: `Wave ${view.id}: scan an item.`,
    scanMessageGood: false,
  });
}

/** A wave step main takes; what it refuses is said where the packer looks. */
async function waveCall(call: () => Promise<WaveStepView>): Promise<void> {
  try {
    await apply(await call());
  } catch (error) {
    tell(sentence(error), 'error');
  }
}

/** The ship answer landed and the open order is complete: the moment to move on. */
function shippedInFull(state: PackSnapshot, previous: PackSnapshot): boolean {
  return (
    previous.busy &&
    !state.busy &&
    state.orderId !== undefined &&
    state.orderId === previous.orderId &&
    state.progress?.complete === true &&
    state.message?.sound === 'complete'
  );
}

async function afterOrderShipped(orderId: string): Promise<void> {
  const { wave: view, itemFirstOn, next } = waveStore.get();
  if (itemFirstOn()) {
    if (view) await next(false);
    closeOrder();
    useOrdersStore.setState({ scanMessage: 'Shipped. Scan the next item.', scanMessageGood: true });
    return;
  }
  if (view && view.currentOrderId === orderId) await next(true);
}

async function endWave(): Promise<void> {
  try {
    const { wave: ended } = await bridge().call('waves.end', {});
    waveStore.set({ wave: null, summaryOpen: false, notice: undefined });
    if (ended)
      tell(`Wave ${ended.id} ended: ${ended.packed.length} of ${ended.orderCount} packed.`, 'info');
  } catch (error) {
    tell(sentence(error), 'error');
  }
}

async function setItemFirst(on: boolean): Promise<void> {
  const view = waveStore.get().wave;
  if (!view) return;
  try {
    const step = await bridge().call('waves.start', { code: view.code, itemFirst: on });
    // An order open now is packed as it is; items come first from the next one.
    if (usePackStore.getState().orderId) waveStore.set({ wave: step.wave });
    else await apply(step);
  } catch (error) {
    tell(sentence(error), 'error');
  }
}

async function itemFirstScan(code: string): Promise<boolean> {
  let result;
  try {
    result = await bridge().call('waves.itemFirst', { code });
  } catch (error) {
    tell(sentence(error), 'error');
    return true;
  }
  if (result.kind === 'not-item') return false;
  if (result.kind === 'none') {
    tell(result.message, 'error');
    return true;
  }
  useOrdersStore.setState({ scanMessage: undefined });
  await useOrdersStore.getState().open(result.orderId);
  if (await whenPackOpened(result.orderId)) await usePackStore.getState().scan(code);
  await waveStore.get().load();
  return true;
}

export const useWaveStore = create<WaveState>((set, get) => ({
  wave: null,
  summaryOpen: false,
  async load() {
    try {
      set({ wave: await bridge().call('waves.current', {}) });
    } catch {
      // Signed out or main restarting: the wave shows once the next call works.
    }
  },
  listen: () =>
    usePackStore.subscribe((state, previous) => {
      if (shippedInFull(state, previous)) void afterOrderShipped(state.orderId!);
    }),
  start: (code) => waveCall(() => bridge().call('waves.start', { code })),
  next: (open) => waveCall(() => bridge().call('waves.next', { open })),
  end: endWave,
  itemFirstOn: () =>
    !!get().wave?.itemFirst || !!useSettingsStore.getState().settings?.packing.itemFirst,
  setItemFirst,
  itemFirst: itemFirstScan,
  setSummary: (open) => set({ summaryOpen: open }),
}));
