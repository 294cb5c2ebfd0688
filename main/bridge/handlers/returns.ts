import type { returnsMethods } from '../../../preload/api/returns';
import { toEntryView } from '../../station/outbox/service';
import type { ReturnsService } from '../../station/returns/service';
import type { ReturnSync } from '../../station/returns/sync';
import type { DomainHandlers } from '../dispatch';

export interface ReturnsDesk {
  service: ReturnsService;
  sync: ReturnSync;
}

export function returnsHandlers({
  service,
  sync,
}: ReturnsDesk): DomainHandlers<typeof returnsMethods> {
  return {
    'returns.list': () => ({ returns: service.list() }),
    'returns.get': ({ id, includeOrder }) => service.get(id, includeOrder),
    'returns.find': ({ code }) => ({ returnIds: service.find(code) }),
    'returns.status': () => sync.status(),
    'returns.sync': () => sync.syncNow(),
    'returns.operation': async ({ returnId, op, body }) =>
      toEntryView(await service.operation(returnId, op, body)),
    'returns.refund': async (input) => toEntryView(await service.refundReturn(input)),
    'orders.refunds.list': ({ orderId }) => service.orderRefunds(orderId),
    'orders.refund': async (input) => {
      const { entry, cpRefundNumber } = await service.refundOrder(input);
      return { entry: toEntryView(entry), cpRefundNumber };
    },
  };
}
