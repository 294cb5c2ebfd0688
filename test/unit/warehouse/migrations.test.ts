// The warehouse schema on a real PostgreSQL: every numbered file applied once and in order,
// stations starting together do it once between them, a failing file leaves nothing behind.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  loadMigrations,
  migrate,
  SchemaTooNewError,
} from '../../../main/station/warehouse/migrate';
import { postgresSkipReason, startPostgres, type TestPostgres } from '../../support/postgres';

const skip = postgresSkipReason();

describe.skipIf(skip)('warehouse migrations', () => {
  let server: TestPostgres;
  let n = 0;
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(() => server?.destroy());

  /** A fresh database per test, and a connection factory to it. */
  async function freshDb() {
    const name = `m${++n}`;
    const admin = new pg.Client({
      host: server.host,
      port: server.port,
      user: server.user,
      database: 'postgres',
    });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const clients: pg.Client[] = [];
    const connect = async () => {
      const c = new pg.Client({
        host: server.host,
        port: server.port,
        user: server.user,
        database: name,
      });
      await c.connect();
      clients.push(c);
      return c;
    };
    return { connect, close: () => Promise.all(clients.map((c) => c.end())) };
  }

  it('applies the shipped files in order, once, recording each in schema_version', async () => {
    const db = await freshDb();
    const c = await db.connect();
    const shipped = loadMigrations();
    expect(shipped.map((m) => m.version)).toEqual(shipped.map((_, i) => i + 1));
    expect(await migrate(c)).toEqual(shipped.map((m) => m.version));
    expect(await migrate(c)).toEqual([]);
    const { rows } = await c.query(
      'SELECT version, name FROM schema_version ORDER BY applied_at, version',
    );
    expect(rows.map((r) => r.version)).toEqual(shipped.map((m) => m.version));
    const tables = await c.query(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
    );
    expect(tables.rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining(['claims', 'orders', 'packed_lines', 'schema_version', 'sync_state']),
    );
    await db.close();
  });

  it('five stations starting at once apply each file exactly once', async () => {
    const db = await freshDb();
    const clients = await Promise.all([1, 2, 3, 4, 5].map(() => db.connect()));
    const results = await Promise.all(clients.map((c) => migrate(c)));
    const applied = results.flat().sort();
    expect(applied).toEqual(loadMigrations().map((m) => m.version));
    await db.close();
  });

  it('a file that fails leaves the schema as it was, and the next start applies it once fixed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'migrations-'));
    writeFileSync(join(dir, '001_first.sql'), 'CREATE TABLE first (id int);');
    writeFileSync(
      join(dir, '002_broken.sql'),
      'CREATE TABLE second (id int); SELECT nonsense_fn();',
    );
    const db = await freshDb();
    const c = await db.connect();
    await expect(migrate(c, loadMigrations(dir))).rejects.toThrow(/nonsense_fn/);
    const after = await c.query(
      "SELECT to_regclass('first') AS t, to_regclass('schema_version') AS v",
    );
    expect(after.rows[0]).toEqual({ t: null, v: null });
    writeFileSync(join(dir, '002_broken.sql'), 'CREATE TABLE second (id int);');
    expect(await migrate(c, loadMigrations(dir))).toEqual([1, 2]);
    await db.close();
  });

  it('refuses to run against a schema a newer Packline wrote, and a gap in the numbering', async () => {
    const db = await freshDb();
    const c = await db.connect();
    await migrate(c);
    await c.query("INSERT INTO schema_version (version, name) VALUES (99, 'future')");
    await expect(migrate(c)).rejects.toBeInstanceOf(SchemaTooNewError);
    const dir = mkdtempSync(join(tmpdir(), 'migrations-'));
    writeFileSync(join(dir, '001_a.sql'), 'SELECT 1;');
    writeFileSync(join(dir, '003_c.sql'), 'SELECT 1;');
    expect(() => loadMigrations(dir)).toThrow(/out of sequence/);
    await db.close();
  });
});
