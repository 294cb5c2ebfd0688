// Settings → Warehouse database → Test connection: one connection with the typed settings, the
// schema brought up to date, and one sentence saying what happened.
import pg from 'pg';
import type { WarehouseConfigInput } from '../../../preload/api/warehouse';
import type { Logger } from '../../log';
import { clientConfig, connectProblem } from './db';
import { migrate } from './migrate';

export const NO_HOST = 'Type the database host first (ask IT for it).';

/** `savedPassword` stands in when none is typed. */
export async function testConnection(
  input: WarehouseConfigInput,
  savedPassword: () => Promise<string>,
  log: Logger,
): Promise<{ ok: boolean; message: string }> {
  const { password, ...config } = input;
  if (!config.host) return { ok: false, message: NO_HOST };
  const client = new pg.Client(
    clientConfig({ ...config, password: password ?? (await savedPassword()) }),
  );
  client.on('error', () => undefined);
  try {
    await client.connect();
    await migrate(client);
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(DISTINCT station_id) AS n FROM claims WHERE heartbeat_at > now() - interval '5 minutes'`,
    );
    const n = Number(rows[0]?.n ?? 0);
    return {
      ok: true,
      message: `Connected to ${config.database} on ${config.host} — ${n} station${n === 1 ? '' : 's'} packing there now.`,
    };
  } catch (error) {
    log.warn('warehouse: test connection failed', { error });
    return { ok: false, message: connectProblem(error, config) };
  } finally {
    await client.end().catch(() => undefined);
  }
}
