// The cancel dialog's reason by first letter: the first reason it starts, the next on a repeat.
import { describe, expect, it } from 'vitest';
import { reasonByLetter } from '../../../renderer/components/pack/CancelDialog';

describe('cancel reason by first letter', () => {
  it('picks the first reason a letter starts and moves on when pressed again', () => {
    expect(reasonByLetter('o', '')).toBe('out_of_stock');
    expect(reasonByLetter('O', 'out_of_stock')).toBe('other');
    expect(reasonByLetter('o', 'other')).toBe('out_of_stock');
    expect(reasonByLetter('c', '')).toBe('customer_cancelled');
    expect(reasonByLetter('c', 'customer_cancelled')).toBe('customer_rejected');
    expect(reasonByLetter('c', 'fraud')).toBe('customer_cancelled');
    expect(reasonByLetter('z', '')).toBeUndefined();
  });
});
