// Which station syncs FeedAMP for the account: the one holding a session advisory lock on a
// connection of its own. The lock goes when that connection goes (the station stopped, or the
// database dropped it), and the others, trying every few seconds, take it over. The same
// connection listens for the leader's "new orders" and "new returns" notifications.
import pg from 'pg';
import type { Logger } from '../../log';
import { clientConfig, type ConnectionSettings } from './db';
import { FEED_KINDS, type FeedName } from './feed-kinds';

interface ElectionDeps {
  log: Logger;
  account: () => string | undefined;
  stationId: () => string;
  /** The connection settings while connected to the database; undefined otherwise. */
  connected: () => ConnectionSettings | undefined;
  /** This station became, or stopped being, the one that syncs. */
  onLeader: (leader: boolean) => void;
  /** The leader wrote orders or returns of this account (only told to the others). */
  onRecords: (kind: FeedName) => void;
  everyMs: number;
}

export class SyncElection {
  private client: pg.Client | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private electing = false;
  private isLeader = false;

  constructor(private readonly deps: ElectionDeps) {}

  get leader(): boolean {
    return this.isLeader;
  }

  /** Runs for leader now and every few seconds until stopped. */
  async start(): Promise<void> {
    if (!this.timer) {
      const tick = () => void this.elect();
      this.timer = setInterval(tick, this.deps.everyMs);
      this.timer.unref?.();
    }
    await this.elect();
  }

  /** Stops running; the lock (if held) goes with the connection. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    const client = this.client;
    this.client = undefined;
    void client?.end().catch(() => undefined);
    this.setLeader(false);
  }

  private setLeader(leader: boolean): void {
    if (this.isLeader === leader) return;
    this.isLeader = leader;
    this.deps.onLeader(leader);
  }

  private async elect(): Promise<void> {
    const account = this.deps.account();
    const settings = this.deps.connected();
    if (this.electing || this.isLeader || !account || !settings) return;
    this.electing = true;
    try {
      const client = this.client ?? (await this.listen(settings));
      const { rows } = await client.query<{ got: boolean }>(
        'SELECT pg_try_advisory_lock(hashtext($1)) AS got',
        [`packline-sync|${account}`],
      );
      if (rows[0]?.got && this.client === client) this.setLeader(true);
    } catch (error) {
      this.deps.log.warn('warehouse: sync election failed', { error });
    } finally {
      this.electing = false;
    }
  }

  /** The election's own connection, listening for new records; its end ends the leadership. */
  private async listen(settings: ConnectionSettings): Promise<pg.Client> {
    const mine = new pg.Client(
      clientConfig(settings, { application_name: `packline-sync:${this.deps.stationId()}` }),
    );
    mine.on('error', () => undefined);
    mine.on('end', () => {
      if (this.client !== mine) return;
      this.client = undefined;
      this.setLeader(false);
    });
    mine.on('notification', (n) => {
      const kind = FEED_KINDS.find((k) => k.channel === n.channel);
      if (kind && n.payload === this.deps.account() && !this.isLeader)
        this.deps.onRecords(kind.name);
    });
    await mine.connect();
    for (const { channel } of FEED_KINDS) await mine.query(`LISTEN ${channel}`);
    this.client = mine;
    return mine;
  }
}
