import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import { once } from 'node:events';
import { PassThrough, type Transform } from 'node:stream';
import { createGzip } from 'node:zlib';

/** A file being written, hashed as it goes, published by rename only when complete. */
export class OutputFile {
  private readonly hash = createHash('sha256');
  private bytes = 0;
  private readonly file;
  private readonly input: Transform;
  // Unique: the running portal and `npm run downloads` may build into the same folder at once.
  private readonly tmpPath: string;
  readonly finalPath: string;

  constructor(finalPath: string, gzip: boolean) {
    this.finalPath = finalPath;
    this.tmpPath = `${finalPath}.${randomUUID()}.tmp`;
    this.file = createWriteStream(this.tmpPath);
    this.input = gzip ? createGzip({ level: 6 }) : new PassThrough();
    // Hash and count what reaches the disk: the compressed bytes of a .gz.
    this.input.on('data', (chunk: Buffer) => {
      this.hash.update(chunk);
      this.bytes += chunk.length;
    });
    this.input.pipe(this.file);
  }

  async write(text: string): Promise<void> {
    if (!this.input.write(text)) await once(this.input, 'drain');
  }

  /** Ends the file; it stays at `writtenPath` until `publish`. */
  async finish(): Promise<{ bytes: number; sha256: string }> {
    this.input.end();
    await once(this.file, 'close');
    return { bytes: this.bytes, sha256: this.hash.digest('hex') };
  }

  /** The finished file before `publish`: what a snapshot links, so that it holds exactly these bytes. */
  get writtenPath(): string {
    return this.tmpPath;
  }

  async publish(): Promise<void> {
    await fs.rename(this.tmpPath, this.finalPath);
  }
}

/** Writes `text` to `file` through a uniquely named temporary file and a rename. */
export async function writeAtomically(file: string, text: string): Promise<void> {
  const tmp = `${file}.${randomUUID()}.tmp`;
  await fs.writeFile(tmp, text);
  await fs.rename(tmp, file);
}
