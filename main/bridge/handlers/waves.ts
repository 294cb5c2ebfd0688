import type { wavesMethods } from '../../../preload/api/waves';
import type { WaveService } from '../../station/waves/service';
import type { DomainHandlers } from '../dispatch';

export function wavesHandlers(waves: WaveService): DomainHandlers<typeof wavesMethods> {
  return {
    'waves.current': () => waves.current(),
    'waves.start': ({ code, itemFirst }) => waves.start(code, itemFirst),
    'waves.next': ({ open }) => waves.next(open),
    'waves.end': () => waves.end(),
    'waves.itemFirst': ({ code }) => waves.itemFirst(code),
  };
}
