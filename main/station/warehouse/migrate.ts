// The warehouse schema: plain numbered SQL files (migrations/NNN_name.sql) applied in order, each
// once, recorded in schema_version. Every station runs this at start; the advisory lock makes
// the second station wait for the first and then find nothing left to do.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ClientBase } from 'pg';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Any number that only Packline's migrations use as an advisory lock key. */
const MIGRATION_LOCK = 0x50_4b_4c_01;

/** From source (tests, tsx) beside this file; in the built app where the build copies them. */
function migrationsDir(): string {
  for (const relative of ['./migrations/', './warehouse-migrations/']) {
    const dir = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(dir)) return dir;
  }
  throw new Error('the warehouse migrations folder is missing from this build');
}

export function loadMigrations(dir = migrationsDir()): Migration[] {
  const migrations = readdirSync(dir)
    .map((file) => /^(\d+)_([\w-]+)\.sql$/.exec(file))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({
      version: Number(m[1]),
      name: m[2]!,
      sql: readFileSync(`${dir}/${m[0]}`, 'utf8'),
    }))
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`warehouse migration ${m.version} is out of sequence (expected ${i + 1})`);
  });
  return migrations;
}

/**
 * Applies what the database lacks, all in one transaction: a failure leaves the schema as it was.
 * Returns the versions applied now.
 */
export async function migrate(
  client: ClientBase,
  migrations: Migration[] = loadMigrations(),
): Promise<number[]> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS schema_version (
         version    integer     PRIMARY KEY,
         name       text        NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_version');
    const have = new Set(rows.map((r) => Number(r.version)));
    const newest = Math.max(0, ...have);
    const known = migrations.at(-1)?.version ?? 0;
    if (newest > known) throw new SchemaTooNewError(newest, known);
    const applied: number[] = [];
    for (const m of migrations) {
      if (have.has(m.version)) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO schema_version (version, name) VALUES ($1, $2)', [
        m.version,
        m.name,
      ]);
      applied.push(m.version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** A newer Packline has changed the schema: this one must not write into it. */
export class SchemaTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(`the warehouse database has schema ${found}; this Packline knows up to ${known}`);
  }
}
