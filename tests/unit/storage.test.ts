import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../../core/env.ts';
import { freePort } from '../../runtime/ports.ts';
import { directoryStorage } from '../../storage/directory.ts';
import { storageFor } from '../../storage/from-env.ts';
import { checkKey, readText, type Storage } from '../../storage/storage.ts';
import { S3_CREDENTIALS, startLocalS3, type LocalS3 } from '../setup/s3-server.ts';

/**
 * The one storage contract, held by both implementations: a directory (DATA_DIR or a shared
 * STORAGE_DIR) and an S3 bucket, here a real S3-protocol server on loopback (s3rver).
 */
let s3: LocalS3;
let dir: string;
beforeAll(async () => {
  // The AWS SDK's standard chain finds the credentials in the environment, as in production.
  Object.assign(process.env, S3_CREDENTIALS);
  s3 = await startLocalS3();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'portal-storage-'));
});
afterAll(async () => {
  await s3?.close();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

const bytesOf = async (storage: Storage, key: string, range?: { start: number; end: number }) => {
  const found = await storage.get(key, range);
  return found && { ...found, bytes: await buffer(found.body) };
};

const kinds: [string, () => Storage][] = [
  ['a directory', () => directoryStorage(path.join(dir, 'contract'))],
  // Through the environment, as the portal chooses it: the bucket, its endpoint, path style, a prefix.
  ['an S3 bucket', () => storageFor(parseEnv(s3.env('contract/run')))],
];

describe.each(kinds)('storage in %s', (_kind, make) => {
  it('puts buffers, text and streams, and gets them back whole or by range with their size and tag', async () => {
    const storage = make();
    await storage.put('downloads/a.csv', Buffer.from('0123456789'), { contentType: 'text/csv' });
    await storage.put('downloads/b.json', '{"files":[]}', { contentType: 'application/json' });
    await storage.put('downloads/c.bin', Readable.from([Buffer.from('abc'), Buffer.from('def')]), { contentType: 'application/octet-stream' });
    const whole = await bytesOf(storage, 'downloads/a.csv');
    expect(whole).toMatchObject({ key: 'downloads/a.csv', size: 10, etag: expect.stringMatching(/^".+"$/) });
    expect(whole!.bytes.toString()).toBe('0123456789');
    const part = await bytesOf(storage, 'downloads/a.csv', { start: 2, end: 5 });
    expect(part!.bytes.toString()).toBe('2345');
    // The whole object's size, not the range's: what Content-Range needs.
    expect(part!.size).toBe(10);
    expect(await readText(storage, 'downloads/b.json')).toBe('{"files":[]}');
    expect((await bytesOf(storage, 'downloads/c.bin'))!.bytes.toString()).toBe('abcdef');
    expect(await storage.head('downloads/a.csv')).toMatchObject({ size: 10, etag: whole!.etag });
    expect(await storage.get('downloads/none.csv')).toBeUndefined();
    expect(await storage.head('downloads/none.csv')).toBeUndefined();
  });

  it('replaces an object whole, with a new tag, and a copy keeps the bytes it was made from', async () => {
    const storage = make();
    await storage.put('downloads/x.csv', 'first version', { contentType: 'text/csv' });
    const before = await storage.head('downloads/x.csv');
    await storage.copy('downloads/x.csv', 'downloads/snapshots/2030-01-01/x.csv');
    await storage.put('downloads/x.csv', 'second, longer version', { contentType: 'text/csv' });
    const after = await storage.head('downloads/x.csv');
    expect(after!.etag).not.toBe(before!.etag);
    expect(await readText(storage, 'downloads/x.csv')).toBe('second, longer version');
    expect(await readText(storage, 'downloads/snapshots/2030-01-01/x.csv')).toBe('first version');
  });

  it('lists by prefix in key order and deletes (a missing object is no error)', async () => {
    const storage = make();
    for (const key of ['sources/ab/ab2.csv', 'sources/ab/ab1.xlsx', 'sources/cd/cd1.csv', 'sourcesx/other.csv']) await storage.put(key, key, { contentType: 'text/plain', private: true });
    expect((await storage.list('sources/')).map((o) => o.key)).toEqual(['sources/ab/ab1.xlsx', 'sources/ab/ab2.csv', 'sources/cd/cd1.csv']);
    expect((await storage.list('sources/ab/')).map((o) => [o.key, o.size])).toEqual([['sources/ab/ab1.xlsx', 19], ['sources/ab/ab2.csv', 18]]);
    await storage.delete('sources/ab/ab1.xlsx');
    await storage.delete('sources/ab/never.csv');
    expect((await storage.list('sources/ab/')).map((o) => o.key)).toEqual(['sources/ab/ab2.csv']);
    expect(await storage.list('nothing-here/')).toEqual([]);
  });

  it('refuses keys that could leave its root', async () => {
    const storage = make();
    for (const key of ['../etc/passwd', '/abs', 'downloads/../x', 'downloads/.a.tmp', 'downloads//x', '']) {
      expect(() => checkKey(key), key).toThrow(/not a storage key/);
      await expect(storage.put(key, 'x', { contentType: 'text/plain' }), key).rejects.toThrow(/not a storage key/);
    }
  });
});

describe('storage in a directory', () => {
  it('writes through a temporary name, keeps private files 0600 in 0700 folders, and an open reader keeps its version', async () => {
    const root = path.join(dir, 'atomic');
    const storage = directoryStorage(root);
    await storage.put('sources/ab/secret.csv', 'personal data', { contentType: 'text/csv', private: true });
    expect((await fs.stat(path.join(root, 'sources/ab/secret.csv'))).mode & 0o777).toBe(0o600);
    expect((await fs.stat(path.join(root, 'sources/ab'))).mode & 0o777).toBe(0o700);
    await storage.put('downloads/big.csv', Buffer.alloc(1_000_000, 'a'), { contentType: 'text/csv' });
    // A reader on another instance opened the file: a new build replaces it meanwhile.
    const reading = await storage.get('downloads/big.csv');
    await storage.put('downloads/big.csv', Buffer.alloc(10, 'b'), { contentType: 'text/csv' });
    const read = await buffer(reading!.body);
    expect(read.length).toBe(1_000_000);
    expect(read.every((b) => b === 0x61)).toBe(true);
    expect(reading!.size).toBe(1_000_000);
    expect((await readText(storage, 'downloads/big.csv'))).toBe('bbbbbbbbbb');
    // Copied twice onto itself (the target already a link to the same file): still no leftover.
    await storage.copy('downloads/big.csv', 'downloads/again.csv');
    await storage.copy('downloads/big.csv', 'downloads/again.csv');
    // Nothing left under a temporary name, and a failed stream leaves nothing at all.
    const failing = new Readable({ read() { this.destroy(new Error('the disk went away')); } });
    await expect(storage.put('downloads/failed.csv', failing, { contentType: 'text/csv' })).rejects.toThrow(/disk went away/);
    expect((await fs.readdir(path.join(root, 'downloads'))).sort()).toEqual(['again.csv', 'big.csv']);
    // A deleted object's emptied folders go too.
    await storage.delete('sources/ab/secret.csv');
    expect(await fs.readdir(root)).toEqual(['downloads']);
  });
});

describe('storage in an S3 bucket', () => {
  it('uploads a large stream in parts and gets it back byte for byte; prefixes keep two portals apart', async () => {
    const storage = storageFor(parseEnv(s3.env('large')));
    const bytes = randomBytes(17 * 1024 * 1024 + 123);
    await storage.put('downloads/large.ndjson.gz', Readable.from([bytes.subarray(0, 9_000_000), bytes.subarray(9_000_000)]), { contentType: 'application/gzip' });
    const back = await bytesOf(storage, 'downloads/large.ndjson.gz');
    expect(back!.size).toBe(bytes.length);
    expect(createHash('sha256').update(back!.bytes).digest('hex')).toBe(createHash('sha256').update(bytes).digest('hex'));
    const tail = await bytesOf(storage, 'downloads/large.ndjson.gz', { start: bytes.length - 100, end: bytes.length - 1 });
    expect(tail!.bytes.equals(bytes.subarray(bytes.length - 100))).toBe(true);
    const other = storageFor(parseEnv(s3.env('another-portal')));
    expect(await other.head('downloads/large.ndjson.gz')).toBeUndefined();
    expect(await other.list('downloads/')).toEqual([]);
    expect(storage.locate('downloads/large.ndjson.gz')).toBe(`s3://${s3.bucket}/large/downloads/large.ndjson.gz`);
  });

  it('says so when the bucket cannot be reached or does not exist', async () => {
    const missing = storageFor(parseEnv({ ...s3.env(), STORAGE_S3_BUCKET: 'no-such-bucket' }));
    await expect(missing.put('downloads/a.csv', 'x', { contentType: 'text/csv' })).rejects.toThrow(/bucket/i);
    // Nothing listens there: refused at once, not after the system's TCP timeout.
    const away = storageFor(parseEnv({ ...s3.env(), STORAGE_S3_ENDPOINT: `http://127.0.0.1:${await freePort()}` }));
    await expect(away.head('downloads/a.csv')).rejects.toThrow(/ECONNREFUSED/);
  });
});
