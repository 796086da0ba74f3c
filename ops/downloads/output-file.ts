import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { PassThrough, type Transform } from 'node:stream';
import { createGzip } from 'node:zlib';

/** A file being built on local disk, hashed as it goes; put into the storage once complete. */
export class OutputFile {
  private readonly hash = createHash('sha256');
  private bytes = 0;
  private readonly file;
  private readonly input: Transform;
  readonly localPath: string;

  constructor(localPath: string, gzip: boolean) {
    this.localPath = localPath;
    this.file = createWriteStream(localPath);
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

  async finish(): Promise<{ bytes: number; sha256: string }> {
    this.input.end();
    await once(this.file, 'close');
    return { bytes: this.bytes, sha256: this.hash.digest('hex') };
  }
}
