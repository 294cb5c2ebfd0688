// Crash dumps: the desktop app's crash reporter writes minidumps to <data dir>/crashes (never
// uploaded anywhere); Save diagnostics takes the newest of them, so a support person sees what
// crashed without asking the packer to find files.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { ZipEntry } from './logs/zip-writer';

const CRASH_FOLDER = 'crashes';

/** Newest first, at most this many and this many bytes together: a zip a person can e-mail. */
export const CRASH_DUMP_LIMITS = { count: 5, bytes: 50 * 1024 * 1024 } as const;

export function crashDir(dataDir: string): string {
  return join(dataDir, CRASH_FOLDER);
}

async function dumpsUnder(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const found: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    // Crashpad keeps dumps in completed/, pending/ and new/ below its database folder.
    if (entry.isDirectory()) found.push(...(await dumpsUnder(path)));
    else if (entry.isFile() && entry.name.endsWith('.dmp')) found.push(path);
  }
  return found;
}

export async function crashDumpEntries(dataDir: string): Promise<ZipEntry[]> {
  const root = crashDir(dataDir);
  const dumps = await Promise.all(
    (await dumpsUnder(root)).map(async (path) => ({ path, info: await stat(path) })),
  );
  dumps.sort((a, b) => b.info.mtimeMs - a.info.mtimeMs);
  const entries: ZipEntry[] = [];
  let bytes = 0;
  for (const { path, info } of dumps.slice(0, CRASH_DUMP_LIMITS.count)) {
    if (bytes + info.size > CRASH_DUMP_LIMITS.bytes) break;
    bytes += info.size;
    const name = `crashes/${relative(root, path).split(/[\\/]/).join('/')}`;
    entries.push({ name, data: await readFile(path), modified: info.mtime });
  }
  return entries;
}
