import path from 'node:path';
import { startMeilisearch, type RunningMeilisearch } from '../../../runtime/meilisearch-server.ts';
import { freePort, isAlive, sleep } from '../../../runtime/ports.ts';
import { startHaproxy, type RunningHaproxy } from '../../setup/haproxy.ts';
import { startPortal, type PortalProcess } from '../../setup/portal-process.ts';
import { startReplica, type RunningReplica } from './pg-replica.ts';
import { startFaultServices, type FaultServices } from './services.ts';
import { descendants } from '../../setup/process-tree.ts';

/**
 * The scale-out topology of issue 18 on one machine, loopback only: a PostgreSQL primary and a
 * streaming replica (`replicas`: DATABASE_REPLICA_URLS), two Meilisearch instances with one master
 * key (`meilis`: MEILI_URL), one shared storage folder (`storageDir`: STORAGE_DIR), `worker`s that
 * elect a leader, `web` instances (holding the search key only), and HAProxy in front of the webs.
 * Every member and server can be killed (SIGKILL, children included) and started again where it
 * was (same port, same data folder), so the load balancer and the others find it again.
 * `dependencyEnv()` is the one place that tells members and command-line tools where the servers are.
 */
export interface FleetServer {
  name: string;
  url: string;
  /** SIGKILL: no chance to flush or finish anything. Resolves once it is gone, with the instant (Date.now()) of the signal. */
  kill(): Promise<number>;
  /** Starts it again on the same port and data folder. */
  start(): Promise<void>;
}

export interface FleetMember {
  name: string;
  role: 'web' | 'worker';
  port: number;
  /** http://127.0.0.1:port (a worker answers only /api/health there). */
  base: string;
  /** The running process, if any. */
  process(): PortalProcess | undefined;
  /** Everything each incarnation of the member printed, oldest first. */
  output(): string;
  /** Starts the member (again); resolves once it says it is ready. */
  start(): Promise<void>;
  /** SIGKILLs the member's process and its children (a web's server process); returns when all are gone, with the instant (Date.now()) the signals were sent. */
  kill(): Promise<number>;
  /** GET /api/health of this member directly (not through the load balancer); undefined when it does not answer. */
  health(): Promise<MemberHealth | undefined>;
}

export interface MemberHealth {
  role: string;
  status?: string;
  /** Workers only. */
  leader?: boolean;
}

export interface Fleet {
  services: FaultServices;
  /** The primary. */
  databaseUrl: string;
  /** PostgreSQL read replicas (DATABASE_REPLICA_URLS). */
  replicas: FleetServer[];
  meilis: FleetServer[];
  /** Shared storage of downloads and archived files (STORAGE_DIR). */
  storageDir: string;
  workers: FleetMember[];
  webs: FleetMember[];
  lb: RunningHaproxy;
  /** The load balancer's address: what clients use. */
  url: string;
  /** Where the servers are, for members and for command-line tools (runTool). */
  dependencyEnv(): Record<string, string>;
  /** The worker that says it leads, if exactly one does. */
  leader(): Promise<FleetMember | undefined>;
  /** Resolves once HAProxy sees every web instance up (its health checks passed). */
  allWebsUp(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface FleetOptions {
  webs?: number;
  workers?: number;
  /** Added to every member's environment (rate limits, admin tokens…). */
  env?: Record<string, string>;
}

export async function startFleet(name: string, { webs = 3, workers = 2, env = {} }: FleetOptions = {}): Promise<Fleet> {
  const services = await startFaultServices(name);
  // A streaming replica of the primary, and a second Meilisearch with the same master key (the
  // same key file), so that one search key serves both.
  const replica: RunningReplica = await startReplica({ url: services.databaseUrl, dataDir: services.pgDir }, 'fleet-replica');
  const secondPort = await freePort();
  const secondDir = path.join(services.dir, 'meilisearch-2');
  const keyFile = path.join(services.dir, 'meili-master-key');
  let second: RunningMeilisearch | undefined = await startMeilisearch(secondDir, keyFile, () => {}, { port: secondPort });
  const meilis: FleetServer[] = [
    { name: 'meili-1', url: services.meiliUrl, kill: () => killed(() => services.killMeilisearch()), start: () => services.startMeilisearch() },
    {
      name: 'meili-2',
      url: second.url,
      kill: () =>
        killed(async () => {
          const pid = second?.pid;
          if (!pid) return;
          process.kill(pid, 'SIGKILL');
          while (isAlive(pid)) await sleep(20);
          second = undefined;
        }),
      start: async () => {
        second = await startMeilisearch(secondDir, keyFile, () => {}, { port: secondPort });
      },
    },
  ];
  const replicas: FleetServer[] = [{ name: 'replica', url: replica.url, kill: () => killed(() => replica.kill()), start: () => replica.start() }];
  // One folder every member sees (as an NFS mount would be): downloads and archived sources.
  const storageDir = path.join(services.dir, 'shared-storage');
  /** For workers and command-line tools; a web instance gets the search key instead of the master key. */
  const dependencyEnv = (): Record<string, string> => ({
    DATABASE_URL: services.databaseUrl,
    DATABASE_REPLICA_URLS: replicas.map((r) => r.url).join(','),
    MEILI_URL: meilis.map((m) => m.url).join(','),
    MEILI_MASTER_KEY: services.meiliKey,
    STORAGE_DIR: storageDir,
  });
  const webEnv = (): Record<string, string> => {
    const { MEILI_MASTER_KEY: _master, ...rest } = dependencyEnv();
    return { ...rest, MEILI_SEARCH_KEY: services.searchKey };
  };

  const member = async (role: 'web' | 'worker', memberName: string): Promise<FleetMember> => {
    const port = await freePort();
    const outputs: string[] = [];
    let current: PortalProcess | undefined;
    const memberEnv = () => ({
      ...(role === 'web' ? webEnv() : dependencyEnv()),
      PORTAL_ROLE: role,
      DATA_DIR: path.join(services.dir, memberName),
      HOST: '127.0.0.1',
      PORT: String(port),
      SAMPLE_DATA: '0',
      // The webs sit behind HAProxy, which sets X-Forwarded-For to the client's address.
      ...(role === 'web' ? { TRUST_PROXY: '1' } : {}),
      ...env,
    });
    const base = `http://127.0.0.1:${port}`;
    return {
      name: memberName,
      role,
      port,
      base,
      process: () => current,
      output: () => [...outputs, current?.output() ?? ''].join('\n'),
      async start() {
        if (current && running(current)) throw new Error(`${memberName} is already running`);
        if (current) outputs.push(current.output());
        current = startPortal(memberEnv());
        await current.ready;
      },
      async kill() {
        const pid = current?.child.pid;
        if (!current || !pid || !running(current)) throw new Error(`${memberName} is not running`);
        // Children first: a web's server process is what holds the connections.
        const doomed = [...descendants(pid).reverse(), pid];
        const at = Date.now();
        for (const p of doomed) {
          try {
            process.kill(p, 'SIGKILL');
          } catch {
            /* already gone */
          }
        }
        while (doomed.some(isAlive) || running(current)) await sleep(20);
        return at;
      },
      health: () => memberHealth(base),
    };
  };

  const fleetWorkers = await Promise.all(Array.from({ length: workers }, (_, i) => member('worker', `worker-${i + 1}`)));
  const fleetWebs = await Promise.all(Array.from({ length: webs }, (_, i) => member('web', `web-${i + 1}`)));
  let lb: RunningHaproxy | undefined;
  const fleet: Fleet = {
    services,
    databaseUrl: services.databaseUrl,
    replicas,
    meilis,
    storageDir,
    workers: fleetWorkers,
    webs: fleetWebs,
    get lb() {
      return lb!;
    },
    get url() {
      return lb!.url;
    },
    dependencyEnv,
    async leader() {
      const states = await Promise.all(fleetWorkers.map((w) => w.health()));
      const leading = fleetWorkers.filter((_, i) => states[i]?.leader === true);
      return leading.length === 1 ? leading[0] : undefined;
    },
    async allWebsUp(timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const states = await lb!.backends();
        if (states.length === fleetWebs.length && states.every((s) => s.status === 'UP')) return;
        if (Date.now() > deadline) {
          const why = lb!.output().split('\n').filter((line) => /^Server web\//.test(line)).slice(-10).join('\n');
          throw new Error(`HAProxy does not see every web instance up: ${JSON.stringify(states)}\n${why}`);
        }
        await sleep(100);
      }
    },
    async close() {
      await lb?.stop().catch(() => {});
      await Promise.all([...fleetWebs, ...fleetWorkers].map(async (m) => {
        const p = m.process();
        if (p && running(p)) await p.stop().catch(() => {});
      }));
      await second?.stop().catch(() => {});
      await replica.close().catch(() => {});
      await services.close();
    },
  };
  try {
    // All at once: the webs wait until a worker has applied the migrations.
    await Promise.all([...fleetWorkers, ...fleetWebs].map((m) => m.start()));
    lb = await startHaproxy(fleetWebs.map((w) => ({ name: w.name, port: w.port })));
    await fleet.allWebsUp();
  } catch (error) {
    await fleet.close();
    throw error;
  }
  return fleet;
}

/** The instant `kill` sends its signal (at once: it only waits afterwards). */
async function killed(kill: () => Promise<void>): Promise<number> {
  const at = Date.now();
  await kill();
  return at;
}

const running = (p: PortalProcess) => p.child.exitCode === null && p.child.signalCode === null;

async function memberHealth(base: string): Promise<MemberHealth | undefined> {
  try {
    // Generous: a busy machine can be slow to answer, and a slow answer is not a dead member.
    const response = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(5000) });
    return (await response.json()) as MemberHealth;
  } catch {
    return undefined;
  }
}

