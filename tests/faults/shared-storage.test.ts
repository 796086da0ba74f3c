import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../../core/env.ts';
import { freePort } from '../../runtime/ports.ts';
import { storageFor } from '../../storage/from-env.ts';
import { startPortal, type PortalProcess } from '../setup/portal-process.ts';
import { S3_CREDENTIALS, startLocalS3, type LocalS3 } from '../setup/s3-server.ts';
import { roleEnv } from './lib/portal.ts';
import { startFaultServices, type FaultServices } from './lib/services.ts';
import { waitFor } from '../setup/wait.ts';

/**
 * Downloads and archived sources on shared storage, as several machines see them: a `worker` and
 * two `web` instances, each with a DATA_DIR of its own, share one STORAGE_DIR (and then one S3
 * bucket on a loopback S3-protocol server). A file uploaded to one web instance is archived where
 * all can find it; the worker builds the downloads; every web instance serves the same bytes
 * under the same ETag, with the same Range and 304 answers.
 */
const ADMIN_TOKEN = `storage-test-admin-token-${process.pid}-0123456789`;
const FIXTURE = path.resolve('tests/fixtures/spot-checks-bom.csv');
let services: FaultServices;
let s3: LocalS3;
const started: PortalProcess[] = [];

interface Instance {
  portal: PortalProcess;
  base: string;
  dataDir: string;
}

async function start(role: 'web' | 'worker', name: string, storageEnv: Record<string, string>): Promise<Instance> {
  const port = await freePort();
  const dataDir = path.join(services.dir, name);
  const portal = startPortal({ ...roleEnv(services, role, name, port), ...storageEnv, ADMIN_TOKENS: ADMIN_TOKEN, DOWNLOADS_REBUILD_DELAY_SECONDS: '0' });
  started.push(portal);
  return { portal, base: `http://127.0.0.1:${port}`, dataDir };
}

interface Listed {
  name: string;
  url: string;
  records: number;
  bytes: number;
  sha256: string;
}

const listing = async (base: string): Promise<Listed[] | undefined> => {
  const response = await fetch(`${base}/api/v1/downloads`);
  return response.status === 200 ? ((await response.json()) as { files: Listed[] }).files : undefined;
};

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * Uploads the fixture to one web instance's admin API, under an announcement number of its own
 * (new records, so the worker rebuilds): the import report.
 */
async function upload(base: string, announcement: number): Promise<{ status: string; created: number; fileSha256: string }> {
  const csv = (await fs.readFile(FIXTURE, 'utf8')).replaceAll('2023年第7号', `2023年第${announcement}号`);
  const form = new FormData();
  form.set('type', 'spot-checks');
  form.set('file', new File([csv], 'spot-checks.csv', { type: 'text/csv' }));
  const response = await fetch(`${base}/api/v1/admin/imports`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}` }, body: form });
  const report = (await response.json()) as { status: string; created: number; fileSha256: string };
  expect(response.status, JSON.stringify(report)).toBe(200);
  return report;
}

/**
 * The worker's first build is listed by every web instance; after an upload to the first web
 * instance the worker rebuilds (as soon as the change reached search: DOWNLOADS_REBUILD_DELAY_SECONDS=0), and every instance lists
 * and serves that build: same bytes, same ETag, same Range and 304 answers.
 */
async function checkSharing(webs: Instance[], announcement: number): Promise<{ files: Listed[]; fileSha256: string }> {
  const records = (files: Listed[] | undefined) => files?.find((f) => f.name === 'spot-checks.csv')?.records;
  const firstBuild = await waitFor('every web instance lists the worker\'s first build', async () => {
    const lists = await Promise.all(webs.map((w) => listing(w.base)));
    return lists.every(Boolean) && lists[0];
  }, 120_000);
  const report = await upload(webs[0]!.base, announcement);
  expect(report).toMatchObject({ status: 'succeeded', created: expect.any(Number) });
  expect(report.created).toBeGreaterThan(0);
  const files = await waitFor('the worker\'s rebuild with the upload is listed by every web instance', async () => {
    const lists = await Promise.all(webs.map((w) => listing(w.base)));
    const same = lists.every((l) => JSON.stringify(l) === JSON.stringify(lists[0]));
    return same && records(lists[0]) === records(firstBuild)! + report.created && lists[0];
  }, 180_000);
  expect(files).toHaveLength(15);
  for (const file of files) {
    const answers = await Promise.all(webs.map((w) => fetch(`${w.base}${file.url}`)));
    const bodies = await Promise.all(answers.map(async (a) => Buffer.from(await a.arrayBuffer())));
    for (const [i, answer] of answers.entries()) {
      expect(answer.status, `${file.name} from web ${i}`).toBe(200);
      expect(answer.headers.get('etag'), file.name).toBe(`"${file.sha256}"`);
      expect(sha256(bodies[i]!), file.name).toBe(file.sha256);
      expect(bodies[i]!.length, file.name).toBe(file.bytes);
    }
  }
  // A resumed download may go to another instance: the pieces still make the file.
  const big = files.find((f) => f.name === 'spot-checks.csv')!;
  const half = Math.floor(big.bytes / 2);
  const first = await fetch(`${webs[0]!.base}${big.url}`, { headers: { range: `bytes=0-${half - 1}` } });
  const rest = await fetch(`${webs[1]!.base}${big.url}`, { headers: { range: `bytes=${half}-`, 'if-range': `"${big.sha256}"` } });
  expect([first.status, rest.status]).toEqual([206, 206]);
  expect(rest.headers.get('content-range')).toBe(`bytes ${half}-${big.bytes - 1}/${big.bytes}`);
  expect(sha256(Buffer.concat([Buffer.from(await first.arrayBuffer()), Buffer.from(await rest.arrayBuffer())]))).toBe(big.sha256);
  expect((await fetch(`${webs[1]!.base}${big.url}`, { headers: { 'if-none-match': `"${big.sha256}"` } })).status).toBe(304);
  expect((await fetch(`${webs[1]!.base}${big.url}`, { headers: { range: `bytes=${big.bytes}-` } })).status).toBe(416);
  return { files, fileSha256: report.fileSha256 };
}

async function stopAll(): Promise<void> {
  for (const portal of started.splice(0)) if (portal.child.exitCode === null && portal.child.signalCode === null) await portal.stop().catch(() => {});
}

beforeAll(async () => {
  services = await startFaultServices('storage');
  s3 = await startLocalS3('portal-shared');
  // This process reads the bucket too, through the SDK's standard chain like the portal's.
  Object.assign(process.env, S3_CREDENTIALS);
});
afterAll(async () => {
  await stopAll();
  await s3?.close();
  await services?.close();
});

describe('downloads and archived sources on shared storage', () => {
  it('one STORAGE_DIR: the worker builds, a web instance archives, every web instance serves the same bytes and ETag', async () => {
    const shared = path.join(services.dir, 'shared');
    const env = { STORAGE_DIR: shared };
    const [worker, ...webs] = await Promise.all([start('worker', 'dir-worker', env), start('web', 'dir-web-a', env), start('web', 'dir-web-b', env)]);
    await Promise.all([worker!, ...webs].map((i) => i.portal.ready));
    const { files, fileSha256 } = await checkSharing(webs, 8);
    // What the web instances served is what the worker wrote into the shared folder.
    for (const file of files) expect(sha256(await fs.readFile(path.join(shared, 'downloads', file.name))), file.name).toBe(file.sha256);
    // The upload to web-a is archived in the shared folder, private, byte for byte.
    const archived = path.join(shared, 'sources', fileSha256.slice(0, 2), `${fileSha256}.csv`);
    expect(sha256(await fs.readFile(archived))).toBe(fileSha256);
    expect((await fs.stat(archived)).mode & 0o777).toBe(0o600);
    // No instance kept a copy of its own: DATA_DIR holds neither.
    for (const instance of [worker!, ...webs]) {
      for (const folder of ['downloads', 'sources']) expect(existsSync(path.join(instance.dataDir, folder)), `${instance.dataDir}/${folder}`).toBe(false);
    }
    // Nothing left under a temporary name, and the build's staging is gone.
    const names = await fs.readdir(path.join(shared, 'downloads'));
    expect(names.filter((n) => n.endsWith('.tmp') || n === 'staging')).toEqual([]);
    await stopAll();
  });

  it('one S3 bucket: the same, through the AWS SDK against a loopback S3-protocol server', async () => {
    const env = s3.env('portal/test');
    const [worker, ...webs] = await Promise.all([start('worker', 's3-worker', env), start('web', 's3-web-a', env), start('web', 's3-web-b', env)]);
    await Promise.all([worker!, ...webs].map((i) => i.portal.ready));
    const { files, fileSha256 } = await checkSharing(webs, 9);
    const bucket = storageFor(parseEnv(env));
    for (const file of files) expect((await bucket.head(`downloads/${file.name}`))?.size, file.name).toBe(file.bytes);
    const archived = await bucket.get(`sources/${fileSha256.slice(0, 2)}/${fileSha256}.csv`);
    expect(archived, 'the upload archived in the bucket').toBeDefined();
    const chunks: Buffer[] = [];
    for await (const chunk of archived!.body) chunks.push(chunk as Buffer);
    expect(sha256(Buffer.concat(chunks))).toBe(fileSha256);
    expect((await bucket.list('downloads/snapshots/')).length).toBeGreaterThanOrEqual(16);
    expect(await bucket.list('downloads/staging/')).toEqual([]);
    for (const instance of [worker!, ...webs]) {
      for (const folder of ['downloads', 'sources']) expect(existsSync(path.join(instance.dataDir, folder)), `${instance.dataDir}/${folder}`).toBe(false);
    }
  });
});
