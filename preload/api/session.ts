// session.*: signing in to FeedAMP (or the built-in demo). The renderer learns whether it is
// signed in, as whom and where; the password and token never come back across the bridge.
import { z } from 'zod';
import { method } from './define';
import { noInput } from './app';

export const DEFAULT_FEEDAMP_URL = 'https://api.feedamp.feedonomics.com';

export const signInInputSchema = z.object({
  baseUrl: z
    .string()
    .trim()
    .url('Enter the FeedAMP URL, for example https://api.feedamp.feedonomics.com')
    .refine((u) => /^https?:\/\//.test(u), 'The FeedAMP URL starts with https://'),
  username: z.string().trim().min(1, 'Enter your FeedAMP username'),
  password: z.string().min(1, 'Enter your FeedAMP password'),
  clientId: z.string().trim().regex(/^\d+$/, 'The client ID is a number, like 1001'),
});
export type SignInInput = z.infer<typeof signInInputSchema>;

const sessionStatusSchema = z.object({
  signedIn: z.boolean(),
  username: z.string().optional(),
  baseUrl: z.string().optional(),
  clientId: z.string().optional(),
  demo: z.boolean(),
  /** How the vault protects the password: the OS keychain, or a file only this user can read. */
  protection: z.enum(['os-keychain', 'file-permissions']),
  warning: z.string().optional(),
});
export type SessionStatus = z.infer<typeof sessionStatusSchema>;

/** How this PC's clock compares with FeedAMP's, from the Date of FeedAMP's answers. */
const clockReadingSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('unknown') }),
  z.object({ kind: z.literal('agrees'), withinMs: z.number() }),
  z.object({ kind: z.literal('off'), byAtLeastMs: z.number(), ahead: z.boolean() }),
]);
export type ClockReadingView = z.infer<typeof clockReadingSchema>;

/** How this station shares its FeedAMP account (Settings → FeedAMP). */
const accountSharingSchema = z.object({
  clock: clockReadingSchema,
  /** When FeedAMP last answered one of this station's list requests 429 (ISO), if it has. */
  listRateLimitedAt: z.string().optional(),
});
export type AccountSharing = z.infer<typeof accountSharingSchema>;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The clock check in words, for Settings beside the station's turn. */
export function describeClock(reading: ClockReadingView): string {
  switch (reading.kind) {
    case 'unknown':
      return "This PC's clock is not checked yet: FeedAMP has not answered since Packline started.";
    case 'agrees':
      return (
        `This PC's clock agrees with FeedAMP's to within ${seconds(reading.withinMs)} ` +
        "(FeedAMP's clock tells whole seconds only)."
      );
    case 'off':
      return (
        `This PC's clock is at least ${seconds(reading.byAtLeastMs)} ` +
        `${reading.ahead ? 'ahead of' : 'behind'} FeedAMP's. Turns need every station's clock ` +
        'set by network time: set this PC to take its time from the internet.'
      );
  }
}

export const sessionMethods = {
  'session.status': method(noInput, sessionStatusSchema),
  'session.testConnection': method(signInInputSchema, z.object({ message: z.string() })),
  'session.signIn': method(signInInputSchema, sessionStatusSchema),
  'session.startDemo': method(noInput, sessionStatusSchema),
  'session.signOut': method(noInput, sessionStatusSchema),
  'session.sharing': method(noInput, accountSharingSchema),
} as const;

export const sessionEvents = {
  'session.changed': sessionStatusSchema,
} as const;
