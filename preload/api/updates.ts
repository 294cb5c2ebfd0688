// updates.*: the desktop app's self-update (electron-updater, a seller's own server) as the
// Settings screen shows it. Browser mode has no updater: whoever installed the host updates it.
import { z } from 'zod';
import { noInput } from './app';
import { method } from './define';

const UPDATE_STATES = [
  'unmanaged', // browser mode: updates are not Packline's to do
  'off', // no update address in Settings or in the build
  'checking',
  'up-to-date',
  'downloading',
  'ready', // downloaded; installs when no upload waits and no order is open
  'installing',
  'error',
] as const;

/** What keeps a downloaded update from installing right now. */
const UPDATE_BLOCKERS = ['uploads', 'order'] as const;

const updateStatusSchema = z.object({
  state: z.enum(UPDATE_STATES),
  /** The version running now. */
  current: z.string(),
  /** The version found, downloading or downloaded. */
  version: z.string().optional(),
  percent: z.number().min(0).max(100).optional(),
  waitingFor: z.array(z.enum(UPDATE_BLOCKERS)).optional(),
  /** When the update server last answered (ISO 8601). */
  checkedAt: z.string().optional(),
  /** For `error`: one sentence for the person reading Settings. */
  message: z.string().optional(),
});
export type UpdateStatus = z.infer<typeof updateStatusSchema>;

/** Settings → Updates: where this station looks for new versions ('' = nowhere). */
const updateUrlSchema = z
  .string()
  .trim()
  .max(500, 'The update address is at most 500 characters')
  .refine((value) => value === '' || isHttpUrl(value), {
    message: 'The update address starts with https:// (or http://)',
  });

export const updatesSettingsSchema = z
  .object({ url: updateUrlSchema.catch('').default('') })
  .prefault({});
export const updatesSettingsPatchSchema = z.object({ url: updateUrlSchema }).partial();

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.host !== '';
  } catch {
    return false;
  }
}

export const updatesMethods = {
  'updates.status': method(noInput, updateStatusSchema),
  /** Looks for a new version now instead of waiting for the daily check. */
  'updates.checkNow': method(noInput, updateStatusSchema),
  /** The page says whether an order is open on the Pack screen; no update installs meanwhile. */
  'updates.reportActivity': method(
    z.object({ orderOpen: z.boolean() }).strict(),
    z.object({}).strict(),
  ),
} as const;

export const updatesEvents = {
  'updates.status': updateStatusSchema,
} as const;

/** The one line Settings shows about this station's version and what is waiting. */
export function describeUpdateStatus(status: UpdateStatus): string {
  const next = status.version ?? 'the new version';
  const when = 'installs when the upload queue is empty and no order is open';
  switch (status.state) {
    case 'unmanaged':
      return (
        `Packline ${status.current} runs in a browser here: updates are handled by whoever ` +
        'installed Packline on the computer that hosts it.'
      );
    case 'off':
      return `Packline ${status.current}. Automatic updates are off: no update address is set.`;
    case 'checking':
      return `Packline ${status.current}: checking for updates…`;
    case 'up-to-date':
      return `Up to date (${status.current})`;
    case 'downloading':
      return (
        `Packline ${next} is downloading` +
        (status.percent === undefined ? '' : ` (${Math.floor(status.percent)} %)`) +
        ` and ${when}.`
      );
    case 'ready':
      return `Packline ${next} is downloaded and ${when}.`;
    case 'installing':
      return `Packline ${next} is installing; Packline restarts in a moment.`;
    case 'error':
      return (
        status.message ??
        `Packline ${status.current} could not check for updates; it tries again tomorrow.`
      );
  }
}
