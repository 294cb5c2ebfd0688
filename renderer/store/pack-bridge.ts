// The Pack reducer's bridge calls, made: each call's answer, or its refusal, comes back as the
// event the reducer expects next.
import { bridge } from '../bridge/api';
import { sentence } from '../bridge/sentence';
import type { BridgeCall, PackEvent } from '../pack/reducer';
import { useSettingsStore } from './settings';

type WriteCall = Extract<
  BridgeCall,
  {
    method:
      'pack.cancel' | 'pack.updateFulfillment' | 'pack.updateCancellation' | 'pack.deleteRecord';
  }
>;

function writeCall(call: WriteCall) {
  const api = bridge();
  switch (call.method) {
    case 'pack.cancel':
      return api.call('pack.cancel', call.input);
    case 'pack.updateFulfillment':
      return api.call('pack.updateFulfillment', call.input);
    case 'pack.updateCancellation':
      return api.call('pack.updateCancellation', call.input);
    case 'pack.deleteRecord':
      return api.call('pack.deleteRecord', call.input);
  }
}

async function answered(call: BridgeCall): Promise<PackEvent> {
  const api = bridge();
  switch (call.method) {
    case 'pack.open': {
      const { order, state } = await api.call('pack.open', { orderId: call.orderId });
      return { type: 'opened', orderId: call.orderId, order, state };
    }
    case 'pack.scan': {
      const result = await api.call('pack.scan', {
        code: call.code,
        openOrderId: call.openOrderId,
      });
      const shipOnLastScan = !!useSettingsStore.getState().settings?.packing.shipOnLastScan;
      return { type: 'scanned', code: call.code, result, shipOnLastScan };
    }
    case 'pack.ship': {
      const { state } = await api.call('pack.ship', call.input);
      return { type: 'shipped', units: call.units, state };
    }
    case 'pack.cancel':
    case 'pack.updateFulfillment':
    case 'pack.updateCancellation':
    case 'pack.deleteRecord': {
      const { state } = await writeCall(call);
      return { type: 'written', method: call.method, done: call.done, state };
    }
    case 'pack.learnAlias': {
      const units = call.units === undefined ? {} : { units: call.units };
      await api.call('pack.learnAlias', { code: call.code, sku: call.sku, ...units });
      return { type: 'learned', code: call.code, sku: call.sku, ...units };
    }
    case 'pack.refresh':
      return {
        type: 'refreshed',
        state: await api.call('pack.refresh', { orderId: call.orderId }),
      };
  }
}

function refused(call: BridgeCall, error: string): PackEvent {
  switch (call.method) {
    case 'pack.open':
      return { type: 'openFailed', orderId: call.orderId, error };
    case 'pack.scan':
      return { type: 'scanFailed', error };
    case 'pack.learnAlias':
      return { type: 'learnFailed', error };
    case 'pack.refresh':
      return { type: 'refreshFailed', error };
    default:
      return { type: 'writeFailed', error };
  }
}

/** Makes one bridge call and turns its answer (or refusal) into the event the reducer expects. */
export async function answer(call: BridgeCall): Promise<PackEvent> {
  try {
    return await answered(call);
  } catch (error) {
    return refused(call, sentence(error));
  }
}
