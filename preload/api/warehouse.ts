// warehouse.*: warehouse mode, where the stations of one FeedAMP account share a PostgreSQL
// database for claims (who packs which order) and one order sync. Settings → Warehouse database.
import { z } from 'zod';
import { noInput } from './app';
import { method } from './define';

/** Where the database is; the password travels separately and stays in main's vault. */
export const warehouseConfigSchema = z.object({
  enabled: z.boolean(),
  host: z.string().trim().max(255),
  port: z.number().int().min(1, 'The port is a number from 1 to 65535').max(65535),
  database: z.string().trim().max(63),
  user: z.string().trim().max(63),
  /** TLS to the server (verify its certificate); off for a database on the local network. */
  ssl: z.boolean(),
});
export type WarehouseConfig = z.infer<typeof warehouseConfigSchema>;

const WAREHOUSE_STATES = [
  'off', // this station works on its own (the default)
  'connecting',
  'connected',
  'alone', // configured but unreachable: packing goes on from the cache
] as const;

const warehouseStatusSchema = z.object({
  state: z.enum(WAREHOUSE_STATES),
  config: warehouseConfigSchema,
  /** A password is kept in the vault (it is never sent to the page). */
  hasPassword: z.boolean(),
  /** This station is the one syncing FeedAMP for the account. */
  leader: z.boolean(),
  /** For `alone`: one sentence saying what it means and why. */
  message: z.string().optional(),
  /** When the database last answered (ISO 8601). */
  seenAt: z.string().optional(),
});
export type WarehouseStatus = z.infer<typeof warehouseStatusSchema>;

const configInput = warehouseConfigSchema
  .extend({
    /** Absent: keep the saved password. '' forgets it. */
    password: z.string().max(1000).optional(),
  })
  .strict();
export type WarehouseConfigInput = z.infer<typeof configInput>;

export const warehouseMethods = {
  'warehouse.status': method(noInput, warehouseStatusSchema),
  /** Saves the settings (password to the vault) and connects, or goes back to working alone. */
  'warehouse.configure': method(configInput, warehouseStatusSchema),
  /** Connects once with these settings and says in one sentence what happened. */
  'warehouse.test': method(configInput, z.object({ ok: z.boolean(), message: z.string() })),
} as const;

export const warehouseEvents = {
  'warehouse.status': warehouseStatusSchema,
} as const;
