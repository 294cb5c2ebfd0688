// The rules a refund must pass before it is queued, as pure functions: a return line is never
// refunded more than the customer asked for (or paid), an order line never more than was paid
// for it, counting what was already refunded — unless the person explicitly overrides. Each
// refusal is one sentence naming the line, the amount and the limit.
import { money, units } from '../../../common/format';
import type { OrderLine, Return } from '../../feedamp/schemas';

export type ReturnLine = NonNullable<Return['return_lines']>[number];

const CENT = 0.005;

export function roundCents(amount: number): number {
  return Math.round(amount * 100) / 100;
}

function lineName(sku: string | null | undefined, fallback: string): string {
  return sku ? `${sku}` : fallback;
}

// ------------------------------------------------------------------ return lines

export interface ReturnRefundLineRequest {
  lineId: string;
  itemRefund?: number | undefined;
  shippingRefund?: number | undefined;
  notes?: string | undefined;
  fullRefund?: boolean | undefined;
}

export interface RefundedSoFar {
  item: number;
  shipping: number;
}

/** Most a return line's item and shipping refunds may be, when FeedAMP says enough to know. */
export function returnLineLimits(
  line: ReturnLine,
  orderLine?: OrderLine,
): { maxItem?: number; maxShipping?: number } {
  const quantity = line.quantity ?? 1;
  const maxItem =
    typeof line.requested_refund === 'number'
      ? line.requested_refund
      : typeof line.unit_price === 'number'
        ? roundCents(line.unit_price * quantity)
        : undefined;
  const maxShipping =
    typeof orderLine?.shipping_price === 'number' ? orderLine.shipping_price : undefined;
  return {
    ...(maxItem !== undefined && { maxItem }),
    ...(maxShipping !== undefined && { maxShipping }),
  };
}

/**
 * The requested lines that name a line of `owner` ("order 114-…", "return RMA-…"), each once;
 * a line that is not there, or asked for twice, is said in `problems` and skipped.
 */
function* requestedLines<
  Req extends { lineId: string },
  Line extends { id?: string | null; sku?: string | null },
>(
  request: readonly Req[],
  lines: readonly Line[],
  owner: string,
  problems: string[],
): Generator<{ req: Req; line: Line; name: string }> {
  const seen = new Set<string>();
  for (const req of request) {
    const line = lines.find((l) => l.id === req.lineId);
    if (!line) {
      problems.push(`Line ${req.lineId} is not part of ${owner}.`);
      continue;
    }
    const name = lineName(line.sku, `line ${req.lineId}`);
    if (seen.has(req.lineId)) {
      problems.push(`${name} is listed twice — refund each line once.`);
      continue;
    }
    seen.add(req.lineId);
    yield { req, line, name };
  }
}

export function checkReturnRefund(input: {
  returnLabel: string;
  lines: readonly ReturnLine[];
  orderLines?: readonly OrderLine[] | undefined;
  currency?: string | null | undefined;
  request: readonly ReturnRefundLineRequest[];
  refunded: ReadonlyMap<string, RefundedSoFar>;
  override?: boolean | undefined;
}): string[] {
  const problems: string[] = [];
  const cur = input.currency;
  const owner = `return ${input.returnLabel}`;
  for (const { req, line, name } of requestedLines(input.request, input.lines, owner, problems)) {
    const item = req.itemRefund ?? 0;
    const shipping = req.shippingRefund ?? 0;
    if (!req.fullRefund && item <= 0 && shipping <= 0) {
      problems.push(`${name}: enter an item or shipping refund, or choose a full refund.`);
      continue;
    }
    if (input.override) continue;
    const orderLine = input.orderLines?.find((l) => l.id === line.feedamp_order_line_id);
    const { maxItem, maxShipping } = returnLineLimits(line, orderLine);
    const before = input.refunded.get(req.lineId) ?? { item: 0, shipping: 0 };
    if (item > 0) {
      if (maxItem === undefined)
        problems.push(
          `${name}: FeedAMP gives no requested refund or price for this line, so Packline cannot check ${money(item, cur)} — override to refund it anyway.`,
        );
      else if (item + before.item > maxItem + CENT)
        problems.push(
          before.item > 0
            ? `${name}: ${money(item, cur)} more would refund ${money(item + before.item, cur)} in all, more than the ${money(maxItem, cur)} requested — at most ${money(Math.max(0, maxItem - before.item), cur)} is left.`
            : `${name}: an item refund of ${money(item, cur)} is more than the ${money(maxItem, cur)} requested — lower it, or override.`,
        );
    }
    if (shipping > 0) {
      if (maxShipping === undefined)
        problems.push(
          `${name}: Packline does not know what the customer paid for shipping on this line, so it cannot check a shipping refund of ${money(shipping, cur)} — override to refund it anyway.`,
        );
      else if (shipping + before.shipping > maxShipping + CENT)
        problems.push(
          `${name}: a shipping refund of ${money(shipping + before.shipping, cur)} in all is more than the ${money(maxShipping, cur)} paid for shipping — lower it, or override.`,
        );
    }
  }
  return problems;
}

// ------------------------------------------------------------------ order lines

export interface OrderRefundLineRequest {
  lineId: string;
  quantity: number;
  itemRefund: number;
  itemTaxRefund: number;
  shippingRefund: number;
  shippingTaxRefund: number;
  discountRefund: number;
}

export interface LinePaid {
  quantity: number;
  unitPrice?: number | undefined;
  item?: number | undefined;
  itemTax: number;
  shipping: number;
  shippingTax: number;
}

/** What the customer paid for an order line, from FeedAMP's order model. */
export function linePaid(line: OrderLine): LinePaid {
  const quantity = line.quantity ?? 0;
  let itemTax = 0;
  let shippingTax = 0;
  for (const tax of line.taxes ?? []) {
    const amount = tax.amount ?? 0;
    if (/ship/i.test(tax.type ?? '')) shippingTax += amount;
    else itemTax += amount;
  }
  itemTax += line.gift_wrap_tax ?? 0;
  const unitPrice = typeof line.unit_price === 'number' ? line.unit_price : undefined;
  return {
    quantity,
    unitPrice,
    item:
      unitPrice === undefined
        ? undefined
        : roundCents(unitPrice * quantity + (line.gift_wrap_price ?? 0)),
    itemTax: roundCents(itemTax),
    shipping: line.shipping_price ?? 0,
    shippingTax: roundCents(shippingTax),
  };
}

export interface LineRefunded {
  quantity: number;
  item: number;
  itemTax: number;
  shipping: number;
  shippingTax: number;
}

export const NOTHING_REFUNDED: LineRefunded = {
  quantity: 0,
  item: 0,
  itemTax: 0,
  shipping: 0,
  shippingTax: 0,
};

export function checkOrderRefund(input: {
  orderLabel: string;
  lines: readonly OrderLine[];
  currency?: string | null | undefined;
  request: readonly OrderRefundLineRequest[];
  refunded: ReadonlyMap<string, LineRefunded>;
  override?: boolean | undefined;
}): string[] {
  const problems: string[] = [];
  const cur = input.currency;
  const owner = `order ${input.orderLabel}`;
  for (const { req, line, name } of requestedLines(input.request, input.lines, owner, problems)) {
    const paid = linePaid(line);
    const before = input.refunded.get(req.lineId) ?? NOTHING_REFUNDED;
    const left = paid.quantity - before.quantity;
    // Never overridable: FeedAMP refuses more units than were bought.
    if (req.quantity > left) {
      problems.push(
        left <= 0
          ? `${name}: all ${paid.quantity} units were already refunded.`
          : `${name}: only ${left} of ${paid.quantity} units are left to refund, not ${req.quantity}.`,
      );
      continue;
    }
    const total = req.itemRefund + req.itemTaxRefund + req.shippingRefund + req.shippingTaxRefund;
    if (total <= 0) {
      problems.push(`${name}: enter the amount to refund.`);
      continue;
    }
    if (req.discountRefund > total + CENT)
      problems.push(`${name}: the discount refund is larger than the refund itself.`);
    if (input.override) continue;
    const over = (what: string, amount: number, done: number, limit: number) => {
      if (amount > 0 && amount + done > limit + CENT)
        problems.push(
          done > 0
            ? `${name}: ${what} of ${money(amount, cur)} would bring it to ${money(amount + done, cur)}, more than the ${money(limit, cur)} paid — at most ${money(Math.max(0, limit - done), cur)} is left, or override.`
            : `${name}: ${what} of ${money(amount, cur)} is more than the ${money(limit, cur)} paid — lower it, or override.`,
        );
    };
    if (req.itemRefund > 0 && paid.unitPrice === undefined) {
      problems.push(
        `${name}: FeedAMP gives no price for this line, so Packline cannot check the item refund — override to refund it anyway.`,
      );
    } else if (paid.unitPrice !== undefined) {
      const forUnits = roundCents(paid.unitPrice * req.quantity);
      if (req.itemRefund > forUnits + CENT)
        problems.push(
          `${name}: an item refund of ${money(req.itemRefund, cur)} is more than the ${money(forUnits, cur)} paid for ${units(req.quantity)} — lower it, or override.`,
        );
      else over('an item refund', req.itemRefund, before.item, paid.item ?? 0);
    }
    over('an item tax refund', req.itemTaxRefund, before.itemTax, paid.itemTax);
    over('a shipping refund', req.shippingRefund, before.shipping, paid.shipping);
    over('a shipping tax refund', req.shippingTaxRefund, before.shippingTax, paid.shippingTax);
  }
  return problems;
}

/** Packline's own refund number: unique per station, day and draw (FeedAMP wants it unique across every refund ever posted). */
export function newRefundNumber(station: string, now: Date, random: () => string): string {
  const slug =
    station
      .toUpperCase()
      .replace(/[^A-Z0-9]+/g, '')
      .slice(0, 12) || 'STATION';
  const day = now.toISOString().slice(0, 10).replaceAll('-', '');
  return `PL-${slug}-${day}-${random()}`;
}
