import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { Storage } from '../storage/storage.ts';

export interface FileDigest {
  sha256: string;
  size: number;
}

/** An archived source file: where its bytes are kept, and whether this import put them there. */
export interface ArchivedFile {
  /** Its key in the storage (`sources/ab/ab12…ef.xlsx`). */
  key: string;
  /** Where that is, for a person: a file path or an s3:// URL. */
  location: string;
  /** Removes the copy when this import made it (a rejected file leaves nothing behind). */
  discardIfNew(): Promise<void>;
}

export function fileDigest(file: string): Promise<FileDigest> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    let size = 0;
    createReadStream(file)
      .on('data', (chunk) => {
        hash.update(chunk);
        size += chunk.length;
      })
      .on('end', () => resolve({ sha256: hash.digest('hex'), size }))
      .on('error', reject);
  });
}

/** The archive's place in the storage: DATA_DIR/sources, STORAGE_DIR/sources or the bucket's sources/. */
export const SOURCES = 'sources';

/**
 * Keeps the imported file's bytes in the storage, named by their SHA-256 (`sources/ab/ab12…ef.xlsx`),
 * so every record can be traced to the exact file it came from even after the regulator's page is
 * gone, whichever instance imported it. Private (0600 in a 0700 folder; a bucket's objects are
 * private unless its owner says otherwise): an original file can hold personal data the import
 * masked. The same bytes imported twice are stored once.
 */
export async function archiveSource(file: string, digest: FileDigest, storage: Storage): Promise<ArchivedFile> {
  const ext = path.extname(file).toLowerCase().replace(/[^.a-z0-9]/g, '').slice(0, 10);
  const key = `${SOURCES}/${digest.sha256.slice(0, 2)}/${digest.sha256}${ext}`;
  const location = storage.locate(key);
  const existing = await storage.head(key);
  if (existing?.size === digest.size) return { key, location, discardIfNew: async () => {} };
  await storage.put(key, createReadStream(file), { contentType: 'application/octet-stream', private: true });
  return { key, location, discardIfNew: () => storage.delete(key) };
}
