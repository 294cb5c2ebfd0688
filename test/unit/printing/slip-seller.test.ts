import { describe, expect, it } from 'vitest';
import { logoDataUrl, slipSeller } from '../../../main/station/printing/packing-slip';
import { settingsPatchSchema, settingsSchema } from '../../../preload/api/settings';

const PNG = Buffer.from('89504e470d0a1a0a', 'hex');

describe('the seller on packing slips', () => {
  it('carries the name, the logo and the return address a line each', () => {
    const seller = slipSeller({
      name: 'Acme Outdoor',
      logo: 'data:image/png;base64,iVBORw0KGgo=',
      returnAddress: ' 1 Dock Rd \n\nSpringfield IL 62701 ',
    });
    expect(seller).toEqual({
      name: 'Acme Outdoor',
      logo: 'data:image/png;base64,iVBORw0KGgo=',
      returnAddress: ['1 Dock Rd', 'Springfield IL 62701'],
    });
  });

  it('is left off when Settings name no seller', () => {
    expect(slipSeller(settingsSchema.parse({}).printing.seller)).toBeUndefined();
  });

  it('reads a logo file into a data URL, and leaves off one it cannot read', () => {
    const warnings: string[] = [];
    const warn = (m: string) => warnings.push(m);
    expect(logoDataUrl('/srv/logo.PNG', () => PNG, warn)).toBe(
      `data:image/png;base64,${PNG.toString('base64')}`,
    );
    expect(logoDataUrl('/srv/logo.bmp', () => PNG, warn)).toBeUndefined();
    expect(
      logoDataUrl(
        '/srv/missing.png',
        () => {
          throw new Error('ENOENT');
        },
        warn,
      ),
    ).toBeUndefined();
    expect(logoDataUrl('/srv/huge.png', () => Buffer.alloc(600 * 1024), warn)).toBeUndefined();
    expect(warnings).toHaveLength(3);
  });

  it('Settings refuse a logo that is not an image, and keep the rest when a stored one is bad', () => {
    const bad = settingsPatchSchema.safeParse({
      printing: { seller: { name: 'A', logo: 'data:text/html;base64,PGI+', returnAddress: '' } },
    });
    expect(bad.success).toBe(false);
    const stored = settingsSchema.parse({
      printing: {
        seller: { name: 'Acme', logo: 'data:text/html;base64,PGI+', returnAddress: 'x' },
      },
    });
    expect(stored.printing.seller).toEqual({ name: 'Acme', logo: '', returnAddress: 'x' });
  });
});
