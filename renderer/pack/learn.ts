// Learning an unknown code as an alias of the selected line's SKU, or as a case of several of
// its units: the offer, the units typed for it, and main's answer.
import { learned as learnedSentence, unitsToLearn } from '../../common/pack-sentences';

import type { EventOf, Step } from './model';

export function learnAlias(s: Step): boolean | undefined {
  const { learnable, selectedLineId, order, learnUnits } = s.state;
  const sku = order?.lines.find((l) => l.id === selectedLineId)?.sku;
  if (!learnable || !sku) return undefined;
  const units = /^\d{1,4}$/.test(learnUnits.trim()) ? Number(learnUnits.trim()) : 0;
  if (units < 1) {
    s.say('error', unitsToLearn(learnable, sku), 'unknown');
    return false;
  }
  s.call({
    method: 'pack.learnAlias',
    code: learnable,
    sku,
    ...(units === 1 ? {} : { units }),
  });
  return undefined;
}

/** The first digit replaces the '1' offered; at most four digits. */
export function typeLearnUnits(s: Step, event: EventOf<'typeLearnUnits'>): boolean {
  if (!s.state.learnable) return false;
  const sofar = s.state.learnUnitsTyped ? s.state.learnUnits : '';
  if (event.key === 'Backspace') s.set({ learnUnits: sofar.slice(0, -1) });
  else if (/^\d$/.test(event.key) && sofar.length < 4) s.set({ learnUnits: sofar + event.key });
  s.set({ learnUnitsTyped: true });
  return true;
}

export function setLearnUnits(s: Step, event: EventOf<'setLearnUnits'>): void {
  s.set({ learnUnits: event.value.replace(/\D/g, '').slice(0, 4), learnUnitsTyped: true });
}

export function learned(s: Step, event: EventOf<'learned'>): boolean {
  s.set({ learnable: undefined, learnUnits: '1', learnUnitsTyped: false });
  s.say('ok', learnedSentence(event.code, event.sku, event.units), 'good');
  return true;
}
