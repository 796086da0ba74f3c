import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { checkKey, type ByteSpan, type PutOptions, type Storage, type StoredBody, type StoredObject } from './storage.ts';

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/** A temporary name in the target's own folder: a rename within one file system is atomic. */
const tempPath = (file: string) => path.join(path.dirname(file), `.${path.basename(file)}.${randomUUID()}.tmp`);

/** Writes are finished and on the disk before they get their name (NFS included: close-to-open). */
async function syncFolder(folder: string): Promise<void> {
  const handle = await fs.open(folder, 'r').catch(() => undefined);
  // Some file systems (and NFS clients) refuse fsync on a folder: the rename is then as safe as it gets.
  await handle?.sync().catch(() => undefined);
  await handle?.close();
}

const described = (key: string, stat: { size: number; mtimeMs: number; ino: number }): StoredObject => ({
  key,
  size: stat.size,
  // Another instance's replacement is a new inode: the tag changes even within one mtime tick.
  etag: `"${stat.ino.toString(16)}-${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`,
  lastModified: new Date(Math.floor(stat.mtimeMs)),
});

/**
 * Objects as files under `root` (DATA_DIR by default, or STORAGE_DIR: a directory every instance
 * mounts, NFS or the like). Each write goes to a temporary name in the same folder, is fsynced,
 * then renamed into place; a reader holds the file it opened, so a replacement during a download
 * never mixes two versions.
 */
export function directoryStorage(root: string): Storage {
  const base = path.resolve(root);
  const pathOf = (key: string) => path.join(base, ...checkKey(key).split('/'));

  async function publish(target: string, write: (temp: string) => Promise<void>, mode: number): Promise<void> {
    const folder = path.dirname(target);
    await fs.mkdir(folder, { recursive: true, mode: mode === 0o600 ? 0o700 : 0o755 });
    const temp = tempPath(target);
    try {
      await write(temp);
      await fs.chmod(temp, mode);
      await fs.rename(temp, target);
    } finally {
      // Gone after a rename, except where the target already was this very file (two links to one
      // file: POSIX renames nothing then), and after a failure.
      await fs.rm(temp, { force: true });
    }
    await syncFolder(folder);
  }

  return {
    description: `directory ${base}`,
    locate: pathOf,

    async put(key: string, body: Readable | Buffer | string, options: PutOptions) {
      await publish(pathOf(key), async (temp) => {
        const handle = await fs.open(temp, 'wx', 0o600);
        try {
          if (body instanceof Readable) for await (const chunk of body) await handle.write(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
          else await handle.writeFile(body);
          await handle.sync();
        } finally {
          await handle.close();
        }
      }, options.private ? 0o600 : 0o644);
    },

    async get(key: string, range?: ByteSpan): Promise<StoredBody | undefined> {
      // Open first, then stat the open file: a rename in between cannot pair one file's size with another's bytes.
      const handle = await fs.open(pathOf(key), 'r').catch((error) => (isMissing(error) ? undefined : Promise.reject(error)));
      if (!handle) return undefined;
      try {
        const stat = await handle.stat();
        if (!stat.isFile()) throw new Error(`${pathOf(key)} is not a file`);
        const body = handle.createReadStream(range ? { start: range.start, end: range.end } : {});
        return { ...described(key, stat), body };
      } catch (error) {
        await handle.close();
        throw error;
      }
    },

    async head(key: string) {
      const stat = await fs.stat(pathOf(key)).catch((error) => (isMissing(error) ? undefined : Promise.reject(error)));
      return stat?.isFile() ? described(key, stat) : undefined;
    },

    async list(prefix: string) {
      // The folder the prefix names (or is inside), walked; temporary and hidden names are not objects.
      const folderKey = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
      const found: StoredObject[] = [];
      const walk = async (folder: string, keyPrefix: string) => {
        const entries = await fs.readdir(folder, { withFileTypes: true }).catch((error) => (isMissing(error) ? [] : Promise.reject(error)));
        for (const entry of entries) {
          if (entry.name.startsWith('.')) continue;
          const key = `${keyPrefix}${entry.name}`;
          const full = path.join(folder, entry.name);
          if (entry.isDirectory()) {
            if (`${key}/`.startsWith(prefix) || prefix.startsWith(`${key}/`)) await walk(full, `${key}/`);
          } else if (entry.isFile() && key.startsWith(prefix)) {
            const stat = await fs.stat(full).catch(() => undefined);
            if (stat) found.push(described(key, stat));
          }
        }
      };
      await walk(folderKey ? pathOf(folderKey) : base, folderKey ? `${folderKey}/` : '');
      return found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    },

    async copy(from: string, to: string) {
      const source = pathOf(from);
      const mode = (await fs.stat(source)).mode & 0o777;
      await publish(pathOf(to), async (temp) => {
        // A hard link shares the bytes (files are only ever replaced, never written in place);
        // a copy where the file system cannot link.
        await fs.link(source, temp).catch(async () => {
          await fs.copyFile(source, temp);
          const handle = await fs.open(temp, 'r+');
          await handle.sync().finally(() => handle.close());
        });
      }, mode);
    },

    async delete(key: string) {
      const file = pathOf(key);
      await fs.rm(file, { force: true });
      // Folders left empty go too (a pruned snapshot's day), up to the root.
      for (let folder = path.dirname(file); folder.startsWith(`${base}${path.sep}`); folder = path.dirname(folder)) {
        if (!(await fs.rmdir(folder).then(() => true, () => false))) break;
      }
    },
  };
}
