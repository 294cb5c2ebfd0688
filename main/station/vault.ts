// The vault keeps the FeedAMP credentials and token in main, never in the renderer.
// In Electron the contents are encrypted with the OS keychain (safeStorage, passed in as a
// Cipher by main/electron.ts); in browser mode they sit in a file only this OS user can read
// (0600). Either way the file is written atomically and read back through zod.
import { join } from 'node:path';
import { z } from 'zod';
import type { TokenStore } from '../feedamp/token';
import { readJsonFile, writeFileAtomic } from './storage/atomic-file';
import type { StorageContext } from './storage/errors';

export interface Cipher {
  /** 'os-keychain' (encrypted), or 'file-permissions' (plain text readable only by this user). */
  readonly protection: 'os-keychain' | 'file-permissions';
  encrypt: (plain: string) => string;
  decrypt: (stored: string) => string;
}

export const plainFileCipher: Cipher = {
  protection: 'file-permissions',
  encrypt: (plain) => plain,
  decrypt: (stored) => stored,
};

const credentialsSchema = z.object({
  baseUrl: z.string().url(),
  username: z.string().min(1),
  password: z.string(),
  clientId: z.string().regex(/^\d+$/),
  demo: z.boolean().default(false),
});
export type Credentials = z.infer<typeof credentialsSchema>;

const contentsSchema = z.object({
  credentials: credentialsSchema.optional(),
  token: z.string().optional(),
});
type Contents = z.infer<typeof contentsSchema>;

const fileSchema = z.object({
  version: z.literal(1),
  protection: z.enum(['os-keychain', 'file-permissions']),
  payload: z.string(),
});

export class Vault {
  private contents: Contents | undefined;
  private readonly path: string;

  constructor(
    dataDir: string,
    private readonly cipher: Cipher = plainFileCipher,
  ) {
    this.path = join(dataDir, 'vault.json');
  }

  get protection(): Cipher['protection'] {
    return this.cipher.protection;
  }

  private async read(): Promise<Contents> {
    if (this.contents) return this.contents;
    const file = await readJsonFile(this.path, fileSchema);
    let contents: Contents = {};
    if (file.status === 'ok' && file.value.protection === this.cipher.protection) {
      const parsed = contentsSchema.safeParse(JSON.parse(this.cipher.decrypt(file.value.payload)));
      if (parsed.success) contents = parsed.data;
    }
    // Anything unreadable (another protection, damage) is treated as signed out: the packer
    // signs in again; nothing else depends on the vault.
    this.contents = contents;
    return contents;
  }

  /** On disk first: a write the disk refuses leaves the vault as it was, in memory too. */
  private async write(
    contents: Contents,
    context: StorageContext = { lost: 'the sign-in was not saved', retry: 'sign in again' },
  ): Promise<void> {
    const file = {
      version: 1,
      protection: this.cipher.protection,
      payload: this.cipher.encrypt(JSON.stringify(contents)),
    };
    // A new file (the temp renamed over the old) always carries this mode.
    await writeFileAtomic(this.path, JSON.stringify(file), {
      mode: 0o600,
      context,
    });
    this.contents = contents;
  }

  async credentials(): Promise<Credentials | undefined> {
    return (await this.read()).credentials;
  }

  async saveCredentials(credentials: Credentials): Promise<void> {
    const current = await this.read();
    const sameAccount =
      current.credentials?.baseUrl === credentials.baseUrl &&
      current.credentials.username === credentials.username;
    // A token belongs to one account; keep it only when the account is the same.
    await this.write({ credentials, token: sameAccount ? current.token : undefined });
  }

  /** Sign out: forget the credentials and the token. */
  async forget(): Promise<void> {
    await this.write({}, { lost: 'this station is still signed in', retry: 'sign out again' });
  }

  readonly tokenStore: TokenStore = {
    load: async () => (await this.read()).token,
    save: async (token) => this.write({ ...(await this.read()), token }),
    clear: async () => this.write({ ...(await this.read()), token: undefined }),
  };
}
