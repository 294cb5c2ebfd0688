// Warehouse settings kept on this station: where the database is and this station's id
// (warehouse.json), and the database password, encrypted like FeedAMP's (warehouse-vault.json:
// the OS keychain in the desktop app, a file only this OS user can read in browser mode).
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { warehouseConfigSchema, type WarehouseConfig } from '../../../preload/api/warehouse';
import { readJsonFile, writeFileAtomic } from '../storage/atomic-file';
import { plainFileCipher, type Cipher } from '../vault';

export const DEFAULT_WAREHOUSE_CONFIG: WarehouseConfig = {
  enabled: false,
  host: '',
  port: 5432,
  database: 'packline',
  user: 'packline',
  ssl: false,
};

const fileSchema = z.object({
  version: z.literal(1),
  stationId: z.string().min(1),
  config: warehouseConfigSchema,
});

const secretSchema = z.object({
  version: z.literal(1),
  protection: z.enum(['os-keychain', 'file-permissions']),
  payload: z.string(),
});

export class WarehouseConfigStore {
  private file: z.infer<typeof fileSchema> | undefined;
  private password: string | undefined;

  constructor(
    private readonly dataDir: string,
    private readonly cipher: Cipher = plainFileCipher,
  ) {}

  private get path() {
    return join(this.dataDir, 'warehouse.json');
  }
  private get secretPath() {
    return join(this.dataDir, 'warehouse-vault.json');
  }

  async load(): Promise<{ stationId: string; config: WarehouseConfig; password: string }> {
    if (!this.file) {
      const read = await readJsonFile(this.path, fileSchema);
      this.file =
        read.status === 'ok'
          ? read.value
          : { version: 1, stationId: randomUUID(), config: DEFAULT_WAREHOUSE_CONFIG };
    }
    if (this.password === undefined) {
      const secret = await readJsonFile(this.secretPath, secretSchema);
      // Another protection or damage reads as no password: IT types it again.
      this.password =
        secret.status === 'ok' && secret.value.protection === this.cipher.protection
          ? this.cipher.decrypt(secret.value.payload)
          : '';
    }
    return { stationId: this.file.stationId, config: this.file.config, password: this.password };
  }

  async save(config: WarehouseConfig, password: string | undefined): Promise<void> {
    const current = await this.load();
    const file = { version: 1 as const, stationId: current.stationId, config };
    await writeFileAtomic(this.path, JSON.stringify(file), {
      mode: 0o600,
      context: { lost: 'the warehouse settings were not saved', retry: 'save them again' },
    });
    this.file = file;
    if (password !== undefined && password !== current.password) {
      const secret = {
        version: 1,
        protection: this.cipher.protection,
        payload: this.cipher.encrypt(password),
      };
      await writeFileAtomic(this.secretPath, JSON.stringify(secret), {
        mode: 0o600,
        context: { lost: 'the warehouse password was not saved', retry: 'save it again' },
      });
      this.password = password;
    }
  }
}
