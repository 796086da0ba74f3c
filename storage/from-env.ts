import path from 'node:path';
import { parseEnv, type Env } from '../core/env.ts';
import { directoryStorage } from './directory.ts';
import { s3Storage } from './s3.ts';
import type { Storage } from './storage.ts';

export type { Storage } from './storage.ts';

/** The storage the environment names: STORAGE_S3_BUCKET, else STORAGE_DIR, else DATA_DIR itself. */
export function storageFor(env: Env): Storage {
  if (env.STORAGE_S3_BUCKET) {
    return s3Storage({
      bucket: env.STORAGE_S3_BUCKET,
      endpoint: env.STORAGE_S3_ENDPOINT,
      region: env.STORAGE_S3_REGION,
      prefix: env.STORAGE_S3_PREFIX,
      forcePathStyle: env.STORAGE_S3_FORCE_PATH_STYLE,
    });
  }
  // Unset: the layout a single machine always had, DATA_DIR/downloads and DATA_DIR/sources.
  return directoryStorage(path.resolve(env.STORAGE_DIR ?? env.DATA_DIR));
}

let chosen: Storage | undefined;

/** This process's storage, chosen once from its environment (one S3 client, reused). */
export function portalStorage(): Storage {
  chosen ??= storageFor(parseEnv());
  return chosen;
}
