// What a print page shows, read from its URL, so the same page serves window.open in browser
// mode, a hidden window in Electron and the tests:
//   print.html?kind=pick-list&ids=1,2,3&pageSize=A4&margins=10,10,10,10
//   print.html?kind=pick-list&next=50
//   print.html?kind=packing-slips&ids=1,2&pageSize=4x6
// `source=main` means Electron's main injects the document (the hidden window has no bridge);
// `autoprint=1` opens the browser's print dialog once the page is ready.
import {
  MAX_PRINT_ORDERS,
  PAGE_SIZES,
  PRINT_KINDS,
  type Margins,
  type PageSize,
  type PrintKind,
} from '../../preload/api/printing';

export interface PrintParams {
  kind: PrintKind;
  orderIds?: string[];
  next?: number;
  pageSize?: PageSize;
  margins?: Margins;
  source: 'bridge' | 'main';
  autoprint: boolean;
}

export type ParseResult = { ok: true; params: PrintParams } | { ok: false; problem: string };

export function parsePrintParams(search: string): ParseResult {
  const q = new URLSearchParams(search);
  const kind = q.get('kind');
  if (!PRINT_KINDS.includes(kind as PrintKind))
    return { ok: false, problem: 'This print page does not say what to print.' };
  const params: PrintParams = {
    kind: kind as PrintKind,
    source: q.get('source') === 'main' ? 'main' : 'bridge',
    autoprint: q.get('autoprint') === '1',
  };
  const ids = q.get('ids');
  const next = q.get('next');
  if (ids) {
    params.orderIds = [
      ...new Set(
        ids
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ];
    if (params.orderIds.length > MAX_PRINT_ORDERS)
      return { ok: false, problem: `Print at most ${MAX_PRINT_ORDERS} orders at a time.` };
  } else if (next) {
    const n = Number(next);
    if (!Number.isInteger(n) || n < 1 || n > MAX_PRINT_ORDERS)
      return { ok: false, problem: `Choose from 1 to ${MAX_PRINT_ORDERS} orders.` };
    params.next = n;
  } else if (params.source === 'bridge') {
    return { ok: false, problem: 'This print page does not say which orders to print.' };
  }
  const pageSize = q.get('pageSize');
  if (pageSize && PAGE_SIZES.includes(pageSize as PageSize)) params.pageSize = pageSize as PageSize;
  const margins = q.get('margins')?.split(',').map(Number);
  if (margins?.length === 4 && margins.every((m) => Number.isFinite(m) && m >= 0 && m <= 50)) {
    const [top, right, bottom, left] = margins as [number, number, number, number];
    params.margins = { top, right, bottom, left };
  }
  return { ok: true, params };
}

/** The page's query for a job: the inverse of parsePrintParams. */
export function printQuery(params: Partial<PrintParams> & { kind: PrintKind }): string {
  const q = new URLSearchParams({ kind: params.kind });
  if (params.orderIds) q.set('ids', params.orderIds.join(','));
  else if (params.next !== undefined) q.set('next', String(params.next));
  if (params.pageSize) q.set('pageSize', params.pageSize);
  if (params.margins) {
    const { top, right, bottom, left } = params.margins;
    q.set('margins', [top, right, bottom, left].join(','));
  }
  if (params.source === 'main') q.set('source', 'main');
  if (params.autoprint) q.set('autoprint', '1');
  return q.toString();
}

/** CSS page boxes for the three paper sizes (4×6 in label stock, portrait). */
const PAGE_CSS_SIZE: Record<PageSize, string> = {
  A4: 'A4 portrait',
  Letter: 'letter portrait',
  '4x6': '4in 6in',
};

export function pageRule(pageSize: PageSize, m: Margins): string {
  return `@page { size: ${PAGE_CSS_SIZE[pageSize]}; margin: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm; }`;
}
