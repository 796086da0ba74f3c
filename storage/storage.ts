import type { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';

/**
 * Where the files every instance must see are kept — the bulk downloads and the archived source
 * files — whichever machine wrote them: a local or shared directory (storage/directory.ts) or an
 * S3-compatible bucket (storage/s3.ts), chosen once from the environment (storage/from-env.ts).
 * Keys are `/`-separated relative names (`downloads/manifest.json`, `sources/ab/ab12….xlsx`).
 * A put is atomic: a reader anywhere sees the old object or the whole new one, never a part.
 */
export interface Storage {
  /** Where the objects are, for a person: `directory /srv/portal` or `s3://bucket/prefix`. */
  readonly description: string;
  put(key: string, body: Readable | Buffer | string, options: PutOptions): Promise<void>;
  /** The object's bytes (only `range` of them when given, both ends included); undefined when there is none. */
  get(key: string, range?: ByteSpan): Promise<StoredBody | undefined>;
  head(key: string): Promise<StoredObject | undefined>;
  /** Every object whose key starts with `prefix`, in key order. */
  list(prefix: string): Promise<StoredObject[]>;
  /** Copies `from` to `to` inside the storage (a hard link or a server-side copy: no bytes through this process). */
  copy(from: string, to: string): Promise<void>;
  /** Removes the object; no error when there is none. */
  delete(key: string): Promise<void>;
  /** Where one object is, for a person or a log line: a file path or an s3:// URL. */
  locate(key: string): string;
}

export interface PutOptions {
  contentType: string;
  /** Readable only by the portal's own user (0600): an original file can hold personal data the import masked. */
  private?: boolean;
}

/** A span of bytes, both ends included. */
export interface ByteSpan {
  start: number;
  end: number;
}

export interface StoredObject {
  key: string;
  /** The whole object's size in bytes (not the range's). */
  size: number;
  /** The storage's own version tag of the bytes (an S3 ETag, or size and mtime of a file); quoted. */
  etag: string;
  lastModified: Date;
}

export interface StoredBody extends StoredObject {
  body: Readable;
}

const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/** Refuses a key that could leave the storage's root or name a temporary file (`..`, `/x`, `.tmp`). */
export function checkKey(key: string): string {
  const segments = key.split('/');
  if (!segments.every((s) => SEGMENT.test(s) && s !== '..' && s !== '.')) throw new Error(`not a storage key: ${JSON.stringify(key.slice(0, 200))}`);
  return key;
}

/** A small object (a manifest) as UTF-8 text; undefined when there is none. */
export async function readText(storage: Storage, key: string): Promise<string | undefined> {
  const found = await storage.get(key);
  return found ? text(found.body) : undefined;
}
