import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** DATA_DIR cannot be used: the message names the folder, the problem and what to do. */
export class DataDirError extends Error {
  constructor(dir: string, problem: string) {
    super(`Cannot use DATA_DIR ${dir}: ${problem}. Set DATA_DIR to a writable folder with free space (see README, Configuration).`);
    this.name = 'DataDirError';
  }
}

/** The embedded PostgreSQL cluster and Meilisearch need at least this much room to start. */
const MIN_FREE_BYTES = 64 * 1024 * 1024;

/**
 * Makes sure DATA_DIR exists and can be written, before anything is started in it: a full disk
 * or a read-only folder gives one clear message instead of a failure deep inside PostgreSQL.
 * Creates and removes a probe file; with `embedded` servers also checks the free space.
 */
export async function ensureDataDirWritable(dir: string, { embedded }: { embedded: boolean }): Promise<void> {
  try {
    await createFolder(dir);
    const probe = path.join(dir, `.write-test-${process.pid}`);
    await fs.writeFile(probe, 'ok');
    await fs.rm(probe);
  } catch (error) {
    throw new DataDirError(dir, explain(error as NodeJS.ErrnoException));
  }
  if (!embedded) return;
  const stats = await fs.statfs(dir);
  const free = stats.bavail * stats.bsize;
  if (free < MIN_FREE_BYTES) {
    throw new DataDirError(dir, `only ${(free / 1024 / 1024).toFixed(1)} MB free on its disk; the embedded PostgreSQL and Meilisearch need at least ${MIN_FREE_BYTES / 1024 / 1024} MB`);
  }
}

/**
 * mkdir -p, one level at a time: Node's recursive mkdir reports a read-only file system as
 * ENOENT, which would send people looking for a missing folder.
 */
async function createFolder(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let p = dir; !existsSync(p); p = path.dirname(p)) {
    missing.unshift(p);
    if (path.dirname(p) === p) break;
  }
  for (const p of missing) await fs.mkdir(p).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  if (!(await fs.stat(dir)).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
}

function explain(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'EROFS':
      return 'it is on a read-only file system';
    case 'ENOSPC':
    case 'EDQUOT':
      return 'the disk is full (no space left on device)';
    case 'EACCES':
    case 'EPERM':
      return `permission denied: user ${os.userInfo().username} may not write there`;
    case 'ENOTDIR':
    case 'EEXIST':
      return 'it, or a folder above it, is a file, not a folder';
    case 'ENOENT':
      return 'a folder above it does not exist and cannot be created';
    default:
      return `${error.code ?? 'error'}: ${error.message}`;
  }
}
