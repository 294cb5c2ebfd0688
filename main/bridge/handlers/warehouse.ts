// warehouse.*: Settings → Warehouse database (status, save, test connection).
import type { warehouseMethods } from '../../../preload/api/warehouse';
import type { WarehouseService } from '../../station/warehouse/service';
import type { DomainHandlers } from '../dispatch';

export function warehouseHandlers(
  warehouse: WarehouseService,
): DomainHandlers<typeof warehouseMethods> {
  return {
    'warehouse.status': () => warehouse.status(),
    'warehouse.configure': (input) => warehouse.configure(input),
    'warehouse.test': (input) => warehouse.test(input),
  };
}
