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
  load(): Promise<void>;
  /** Reacts to the Pack screen: the open order of a wave shipped in full. */
  listen(): () => void;
  start(code: string): Promise<void>;
  next(open: boolean): Promise<void>;
  end(): Promise<void>;
  /** Item first is on here: for this wave, or for the station in Settings → Packing. */
  itemFirstOn(): boolean;
  /** Sets item first for the running wave. */
  setItemFirst(on: boolean): Promise<void>;
  /**
   * An item scanned with no order open: opens the order it completes and puts the unit in the
   * box. False when the code is no item (the caller treats it as an order number).
   */
  itemFirst(code: string): Promise<boolean>;
  setSummary(open: boolean): void;
}

/** "Wave 14 — 7 of 30 packed", the line always on screen while a wave runs. */
export function waveLine(wave: WaveView): string {
  const skipped = wave.skipped.length > 0 ? `, ${wave.skipped.length} skipped` : '';
  return `Wave ${wave.id} — ${wave.packed.length} of ${wave.orderCount} packed${skipped}`;
}

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
    const check = (s: ReturnType<typeof usePackStore.getState>) => {
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

export const useWaveStore = create<WaveState>((set, get) => {
  /** Shows the step: the wave, what was skipped, and the order main opened (or the wave's end). */
  async function apply(step: { wave: WaveView | null; orderId?: string }): Promise<void> {
    const skipped = skippedSince(get().wave, step.wave);
    set({ wave: step.wave });
    const wave = step.wave;
    if (!wave) return;
    if (step.orderId) {
      set({ notice: skipped ? { tone: 'info', text: skipped } : undefined });
      await useOrdersStore.getState().open(step.orderId);
      return;
    }
    if (wave.left.length === 0) {
      closeOrder();
      playTone('complete');
      set({
        notice: { tone: 'ok', text: `${skipped ? `${skipped} ` : ''}Wave ${wave.id} is done.` },
        summaryOpen: true,
      });
      return;
    }
    if (wave.itemFirst) {
      closeOrder();
      const text = `Wave ${wave.id}: scan an item.`;
      set({ notice: { tone: 'info', text: skipped ? `${skipped} ${text}` : text } });
      useOrdersStore.setState({ scanMessage: text, scanMessageGood: false });
    }
  }

  async function afterOrderShipped(orderId: string): Promise<void> {
    const { wave } = get();
    if (get().itemFirstOn()) {
      if (wave) await get().next(false);
      closeOrder();
      useOrdersStore.setState({
        scanMessage: 'Shipped. Scan the next item.',
        scanMessageGood: true,
      });
      return;
    }
    if (wave && wave.currentOrderId === orderId) await get().next(true);
  }

  return {
    wave: null,
    summaryOpen: false,

    async load() {
      try {
        set({ wave: await bridge().call('waves.current', {}) });
      } catch {
        // Signed out or main restarting: the wave shows once the next call works.
      }
    },

    listen() {
      return usePackStore.subscribe((state, previous) => {
        // The ship answer landed and the order is complete: that is the moment to move on.
        const shippedLast =
          previous.busy &&
          !state.busy &&
          state.orderId !== undefined &&
          state.orderId === previous.orderId &&
          state.progress?.complete === true &&
          state.message?.sound === 'complete';
        if (shippedLast) void afterOrderShipped(state.orderId!);
      });
    },

    async start(code) {
      try {
        await apply(await bridge().call('waves.start', { code }));
      } catch (error) {
        tell(sentence(error), 'error');
      }
    },

    async next(open) {
      try {
        await apply(await bridge().call('waves.next', { open }));
      } catch (error) {
        tell(sentence(error), 'error');
      }
    },

    async end() {
      try {
        const { wave } = await bridge().call('waves.end', {});
        set({
          wave: null,
          summaryOpen: false,
          notice: undefined,
        });
        if (wave)
          tell(
            `Wave ${wave.id} ended: ${wave.packed.length} of ${wave.orderCount} packed.`,
            'info',
          );
      } catch (error) {
        tell(sentence(error), 'error');
      }
    },

    itemFirstOn() {
      return !!get().wave?.itemFirst || !!useSettingsStore.getState().settings?.packing.itemFirst;
    },

    async setItemFirst(on) {
      const { wave } = get();
      if (!wave) return;
      try {
        const step = await bridge().call('waves.start', { code: wave.code, itemFirst: on });
        // An order open now is packed as it is; items come first from the next one.
        if (usePackStore.getState().orderId) set({ wave: step.wave });
        else await apply(step);
      } catch (error) {
        tell(sentence(error), 'error');
      }
    },

    async itemFirst(code) {
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
      await get().load();
      return true;
    },

    setSummary(open) {
      set({ summaryOpen: open });
    },
  };
});
