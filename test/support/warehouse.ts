// Warehouse test helpers: a fresh database on the throwaway cluster, and stations (warehouse
// services with their own data folders) connected to it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { silentLogger } from '../../main/log';
import type { ClaimTimings } from '../../main/station/warehouse/claims';
import { WarehouseService } from '../../main/station/warehouse/service';
import type { TestPostgres } from './postgres';

let databases = 0;

export async function createDatabase(server: TestPostgres): Promise<string> {
  const name = `wh${process.pid}_${++databases}`;
  const admin = new pg.Client({
    host: server.host,
    port: server.port,
    user: server.user,
    database: 'postgres',
  });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return name;
}

function warehouseInput(server: TestPostgres, database: string) {
  return {
    enabled: true,
    host: server.host,
    port: server.port,
    database,
    user: server.user,
    ssl: false,
    password: '',
  };
}

export async function startStation(
  server: TestPostgres,
  database: string,
  options: {
    name: string;
    packer?: string;
    account?: string;
    timings?: Partial<ClaimTimings>;
    retryMs?: number;
    dataDir?: string;
  },
): Promise<WarehouseService> {
  const service = new WarehouseService({
    dataDir: options.dataDir ?? mkdtempSync(join(tmpdir(), 'warehouse-')),
    log: silentLogger,
    identity: () => ({
      stationName: options.name,
      packer: options.packer ?? `Packer of ${options.name}`,
    }),
    account: () => options.account ?? 'demo',
    timings: options.timings,
    retryMs: options.retryMs ?? 200,
  });
  await service.start();
  await service.configure(warehouseInput(server, database));
  return service;
}
