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

export const sessionMethods = {
  'session.status': method(noInput, sessionStatusSchema),
  'session.testConnection': method(signInInputSchema, z.object({ message: z.string() })),
  'session.signIn': method(signInInputSchema, sessionStatusSchema),
  'session.startDemo': method(noInput, sessionStatusSchema),
  'session.signOut': method(noInput, sessionStatusSchema),
} as const;

export const sessionEvents = {
  'session.changed': sessionStatusSchema,
} as const;
