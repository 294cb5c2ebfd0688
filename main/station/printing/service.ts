// The printing service: chooses orders from the cache, builds pick lists and packing slips, and
// hands print and PDF jobs to the desktop output when there is one (Electron's main supplies it;
// browser mode has none and prints from the browser). Plain Node: never imports electron.
import type { OrderView } from '../../../preload/api/orders';
import type {
  Margins,
  OrderChoice,
  PackingSlips,
  PageSize,
  PickList,
  PrintDocument,
  PrinterInfo,
  PrintJob,
} from '../../../preload/api/printing';
import type { Settings } from '../../../preload/api/settings';
import type { CachedOrder } from '../orders/cache';
import { toSummary, toView } from '../orders/views';
import { buildPackingSlip, slipSeller } from './packing-slip';
import { buildPickList, nextByShipBy } from './pick-list';
import { StationError } from '../errors';

/** A job with every option settled, as the desktop output receives it. */
export interface ResolvedPrintJob {
  document: PrintDocument;
  printer: string; // '' = the system's default printer
  silent: boolean;
  pageSize: PageSize;
  margins: Margins;
}

/** What Electron's main provides (main/electron/printing.ts); tests pass a fake. */
export interface PrintOutput {
  printers: () => Promise<PrinterInfo[]>;
  print: (job: ResolvedPrintJob) => Promise<boolean>;
  /** Renders to PDF and saves where the packer chooses; undefined when they cancel. */
  savePdf: (job: ResolvedPrintJob) => Promise<string | undefined>;
}

interface OrderSource {
  get: (id: string) => CachedOrder | undefined;
  all: () => Iterable<CachedOrder>;
}

export interface PrintingDeps {
  orders: OrderSource;
  settings: () => Settings;
  now?: () => Date;
  output?: PrintOutput;
  /** Each pick list is a wave the Pack screen can start by its barcode. */
  waves?: {
    recordPickList: (orders: readonly { orderId: string; number: string }[]) => {
      id: number;
      code: string;
    };
  };
}

const BROWSER_PRINTS =
  'In browser mode the browser prints: use Print on the print page, or its “Save as PDF”.';

export class PrintingService {
  constructor(private readonly deps: PrintingDeps) {}

  get canPrint(): boolean {
    return this.deps.output !== undefined;
  }

  /** The orders a choice names, in the order a pick list should list them. */
  private choose(choice: OrderChoice): { orders: OrderView[]; missing: string[] } {
    if (choice.nextByShipBy !== undefined) {
      const entries = [...this.deps.orders.all()];
      const byId = new Map(entries.map((e) => [e.order.id, e]));
      const chosen = nextByShipBy(entries.map(toSummary), choice.nextByShipBy);
      return {
        orders: chosen.map((s) => toView(byId.get(s.id)!)),
        missing: [],
      };
    }
    const orders: OrderView[] = [];
    const missing: string[] = [];
    for (const id of new Set(choice.orderIds ?? [])) {
      const cached = this.deps.orders.get(id);
      if (cached) orders.push(toView(cached));
      else missing.push(id);
    }
    return { orders, missing };
  }

  private header() {
    const settings = this.deps.settings();
    return {
      station: settings.stationName,
      packer: settings.packerName,
      generatedAt: (this.deps.now?.() ?? new Date()).toISOString(),
    };
  }

  pickList(choice: OrderChoice): PickList {
    const { orders, missing } = this.choose(choice);
    if (orders.length === 0) throw nothingToPrint(missing);
    const list = buildPickList(orders, this.header(), missing);
    const wave = this.deps.waves?.recordPickList(list.orders);
    return wave ? { ...list, wave } : list;
  }

  packingSlips(orderIds: readonly string[]): PackingSlips {
    const { orders, missing } = this.choose({ orderIds: [...orderIds] });
    if (orders.length === 0) throw nothingToPrint(missing);
    const { station, generatedAt } = this.header();
    return {
      station,
      seller: slipSeller(this.deps.settings().printing.seller),
      generatedAt,
      slips: orders.map((view) => buildPackingSlip(view, this.shippingMethod(view.id))),
      missing,
    };
  }

  private shippingMethod(id: string): string | undefined {
    const method = this.deps.orders.get(id)?.order.order_lines?.[0]?.shipping_method;
    return method ?? undefined;
  }

  async printers(): Promise<{ available: boolean; printers: PrinterInfo[] }> {
    if (!this.deps.output) return { available: false, printers: [] };
    return { available: true, printers: await this.deps.output.printers() };
  }

  /** The job with the document built and every unset option taken from Settings → Printing. */
  resolve(job: PrintJob): ResolvedPrintJob {
    const choice: OrderChoice =
      job.nextByShipBy !== undefined
        ? { nextByShipBy: job.nextByShipBy }
        : { orderIds: job.orderIds };
    const document: PrintDocument =
      job.kind === 'pick-list'
        ? { kind: 'pick-list', pickList: this.pickList(choice) }
        : {
            kind: 'packing-slips',
            packingSlips: this.packingSlips(
              job.orderIds ?? this.choose(choice).orders.map((o) => o.id),
            ),
          };
    const defaults = this.deps.settings().printing;
    return {
      document,
      printer: job.printer ?? defaults.printer,
      silent: job.silent ?? defaults.silent,
      pageSize: job.pageSize ?? defaults.pageSize,
      margins: job.margins ?? defaults.margins,
    };
  }

  async print(job: PrintJob): Promise<{ printed: boolean }> {
    const output = this.requireOutput();
    return { printed: await output.print(this.resolve(job)) };
  }

  async savePdf(job: PrintJob): Promise<{ path?: string }> {
    const output = this.requireOutput();
    const path = await output.savePdf(this.resolve(job));
    return path === undefined ? {} : { path };
  }

  private requireOutput(): PrintOutput {
    if (!this.deps.output) throw new StationError('refused', BROWSER_PRINTS);
    return this.deps.output;
  }
}

function nothingToPrint(missing: readonly string[]): StationError {
  return missing.length > 0
    ? new StationError(
        'not_found',
        `None of these orders is on this station (${missing.slice(0, 3).join(', ')}${missing.length > 3 ? '…' : ''}) — sync, then try again.`,
      )
    : new StationError('not_found', 'There are no orders to print — sync, then try again.');
}
