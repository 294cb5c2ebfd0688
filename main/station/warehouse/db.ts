// The connection to the warehouse database: a small pool for claims and the order feed, and
// the rule for telling "the database is gone" (work alone, try again) from "the database said
// no" (a bug or a schema problem, logged).
import pg from 'pg';
import type { WarehouseConfig } from '../../../preload/api/warehouse';

export interface ConnectionSettings extends WarehouseConfig {
  password: string;
}

export function clientConfig(c: ConnectionSettings, extra: pg.ClientConfig = {}): pg.ClientConfig {
  return {
    host: c.host,
    port: c.port,
    database: c.database,
    user: c.user,
    password: c.password,
    ssl: c.ssl ? { rejectUnauthorized: true } : false,
    // A station must notice a vanished server in seconds, not at the OS's TCP timeout.
    connectionTimeoutMillis: 5_000,
    query_timeout: 10_000,
    keepAlive: true,
    keepAliveInitialDelayMillis: 5_000,
    application_name: 'packline',
    ...extra,
  };
}

export function createPool(c: ConnectionSettings, max = 4): pg.Pool {
  const pool = new pg.Pool({ ...clientConfig(c), max, idleTimeoutMillis: 30_000 });
  // An idle client losing its server emits here; without a listener it would end the process.
  pool.on('error', () => undefined);
  return pool;
}

/** SQLSTATE classes that mean the server went away or cannot take us now. */
const UNAVAILABLE_SQLSTATE = /^(08|53|57P)/;

/** True when the error means "cannot reach the database" rather than "the database refused". */
export function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && UNAVAILABLE_SQLSTATE.test(code)) return true;
  // Socket errors (ECONNREFUSED, ETIMEDOUT, …) and pg's own "Connection terminated" carry no
  // SQLSTATE; a server's refusal always does.
  if (error instanceof pg.DatabaseError) return false;
  return true;
}

/** One sentence for Settings → Test connection, from what connecting threw. */
export function connectProblem(
  error: unknown,
  c: Pick<WarehouseConfig, 'host' | 'port' | 'database' | 'user'>,
): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  const where = `${c.host}:${c.port}`;
  switch (code) {
    case 'ECONNREFUSED':
      return `Nothing answers at ${where} — check the host and port, and that PostgreSQL is running.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Cannot find the computer ${c.host} — check the host name.`;
    case '28P01':
    case '28000':
      return `The database refused user ${c.user} — check the user and password.`;
    case '3D000':
      return `There is no database ${c.database} on ${where} — check the name, or ask IT to create it.`;
    case '42501':
      return `User ${c.user} may not create Packline's tables in ${c.database} — ask IT to make it the owner.`;
  }
  if (error instanceof Error && /timeout/i.test(error.message))
    return `${where} did not answer within 5 s — check the host, the port and the network.`;
  return `Cannot use the warehouse database at ${where} — the log has the details.`;
}
