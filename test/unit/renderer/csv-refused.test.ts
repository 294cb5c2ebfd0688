// Outbox → Import shipments (CSV) in warehouse mode: the packages other stations kept back are
// said as an alert, each with its order, tracking number and the sentence why.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { RefusedPackages } from '../../../renderer/components/outbox/CsvImport';

const held = {
  orderNumber: '112-0000001',
  trackingNumber: '1Z5R89390300003111',
  reason: 'Being packed at Station 2 by Ann since 10:42 — not queued; leave it to Ann.',
};

describe('CSV packages kept back by other stations', () => {
  it('lists each with its sentence, under one alert that counts them', () => {
    const html = renderToStaticMarkup(createElement(RefusedPackages, { refused: [held] }));
    expect(html).toContain('role="alert"');
    expect(html).toContain('1 package not queued because of other stations (warehouse mode):');
    expect(html).toContain(
      '<li>Order 112-0000001, tracking 1Z5R89390300003111: Being packed at Station 2 by Ann since 10:42 — not queued; leave it to Ann.</li>',
    );
  });

  it('says nothing when none was kept back', () => {
    expect(renderToStaticMarkup(createElement(RefusedPackages, { refused: [] }))).toBe('');
  });
});
