// A throwaway PostgreSQL cluster for the warehouse tests: initdb in a temp folder, started on a
// free loopback port, stopped and removed afterwards. The server refuses to run as root, so as
// root it runs as the `postgres` OS user (Debian's package creates it).
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestPostgres {
  host: string;
  port: number;
  user: string;
  database: string;
  /** Stops the server (fast shutdown: every connection is closed, as when it goes down). */
  stop: () => void;
  /** Starts it again on the same port and data. */
  start: () => void;
  /** Stops it and deletes the cluster. */
  destroy: () => void;
}

/** The folder holding initdb and pg_ctl, or why PostgreSQL cannot be used here. */
function postgresBin(): { bin: string } | { reason: string } {
  const root = '/usr/lib/postgresql';
  const override = process.env.PACKLINE_PG_BIN;
  if (override)
    return existsSync(join(override, 'initdb'))
      ? { bin: override }
      : { reason: `no initdb in ${override}` };
  if (!existsSync(root))
    return { reason: 'PostgreSQL is not installed (apt-get install postgresql)' };
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  if (!versions[0]) return { reason: `no initdb under ${root}/*/bin (apt-get install postgresql)` };
  return { bin: join(root, versions[0], 'bin') };
}

/** A reason to skip the warehouse tests, printed so a skip is never silent. */
export function postgresSkipReason(): string | undefined {
  const found = postgresBin();
  if ('reason' in found) {
    console.warn(`warehouse tests skipped: ${found.reason}`);
    return found.reason;
  }
  return undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startPostgres(): Promise<TestPostgres> {
  const found = postgresBin();
  if ('reason' in found) throw new Error(found.reason);
  const { bin } = found;
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'packline-pg-'));
  if (asRoot)
    chownSync(
      dir,
      Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
      Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
    );
  const run = (tool: string, args: string[]) => {
    const [cmd, argv] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]]
      : [join(bin, tool), args];
    const result = spawnSync(cmd, argv, { encoding: 'utf8', cwd: dir });
    if (result.status !== 0)
      throw new Error(`${tool} failed (${result.status}): ${result.stderr || result.stdout}`);
  };
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'packline', '--no-sync']);
  const port = await freePort();
  const start = () =>
    run('pg_ctl', [
      '-D',
      data,
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`,
      '-l',
      join(dir, 'log'),
      '-w',
      'start',
    ]);
  let running = false;
  start();
  running = true;
  const stop = () => {
    if (!running) return;
    run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
    running = false;
  };
  return {
    host: '127.0.0.1',
    port,
    user: 'packline',
    database: 'postgres',
    stop,
    start() {
      if (running) return;
      start();
      running = true;
    },
    destroy() {
      try {
        stop();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
