import net from 'node:net';
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
}

/** postgres.js's own back-off: (0.5–1) × 3^retries / 100 s, at most 20 s. */
const reconnectDelay = (retries: number) => (0.5 + Math.random() / 2) * Math.min(3 ** retries / 100, 20);

/**
 * postgres.js leaves Nagle's algorithm on. A COPY ends with a small CopyDone message written
 * after its data; Nagle holds it until the server acknowledges the data, which the server delays
 * by up to 40 ms: every COPY (the import's bulk write) would take at least 40 ms.
 */
function noDelaySocket(o: { host: string[]; port: number[]; path?: string }): net.Socket {
  // Returned before it connects (writes wait for the connection), so connect_timeout still applies.
  const socket = o.path ? net.connect(o.path) : net.connect({ host: o.host[0], port: o.port[0] ?? 5432 });
  socket.setNoDelay(true);
  return socket;
}

/** One connection pool per process. Notices are dropped: they are not errors and would only add noise. */
export function connect(url: string, options: ConnectOptions = {}): DbHandle {
  const maxDelay = options.maxReconnectDelaySeconds ?? 20;
  const sql = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    backoff: (retries: number) => Math.min(reconnectDelay(retries), maxDelay),
    connect_timeout: options.connectTimeoutSeconds ?? 10,
    idle_timeout: 60,
    ...(options.asyncCommit ? { connection: { synchronous_commit: 'off' } } : {}),
    // Not in postgres.js's types, but a documented option: a function that returns the socket.
    ...({ socket: noDelaySocket } as object),
  });
  const db = drizzle(sql, { schema });
  return { db, sql, close: () => sql.end({ timeout: 5 }) };
}
