import postgres from 'postgres';

/**
 * A PostgreSQL session advisory lock on a connection of its own. The lock lives exactly as long
 * as that one server session, so the connection is never recycled (no idle or lifetime limit) and
 * never silently replaced: postgres.js would reconnect behind our back, and the new session would
 * not hold the lock. `onLost` is called once, at once, when the connection closes for any reason.
 */
export interface SessionLock {
  /** Tries once; true when this session holds the lock now. */
  tryAcquire(): Promise<boolean>;
  /** True when the server confirms, within `timeoutMs`, that this same session still holds it. */
  stillHeld(timeoutMs: number): Promise<boolean>;
  /** Ends the session, which releases the lock. */
  close(): Promise<void>;
}

export function openSessionLock(url: string, key: number, onLost: () => void): SessionLock {
  let closed = false;
  let backendPid: number | undefined;
  const lost = () => {
    if (closed) return;
    closed = true;
    onLost();
  };
  const sql = postgres(url, {
    max: 1,
    idle_timeout: 0,
    max_lifetime: null,
    connection: { application_name: 'portal leader lock' },
    connect_timeout: 5,
    // TCP keepalives find a peer that vanished without closing the connection.
    keep_alive: 5,
    onnotice: () => {},
    onclose: () => {
      // Before the lock is taken a closed connection only means "try again".
      if (backendPid !== undefined) lost();
    },
  });
  return {
    async tryAcquire() {
      if (closed) return false;
      const [row] = await sql<{ locked: boolean; pid: number }[]>`select pg_try_advisory_lock(${key}) as locked, pg_backend_pid() as pid`;
      if (row?.locked) backendPid = row.pid;
      return Boolean(row?.locked);
    },
    async stillHeld(timeoutMs) {
      if (closed || backendPid === undefined) return false;
      const check = sql<{ held: boolean }[]>`
        select pg_backend_pid() = ${backendPid} and exists (
          select 1 from pg_locks where locktype = 'advisory' and granted and pid = pg_backend_pid()
            and classid = 0 and objid = ${key} and objsubid = 1) as held`;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
      try {
        return await Promise.race([check.then(([row]) => Boolean(row?.held)), timeout]);
      } catch {
        return false;
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      closed = true;
      await sql.end({ timeout: 1 }).catch(() => {});
    },
  };
}
