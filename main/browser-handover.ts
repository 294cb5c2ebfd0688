// Opens browser mode's page without putting the per-launch secret on a command line, where
// every local user could read it (`ps`, /proc/<pid>/cmdline). Chromium gets the path of a
// small page that only this OS user can read, which forwards to the address with the secret;
// the host deletes it as soon as the page has used the secret (or when it stops).
import { spawn as nodeSpawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Logger } from './log';

const CHROMIUM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
];

/** A leftover from a run that was killed before its page opened. */
const STALE_AFTER_MS = 10 * 60_000;

export interface HandoverPage {
  path: string;
  /** Deletes the page; safe to call more than once. */
  remove: () => void;
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** Writes `<dataDir>/launch/open-<random>.html` (folder 0700, file 0600) forwarding to `url`. */
export function writeHandoverPage(dataDir: string, url: string, now = Date.now()): HandoverPage {
  const dir = join(dataDir, 'launch');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700); // mkdir's mode does not apply to a folder that already existed
  for (const name of readdirSync(dir)) {
    const old = join(dir, name);
    if (!/^open-[0-9a-f]+\.html$/.test(name)) continue;
    try {
      if (now - statSync(old).mtimeMs > STALE_AFTER_MS) rmSync(old, { force: true });
    } catch {
      // gone already: another Packline on this data folder tidied it
    }
  }
  const path = join(dir, `open-${randomBytes(8).toString('hex')}.html`);
  const href = escapeHtml(url);
  const html = [
    '<!doctype html>',
    '<meta charset="utf-8">',
    '<meta name="referrer" content="no-referrer">',
    `<meta http-equiv="refresh" content="0;url=${href}">`,
    '<title>Packline</title>',
    `<p>Opening Packline… <a href="${href}">Continue</a></p>`,
    `<script>location.replace(${JSON.stringify(url).replace(/</g, '\\u003c')});</script>`,
    '',
  ].join('\n');
  // 'wx': never write through a file (or link) that is already there.
  writeFileSync(path, html, { mode: 0o600, flag: 'wx' });
  return { path, remove: () => rmSync(path, { force: true }) };
}

/** The arguments Chromium is started with: a file path, never the secret. */
function chromiumArgs(pagePath: string): string[] {
  return [`--app=${pathToFileURL(pagePath).href}`, '--no-first-run'];
}

export interface OpenAppWindowOptions {
  url: string;
  dataDir: string;
  log: Logger;
  /** For tests; defaults to node:child_process's spawn and the real environment. */
  spawn?: typeof nodeSpawn;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  chromium?: string;
  say?: (line: string) => void;
}

/**
 * Opens the page in Chromium's app mode when there is a display and a Chromium; returns the
 * hand-over page to delete once the page has used the secret, or null when nothing opened.
 */
export function openAppWindow(options: OpenAppWindowOptions): HandoverPage | null {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const say = options.say ?? ((line: string) => process.stdout.write(line + '\n'));
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY && platform === 'linux') {
    say('Packline: no display here; open the address above in a browser on this machine.');
    return null;
  }
  const chromium = options.chromium ?? CHROMIUM_CANDIDATES.find((c) => existsSync(c));
  if (!chromium) {
    say('Packline: Chromium not found; open the address above in a browser.');
    return null;
  }
  const page = writeHandoverPage(options.dataDir, options.url);
  const spawn = options.spawn ?? nodeSpawn;
  const child = spawn(chromium, chromiumArgs(page.path), { detached: true, stdio: 'ignore' });
  child.on('error', (error) => {
    page.remove();
    options.log.warn('could not open Chromium', { error });
    say('Packline: Chromium did not start; open the address above in a browser.');
  });
  child.unref();
  return page;
}
