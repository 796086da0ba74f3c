import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema/index.ts';

export type Database = PostgresJsDatabase<typeof schema>;
export type Sql = postgres.Sql;

export interface DbHandle {
  db: Database;
  sql: Sql;
  close(): Promise<void>;
}

export interface ConnectOptions {
  max?: number;
  /** How long a connection attempt to a server that does not answer may take (default 10 s). */
  connectTimeoutSeconds?: number;
  /**
   * After connection failures postgres.js waits before it tries again, longer each time, up to
   * 20 s by default, and queries wait with it. The web server caps the wait so that while
   * PostgreSQL is down a request fails at once (503) and the first request after it is back succeeds.
   */
  maxReconnectDelaySeconds?: number;
  /**
   * Commit without waiting for the write-ahead log to reach the disk. Only for data that may lose
   * its last fraction of a second in a crash: the rate-limit counters.
   */
  asyncCommit?: boolean;
  /** application_name of its connections (pg_stat_activity): which pool of which process they are. */
  applicationName?: string;
}

/** postgres.js's own back-off: (0.5–1) × 3^retries / 100 s, at most 20 s. */
const reconnectDelay = (retries: number) => (0.5 + Math.random() / 2) * Math.min(3 ** retries / 100, 20);

/** One connection pool per process. Notices are dropped: they are not errors and would only add noise. */
export function connect(url: string, options: ConnectOptions = {}): DbHandle {
  const maxDelay = options.maxReconnectDelaySeconds ?? 20;
  const sql = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    backoff: (retries: number) => Math.min(reconnectDelay(retries), maxDelay),
    connect_timeout: options.connectTimeoutSeconds ?? 10,
    idle_timeout: 60,
    connection: {
      ...(options.asyncCommit ? { synchronous_commit: 'off' } : {}),
      ...(options.applicationName ? { application_name: options.applicationName } : {}),
    },
    // TCP_NODELAY (without it every COPY waited up to 40 ms for a delayed ACK) is set by our patch
    // of postgres.js (patches/), not by the `socket` option: postgres.js calls that function
    // without saying which host it is trying, so it would break multi-host URLs
    // (postgres://h1,h2/db?target_session_attrs=read-write), which need postgres.js's own sockets.
  });
  const db = drizzle(sql, { schema });
  return { db, sql, close: () => sql.end({ timeout: 5 }) };
}
