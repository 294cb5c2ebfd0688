import { z } from 'zod';
import { badRequest, created, notFound, ok } from '../http';
import { refundJson } from '../present';
import type { Route } from '../router';
import { parseBody } from '../validation';
import { idString, loadOrder } from './common';

const refundLine = z.looseObject({
  feedamp_order_line_id: idString,
  refund_reason: z.string().min(1).optional(),
  refund_line_number: z.string().optional(),
  refund_quantity: z.number().int().min(1).optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD')
    .optional(),
  item_refund: z.number().min(0).optional(),
  item_tax_refund: z.number().min(0).optional(),
  shipping_refund: z.number().min(0).optional(),
  shipping_tax_refund: z.number().min(0).optional(),
  discount_refund: z.number().min(0).optional(),
  refund_notes: z.string().optional(),
});

// RefundInput allows additional properties, so unknown keys are kept and echoed back.
const refundInput = z.looseObject({
  cp_refund_number: z.string().min(1),
  refund_lines: z.array(refundLine).min(1),
});

export function refundRoutes(): Route[] {
  const base = '/api/v2/orders/{order-id}/refunds';
  return [
    {
      method: 'GET',
      template: base,
      auth: 'seller',
      handle(ctx) {
        const refunds = loadOrder(ctx).refunds.map(refundJson);
        // The reference documents the list under `cancellations`; the
        // sandbox emits that key, and `refunds` too, so clients reading either work.
        return ok({ cancellations: refunds, refunds });
      },
    },
    {
      method: 'POST',
      template: base,
      auth: 'seller',
      handle(ctx) {
        const order = loadOrder(ctx);
        const body = parseBody(refundInput, ctx.req.body);
        // Unique "across all refunds ever posted": checked across every order
        // and client; the duplicate's answer is undocumented, the sandbox says 400.
        if (ctx.store.hasRefundNumber(body.cp_refund_number)) {
          throw badRequest(
            `cp_refund_number ${body.cp_refund_number} was already used; every refund needs a new one.`,
          );
        }
        // Refunded units per line may not exceed the line's ordered quantity across all
        // refunds (undocumented; a refund of more than was bought is surely a mistake).
        const refunded = new Map<string, number>();
        for (const r of order.refunds) {
          for (const line of (r.body.refund_lines as {
            feedamp_order_line_id: string;
            refund_quantity?: number;
          }[]) ?? []) {
            refunded.set(
              line.feedamp_order_line_id,
              (refunded.get(line.feedamp_order_line_id) ?? 0) + (line.refund_quantity ?? 0),
            );
          }
        }
        body.refund_lines.forEach((line, i) => {
          const orderLine = order.lines.find((l) => l.id === line.feedamp_order_line_id);
          if (!orderLine) {
            throw badRequest(
              `refund_lines[${i}].feedamp_order_line_id ${line.feedamp_order_line_id} is not a line of order ${order.id}.`,
            );
          }
          const total = (refunded.get(orderLine.id) ?? 0) + (line.refund_quantity ?? 0);
          refunded.set(orderLine.id, total);
          if (total > orderLine.quantity) {
            throw badRequest(
              `refund_lines[${i}].refund_quantity ${line.refund_quantity ?? 0} exceeds the ${orderLine.quantity} unit(s) ordered on line ${orderLine.id} less those already refunded.`,
            );
          }
        });
        const record = { id: ctx.store.nextId(), body, createdAt: ctx.now };
        order.refunds.push(record);
        order.updatedAt = ctx.now;
        ctx.store.rememberRefundNumber(body.cp_refund_number);
        ctx.store.recordWrite({
          kind: 'refund',
          action: 'create',
          orderId: order.id,
          id: record.id,
          body: ctx.req.body,
          at: ctx.now,
        });
        return created(refundJson(record));
      },
    },
    {
      method: 'GET',
      template: `${base}/{refund-id}`,
      auth: 'seller',
      handle(ctx) {
        const order = loadOrder(ctx);
        const id = ctx.params['refund-id'] ?? '';
        const found = order.refunds.find((r) => r.id === id);
        if (!found) throw notFound(`Refund ${id} not found on order ${order.id}.`);
        return ok(refundJson(found));
      },
    },
  ];
}
