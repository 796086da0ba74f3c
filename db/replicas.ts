import { within } from '../core/within.ts';
import { connect, type ConnectOptions, type DbHandle } from './client.ts';

/** What a replica looked like at its last check. */
export interface ReplicaState {
  /** `postgres-replica-N`, N its place in DATABASE_REPLICA_URLS from 0 (never the URL: it holds a password). */
  name: string;
  /** ok: used for reads; lagging: further behind than allowed; down: did not answer, or is no standby. */
  status: 'ok' | 'lagging' | 'down';
  /** Seconds since the primary held something this replica has not replayed yet; null when unknown. */
  lagSeconds: number | null;
  /** How long its last check took, in milliseconds. */
  latencyMs: number;
}

export interface ReadPoolsOptions {
  /** A replica further behind than this is skipped (REPLICA_MAX_LAG_SECONDS). */
  maxLagSeconds: number;
  /** How often each replica is checked (default 1 s). */
  intervalMs?: number;
  /** For the replicas' pools (the checks have their own one-connection pools). */
  connectOptions?: ConnectOptions;
  /** Told when a replica's status changes (ok, lagging, down). */
  log?: (line: string) => void;
}

interface Replica {
  name: string;
  pool: DbHandle;
  check: DbHandle;
  state: ReplicaState;
  /** It holds everything the primary had committed at this moment (performance.now(), ms); 0 when unknown. */
  holdsPrimaryOf: number;
}

/**
 * The primary's WAL position at one moment: a replica that replayed up to `lsn` shows the primary
 * as of `at`, which is taken before the question is sent (so everything committed before `at` is
 * at or below `lsn`).
 */
interface Sample {
  at: number;
  lsn: bigint;
}

/** A check that has not answered in this long counts as a failure: requests must not wait for a hung server. */
const CHECK_TIMEOUT_MS = 1_500;
/** After a change is heard, replicas are checked this often (for this long) so reads return to them soon. */
const RECHECK_MS = 50;
const RECHECK_FOR_MS = 2_000;

/** "16/B374D848" → a number that orders like the position. */
function lsnValue(lsn: string): bigint {
  const [high = '0', low = '0'] = lsn.split('/');
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}

/**
 * Read replicas of the primary and the choice among them: every read that may be a little behind
 * asks `pick()`, which returns a healthy replica's pool (in turn) or, when none is healthy, the
 * primary's. Each replica is checked every second in the background: reachable, still a standby,
 * and how far behind. The lag is measured against the primary's own WAL position, sampled at each
 * check: a replica that has replayed everything the primary had written is 0 s behind however old
 * its last transaction is (pg_last_xact_replay_timestamp() ages on an idle primary), and one that
 * has not is behind by the time since the primary's WAL was where the replica's replay is.
 */
export class ReadPools {
  private readonly replicas: Replica[];
  private readonly primaryCheck: DbHandle;
  private readonly maxLagMs: number;
  private readonly intervalMs: number;
  private readonly log: (line: string) => void;
  private history: Sample[] = [];
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | undefined;
  private turn = 0;
  private changeHeardAt = 0;
  private recheck: NodeJS.Timeout | undefined;
  /** The primary's pool: what `pick()` returns when no replica is healthy. */
  readonly primary: DbHandle;

  constructor(primary: DbHandle, primaryUrl: string, urls: string[], options: ReadPoolsOptions) {
    this.primary = primary;
    this.maxLagMs = options.maxLagSeconds * 1000;
    this.intervalMs = options.intervalMs ?? 1000;
    this.log = options.log ?? (() => {});
    const checkOptions: ConnectOptions = { max: 1, connectTimeoutSeconds: 1, maxReconnectDelaySeconds: 0.1, applicationName: 'portal-replica-check' };
    this.primaryCheck = connect(primaryUrl, checkOptions);
    this.replicas = urls.map((url, i) => {
      const name = `postgres-replica-${i}`;
      return {
        name,
        pool: connect(url, { ...options.connectOptions, applicationName: 'portal-read' }),
        check: connect(url, checkOptions),
        state: { name, status: 'down', lagSeconds: null, latencyMs: 0 },
        holdsPrimaryOf: 0,
      };
    });
  }

  /** Checks at once, then every interval; the timer does not keep the process alive. */
  start(): this {
    if (this.timer || this.replicas.length === 0) return this;
    void this.checkNow();
    this.timer = setInterval(() => void this.checkNow(), this.intervalMs);
    this.timer.unref();
    return this;
  }

  /**
   * A healthy replica's pool, in turn; the primary's when none is healthy (or none is configured).
   * Healthy: answering, within the lag bound, and holding every change this process has heard of.
   */
  pick(): DbHandle {
    const healthy = this.replicas.filter((r) => r.state.status === 'ok' && r.holdsPrimaryOf >= this.changeHeardAt);
    if (healthy.length === 0) return this.primary;
    this.turn = (this.turn + 1) % healthy.length;
    return healthy[this.turn]!.pool;
  }

  /**
   * This process heard that published data changed (NOTIFY portal_changed, or its own admin
   * write), and empties its caches. Until a replica is known to hold the primary as of a moment
   * after now, reads go to the primary: otherwise the emptied caches would fill again with the
   * replica's older state, and a page would show a change and then, rendered anew, not show it.
   */
  afterChange(): void {
    this.changeHeardAt = performance.now();
    if (this.replicas.length) this.scheduleRecheck();
  }

  /**
   * A read on `handle` failed because its server could not be reached: skip that replica now,
   * without waiting for its next check (which brings it back once it answers).
   */
  reportUnreachable(handle: DbHandle): void {
    const replica = this.replicas.find((r) => r.pool === handle);
    if (replica) this.setState(replica, { ...replica.state, status: 'down', lagSeconds: null }, 'a read could not reach it');
  }

  states(): ReplicaState[] {
    return this.replicas.map((r) => ({ ...r.state }));
  }

  /** One round of checks; a round still running is joined rather than doubled. */
  checkNow(): Promise<void> {
    this.checking ??= this.checkAll().finally(() => (this.checking = undefined));
    return this.checking;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    clearTimeout(this.recheck);
    this.timer = undefined;
    await this.checking?.catch(() => {});
    await Promise.all([this.primaryCheck, ...this.replicas.flatMap((r) => [r.pool, r.check])].map((h) => h.close().catch(() => {})));
  }

  private async checkAll(): Promise<void> {
    // The primary first: a replica read after it that has replayed this position is fully caught up.
    await this.samplePrimary();
    await Promise.all(this.replicas.map((r) => this.checkReplica(r)));
    const behindChange = this.replicas.some((r) => r.state.status === 'ok' && r.holdsPrimaryOf < this.changeHeardAt);
    if (behindChange && performance.now() - this.changeHeardAt < RECHECK_FOR_MS) this.scheduleRecheck();
  }

  private scheduleRecheck(): void {
    if (this.recheck) return;
    this.recheck = setTimeout(() => {
      this.recheck = undefined;
      void this.checkNow();
    }, RECHECK_MS);
    this.recheck.unref();
  }

  private async samplePrimary(): Promise<void> {
    try {
      const asked = performance.now();
      const [row] = await within(CHECK_TIMEOUT_MS, this.primaryCheck.sql<{ lsn: string }[]>`select pg_current_wal_lsn()::text as lsn`);
      this.history.push({ at: asked, lsn: lsnValue(row!.lsn) });
      const now = performance.now();
      // Enough history to tell any lag up to the bound, and a little more.
      const keepFrom = now - this.maxLagMs - 5 * this.intervalMs;
      while (this.history.length > 1 && this.history[0]!.at < keepFrom) this.history.shift();
    } catch {
      // The primary is unreachable: lags are judged against the last position it reported, so
      // reads keep going to replicas that have everything it had written.
    }
  }

  private async checkReplica(replica: Replica): Promise<void> {
    const started = performance.now();
    try {
      const [row] = await within(
        CHECK_TIMEOUT_MS,
        replica.check.sql<{ standby: boolean; replayed: string | null; replayAge: number | null }[]>`
          select pg_is_in_recovery() as standby, pg_last_wal_replay_lsn()::text as replayed,
                 extract(epoch from now() - pg_last_xact_replay_timestamp())::float8 as "replayAge"`,
      );
      const latencyMs = Math.round(performance.now() - started);
      // A promoted replica is no longer fed by the primary: what it holds may part from it.
      if (!row?.standby || !row.replayed) {
        this.setState(replica, { name: replica.name, status: 'down', lagSeconds: null, latencyMs }, row?.standby ? 'it has replayed nothing yet' : 'it is not a standby (promoted?)');
        return;
      }
      const replayed = lsnValue(row.replayed);
      const lagSeconds = this.lagOf(replayed, row.replayAge);
      const status = lagSeconds !== null && lagSeconds * 1000 <= this.maxLagMs ? 'ok' : 'lagging';
      this.setState(replica, { name: replica.name, status, lagSeconds, latencyMs }, `${lagSeconds ?? '?'} s behind the primary`);
      replica.holdsPrimaryOf = this.history.findLast((sample) => sample.lsn <= replayed)?.at ?? 0;
    } catch (error) {
      this.setState(replica, { name: replica.name, status: 'down', lagSeconds: null, latencyMs: Math.round(performance.now() - started) }, (error as Error).message);
    }
  }

  private setState(replica: Replica, state: ReplicaState, why: string): void {
    if (state.status !== replica.state.status) {
      const use = state.status === 'ok' ? 'reads go to it' : 'skipped: reads go to the primary';
      this.log(`[portal] ${replica.name} is ${state.status} (${why}); ${use}`);
    }
    replica.state = state;
  }

  /**
   * Seconds since the primary's WAL was at `replayed`: 0 when the replica has everything of the
   * newest sample; else the moment the primary passed `replayed` is placed between the last sample
   * at or below it and the first above it, in proportion to the WAL written between them (so a
   * replica a few milliseconds behind a busy primary is not reported a whole interval behind).
   * Null before the primary was ever sampled.
   */
  private lagOf(replayed: bigint, replayAgeSeconds: number | null): number | null {
    const newest = this.history.at(-1);
    if (!newest) return null;
    if (replayed >= newest.lsn) return 0;
    for (let i = this.history.length - 2; i >= 0; i--) {
      const below = this.history[i]!;
      if (replayed < below.lsn) continue;
      const above = this.history[i + 1]!;
      const share = Number(replayed - below.lsn) / Number(above.lsn - below.lsn);
      return round((performance.now() - (below.at + share * (above.at - below.at))) / 1000);
    }
    // Behind everything kept: at least as old as the history, and the last replayed commit says more.
    return round(Math.max((performance.now() - this.history[0]!.at) / 1000, replayAgeSeconds ?? 0));
  }
}

const round = (seconds: number) => Math.round(seconds * 10) / 10;
