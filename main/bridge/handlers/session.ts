import type { sessionMethods } from '../../../preload/api/session';
import type { SessionService } from '../../station/session';
import type { DomainHandlers } from '../dispatch';

export function sessionHandlers(session: SessionService): DomainHandlers<typeof sessionMethods> {
  return {
    'session.status': () => session.status(),
    'session.testConnection': async (input) => ({
      message: (await session.testConnection(input)).message,
    }),
    'session.signIn': (input) => session.signIn(input),
    'session.startDemo': () => session.startDemo(),
    'session.signOut': () => session.signOut(),
    'session.sharing': () => session.sharing(),
  };
}
