import { describe, expect, it } from 'vitest';
import { createLogger } from '../../main/log';

describe('log', () => {
  it('never writes a password, token or secret, however deep', () => {
    const lines: string[] = [];
    const log = createLogger((l) => lines.push(l));
    log.info('signed in', {
      user: 'pack1',
      password: 'hunter2',
      nested: { token: 'tok-123', headers: { authorization: 'Basic x' } },
    });
    const text = lines.join('\n');
    expect(text).toContain('pack1');
    for (const secret of ['hunter2', 'tok-123', 'Basic x']) expect(text).not.toContain(secret);
  });
});
