import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

export interface FileDigest {
  sha256: string;
  size: number;
}

/** An archived source file: where its bytes are kept, and whether this import put them there. */
export interface ArchivedFile {
  path: string;
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

/**
 * Keeps the imported file's bytes under `dir`, named by their SHA-256 (`ab/ab12…ef.xlsx`), so every
 * record can be traced to the exact file it came from even after the regulator's page is gone.
 * Private (0600 in a 0700 folder): an original file can hold personal data the import masked.
 * The same bytes imported twice are stored once.
 */
export async function archiveSource(file: string, digest: FileDigest, dir: string): Promise<ArchivedFile> {
  const ext = path.extname(file).toLowerCase().replace(/[^.a-z0-9]/g, '').slice(0, 10);
  const folder = path.join(dir, digest.sha256.slice(0, 2));
  const target = path.join(folder, `${digest.sha256}${ext}`);
  const exists = await fs.stat(target).then((s) => s.size === digest.size, () => false);
  if (exists) return { path: target, discardIfNew: async () => {} };
  await fs.mkdir(folder, { recursive: true, mode: 0o700 });
  const temp = `${target}.${process.pid}.tmp`;
  await fs.copyFile(file, temp);
  await fs.chmod(temp, 0o600);
  await fs.rename(temp, target);
  return { path: target, discardIfNew: () => fs.rm(target, { force: true }) };
}
