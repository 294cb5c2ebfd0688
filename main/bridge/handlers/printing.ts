import type { printingMethods } from '../../../preload/api/printing';
import type { PrintingService } from '../../station/printing/service';
import type { DomainHandlers } from '../dispatch';

export function printingHandlers(
  printing: PrintingService,
): DomainHandlers<typeof printingMethods> {
  return {
    'printing.pickList': (choice) => printing.pickList(choice),
    'printing.packingSlips': ({ orderIds }) => printing.packingSlips(orderIds),
    'printing.printers': () => printing.printers(),
    'printing.print': (job) => printing.print(job),
    'printing.savePdf': (job) => printing.savePdf(job),
  };
}
