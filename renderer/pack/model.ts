// The Pack screen's vocabulary: its state, the events it takes, the effects it asks for, the
// command barcodes, and the small builder each reducer step uses. The rules themselves are in
// reducer.ts.
import type { Box } from '../../common/packing';
import type { OrderView } from '../../preload/api/orders';
import type {
  CancellationReason,
  Carrier,
  CarrierCandidateView,
  PackRecord,
  PackShipInput,
  PackState,
  ScanResult,
} from '../../preload/api/pack';
import type { Tone } from '../sound/tones';

/** Command barcodes printed on the sheet in Settings: the scanner alone drives the flow. */
export const COMMANDS = {
  ship: 'PL-CMD-SHIP',
  emptyBox: 'PL-CMD-EMPTY-BOX',
  nextOrder: 'PL-CMD-NEXT-ORDER',
} as const;

export type MessageTone = 'ok' | 'error' | 'warning' | 'info';
export interface PackMessage {
  tone: MessageTone;
  text: string;
  /** Which sound went with it (also a data attribute, so tests can tell tones apart). */
  sound?: Tone;
}

type Dialog = 'cancel' | 'fix' | 'help' | undefined;

export interface PackData {
  orderId?: string;
  order?: OrderView;
  progress?: PackState;
  loadError?: string;
  /** lineId → units in this box. */
  box: Box;
  /** The line the packer last scanned or moved to (quantity, alias and +/- apply to it). */
  selectedLineId?: string;
  /** A quantity being typed after a scan ("×6", "12"). */
  quantity: string;
  /** The last scan was an item: digits typed now are a quantity. */
  quantityArmed: boolean;
  carrier: Carrier | '';
  trackingNumber: string;
  trackingUrl: string;
  /** datetime-local value; '' means now. */
  shipDate: string;
  /** Several carriers fit the scanned tracking number: the packer picks one. */
  candidates?: CarrierCandidateView[];
  message?: PackMessage;
  /** An unknown code the packer may keep as an alias of the selected line's SKU. */
  learnable?: string;
  /** Units of the SKU the learnable code stands for, as typed ('1': a plain alias). */
  learnUnits: string;
  /** The packer typed learnUnits (the first digit replaces the '1' offered). */
  learnUnitsTyped: boolean;
  /**
   * The last scan was a case on this line: a quantity typed now counts cases, added to what the
   * line had in the box before that scan.
   */
  caseScan?: { lineId: string; units: number; before: number };
  /** Enter once more ships a package that leaves units on the order. */
  confirmPartial: boolean;
  busy: boolean;
  dialog: Dialog;
}

type LineQty = { lineId: string; quantity: number };

/** A bridge call to make; its answer comes back as the event named in the comment. */
export type BridgeCall =
  /** → opened / openFailed */
  | { method: 'pack.open'; orderId: string }
  /** → scanned / scanFailed */
  | { method: 'pack.scan'; code: string; openOrderId: string | null }
  /** → shipped / writeFailed */
  | { method: 'pack.ship'; input: PackShipInput; units: number }
  /** → written / writeFailed */
  | {
      method: 'pack.cancel';
      input: { orderId: string; lines: LineQty[]; reason: CancellationReason };
      done: string;
    }
  | {
      method: 'pack.updateFulfillment';
      input: {
        orderId: string;
        fulfillmentId: string;
        lines: LineQty[];
        carrier: Carrier;
        trackingNumber: string;
        confirmed: true;
      };
      done: string;
    }
  | {
      method: 'pack.updateCancellation';
      input: {
        orderId: string;
        cancellationId: string;
        lines: LineQty[];
        reason: CancellationReason;
        confirmed: true;
      };
      done: string;
    }
  | {
      method: 'pack.deleteRecord';
      input: { orderId: string; kind: PackRecord['kind']; id: string; confirmed: true };
      done: string;
    }
  /** → learned / learnFailed */
  /** `units` absent: one (a plain alias). */
  | { method: 'pack.learnAlias'; code: string; sku: string; units?: number }
  /** → refreshed / refreshFailed */
  | { method: 'pack.refresh'; orderId: string };

export type PackEffect =
  | { kind: 'say'; message: PackMessage }
  | { kind: 'call'; call: BridgeCall }
  /** Tell main of a scan the page answered itself (it counts scans for Stats); nobody waits. */
  | { kind: 'count'; code: string; openOrderId: string }
  /** Leave the order (the "next order" command). */
  | { kind: 'navigate'; to: 'next-order' }
  /** Open whichever order a scanned number names. */
  | { kind: 'navigate'; to: 'order'; code: string }
  /** Start the wave a pick list's barcode names. */
  | { kind: 'navigate'; to: 'wave'; code: string };

export type PackageFields = Pick<
  PackData,
  'carrier' | 'trackingNumber' | 'trackingUrl' | 'shipDate'
>;

export type PackEvent =
  // The packer and the screen
  | { type: 'open'; orderId: string }
  | { type: 'close' }
  | { type: 'scan'; code: string; shipOnLastScan?: boolean }
  | { type: 'select'; lineId: string | undefined }
  | { type: 'moveSelection'; step: 1 | -1 }
  | { type: 'addUnits'; lineId: string; count: number }
  | { type: 'typeQuantity'; key: string }
  | { type: 'applyQuantity' }
  | { type: 'clearQuantity' }
  | { type: 'setPackage'; patch: Partial<PackageFields> }
  | { type: 'pickCandidate'; index: number }
  | { type: 'emptyBox' }
  | { type: 'shipKey' }
  | { type: 'ship' }
  | { type: 'learnAlias' }
  /** A digit or Backspace for the learn offer's units, typed on the page. */
  | { type: 'typeLearnUnits'; key: string }
  /** The learn offer's units field, edited. */
  | { type: 'setLearnUnits'; value: string }
  | { type: 'cancelLines'; lines: LineQty[]; reason: CancellationReason }
  | {
      type: 'updateRecord';
      record: PackRecord;
      patch: {
        lines: LineQty[];
        carrier?: Carrier;
        trackingNumber?: string;
        reason?: CancellationReason;
      };
    }
  | { type: 'deleteRecord'; record: PackRecord }
  | { type: 'refresh' }
  | { type: 'setDialog'; dialog: Dialog }
  // Main's answers and pushes
  | { type: 'opened'; orderId: string; order: OrderView; state: PackState }
  | { type: 'openFailed'; orderId: string; error: string }
  | { type: 'progress'; state: PackState }
  | { type: 'scanned'; code: string; result: ScanResult; shipOnLastScan: boolean }
  | { type: 'scanFailed'; error: string }
  | { type: 'shipped'; units: number; state: PackState }
  | { type: 'written'; method: BridgeCall['method']; done: string; state: PackState }
  | { type: 'writeFailed'; error: string }
  | { type: 'learned'; code: string; sku: string; units?: number }
  | { type: 'learnFailed'; error: string }
  | { type: 'refreshed'; state: PackState }
  | { type: 'refreshFailed'; error: string };

/** The event of one type, as its handler takes it. */
export type EventOf<T extends PackEvent['type']> = Extract<PackEvent, { type: T }>;

export interface PackStep {
  state: PackData;
  effects: PackEffect[];
  /** What the action's caller is told: the unit went in, the quantity applied, the write left. */
  ok?: boolean;
}

export const EMPTY_PACKAGE = {
  trackingNumber: '',
  trackingUrl: '',
  shipDate: '',
  candidates: undefined,
} as const;

export const INITIAL: PackData = {
  box: {},
  quantity: '',
  quantityArmed: false,
  learnUnits: '1',
  learnUnitsTyped: false,
  carrier: '',
  ...EMPTY_PACKAGE,
  confirmPartial: false,
  busy: false,
  dialog: undefined,
};

export function lineLabel(order: OrderView | undefined, lineId: string): string {
  const line = order?.lines.find((l) => l.id === lineId);
  return line?.sku ?? line?.name ?? `line ${lineId}`;
}

/** Builds one step: state patches and effects in the order they happen. */
export class Step {
  effects: PackEffect[] = [];
  ok: boolean | undefined;
  constructor(public state: PackData) {}

  set(patch: Partial<PackData>): this {
    this.state = { ...this.state, ...patch };
    return this;
  }

  say(tone: MessageTone, text: string, sound?: Tone): this {
    const message: PackMessage = { tone, text, sound };
    this.state = { ...this.state, message };
    this.effects.push({ kind: 'say', message });
    return this;
  }

  call(call: BridgeCall): this {
    this.effects.push({ kind: 'call', call });
    return this;
  }

  done(ok?: boolean): PackStep {
    return { state: this.state, effects: this.effects, ...(ok === undefined ? {} : { ok }) };
  }
}
