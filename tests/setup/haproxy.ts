import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort, sleep } from '../../runtime/ports.ts';

export const HAPROXY = '/usr/sbin/haproxy';

/**
 * The fleet test puts Debian's HAProxy in front of its web instances (a real load balancer, not
 * one written for the test). As with Chromium (tests/setup/chromium.ts): installed with apt when
 * missing and we run as root, otherwise an error that says how.
 */
export function ensureHaproxy(): void {
  if (existsSync(HAPROXY)) return;
  if (process.getuid?.() !== 0) throw new Error(`HAProxy is missing at ${HAPROXY}. Install it with: sudo apt-get update && sudo apt-get install -y haproxy`);
  console.log('[test setup] installing Debian haproxy (apt-get install -y haproxy)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'haproxy'], { stdio: 'inherit', env });
  if (!existsSync(HAPROXY)) throw new Error(`apt-get installed haproxy, but ${HAPROXY} is still missing`);
}

export interface HaproxyBackend {
  /** The server's name in HAProxy (and in the X-Served-By header of its answers). */
  name: string;
  port: number;
}

/** One server as HAProxy's runtime API (`show stat`) sees it. */
export interface BackendState {
  name: string;
  /** UP, DOWN, MAINT, or a transition such as "DOWN 1/1". */
  status: string;
  /** Requests this server answered, and how many HAProxy retried or redispatched away from it. */
  requests: number;
  retries: number;
  redispatches: number;
}

export interface RunningHaproxy {
  url: string;
  /** HAProxy's own log (one line per request, in its HTTP log format): what happened to each request. */
  output(): string;
  backends(): Promise<BackendState[]>;
  stop(): Promise<void>;
}

/**
 * Health checks: often, so a killed instance leaves the rotation within about half a second (two
 * refused connections) and a restarted one is back after one good answer. A slow answer is not
 * a dead server: `timeout check` gives a busy instance 3 s (without it, `inter` would be the limit).
 */
const CHECK = 'inter 300ms fastinter 200ms downinter 300ms fall 2 rise 1';

/**
 * HAProxy's configuration for `backends`: round robin over the web instances with health checks
 * on /api/health; a request whose server refused the connection or closed it without an answer
 * (a killed instance) is sent again to another server (`retry-on` + `redispatch`). Requests are
 * reads, or POST /api/v1/screen, which writes nothing, so sending one twice is harmless. The client's
 * own X-Forwarded-For is dropped and replaced by its address, as the portal's TRUST_PROXY expects.
 */
export function haproxyConfig(port: number, backends: HaproxyBackend[], socket: string): string {
  return [
    'global',
    `  stats socket ${socket} mode 600 level admin`,
    '  log stdout format raw daemon',
    '  maxconn 2000',
    'defaults',
    '  mode http',
    '  log global',
    '  option httplog',
    '  timeout connect 1s',
    '  timeout client 60s',
    '  timeout server 60s',
    '  timeout queue 10s',
    '  timeout check 3s',
    '  retries 3',
    '  option redispatch 1',
    '  retry-on conn-failure empty-response response-timeout',
    'frontend portal',
    `  bind 127.0.0.1:${port}`,
    '  http-request del-header X-Forwarded-For',
    '  option forwardfor',
    '  default_backend web',
    'backend web',
    '  balance roundrobin',
    '  option httpchk GET /api/health',
    '  http-check expect status 200',
    '  http-response set-header X-Served-By %s',
    ...backends.map((b) => `  server ${b.name} 127.0.0.1:${b.port} check ${CHECK}`),
    '',
  ].join('\n');
}

/** Starts HAProxy on a free loopback port in front of `backends`, its configuration in a temporary folder. */
export async function startHaproxy(backends: HaproxyBackend[]): Promise<RunningHaproxy> {
  ensureHaproxy();
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'portal-haproxy-'));
  const socket = path.join(dir, 'admin.sock');
  const config = path.join(dir, 'haproxy.cfg');
  const port = await freePort();
  await fs.writeFile(config, haproxyConfig(port, backends, socket));
  // A wrong configuration says what is wrong here, not as a port that never opens.
  execFileSync(HAPROXY, ['-c', '-q', '-f', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  // -db: in the foreground, so the test owns the process and sees its log.
  const child: ChildProcess = spawn(HAPROXY, ['-db', '-f', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  while (!(await listening(port))) {
    if (child.exitCode !== null) throw new Error(`haproxy exited with code ${child.exitCode}:\n${out}`);
    if (Date.now() > deadline) throw new Error(`haproxy did not listen on ${url} within 20 s:\n${out}`);
    await sleep(50);
  }
  return {
    url,
    output: () => out,
    backends: async () => parseStat(await runtimeCommand(socket, 'show stat')),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** One command on HAProxy's runtime API (the stats socket); it answers and closes. */
function runtimeCommand(socket: string, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let answer = '';
    const connection = net.connect(socket, () => connection.end(`${command}\n`));
    connection.on('data', (c: Buffer) => (answer += c.toString()));
    connection.once('end', () => resolve(answer));
    connection.once('error', reject);
  });
}

/** The servers of backend `web` from `show stat` (CSV with a "# " header line). */
function parseStat(csv: string): BackendState[] {
  const [header, ...lines] = csv.trim().split('\n');
  const columns = header!.replace(/^# /, '').split(',');
  const at = (row: string[], name: string) => row[columns.indexOf(name)] ?? '';
  return lines
    .map((line) => line.split(','))
    .filter((row) => at(row, 'pxname') === 'web' && !['FRONTEND', 'BACKEND'].includes(at(row, 'svname')))
    .map((row) => ({
      name: at(row, 'svname'),
      status: at(row, 'status'),
      requests: Number(at(row, 'stot')),
      retries: Number(at(row, 'wretr')),
      redispatches: Number(at(row, 'wredis')),
    }));
}
