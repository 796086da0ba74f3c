import { Readable } from 'node:stream';
import { CopyObjectCommand, DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { checkKey, type ByteSpan, type PutOptions, type Storage, type StoredBody, type StoredObject } from './storage.ts';

export interface S3StorageOptions {
  bucket: string;
  /** Another S3-compatible service (MinIO, Ceph, Garage, a cloud's own): its URL; AWS itself when unset. */
  endpoint?: string;
  /** Unset: the AWS SDK's own chain (AWS_REGION, the shared config file). */
  region?: string;
  /** Keys are stored under this prefix (`portal/prod`), so one bucket can hold several portals. */
  prefix?: string;
  /** Bucket in the path (`https://host/bucket/key`), as most self-hosted services need. */
  forcePathStyle?: boolean;
}

/** Parts of a multipart upload: a download larger than this goes up in pieces, two at a time. */
const PART_BYTES = 16 * 1024 * 1024;

const isNotFound = (error: unknown) => {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404;
};

/** `bytes 0-99/1234` → 1234. */
const totalOf = (contentRange: string | undefined) => Number(/\/(\d+)$/.exec(contentRange ?? '')?.[1] ?? Number.NaN);

/**
 * Objects in an S3 bucket through `@aws-sdk/client-s3`; credentials come from the SDK's standard
 * chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, an instance or pod role…), never
 * from the portal's own settings. An S3 PUT is atomic by itself: readers see the old object or
 * the new one.
 */
export function s3Storage(options: S3StorageOptions): Storage {
  const client = new S3Client({
    region: options.region,
    endpoint: options.endpoint,
    forcePathStyle: options.forcePathStyle ?? false,
    // Checksums only where the API requires them: S3-compatible services do not all accept the
    // SDK's newer default checksum headers, and every download already carries its SHA-256.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // An endpoint that does not answer fails in seconds (a download then answers 503), instead of
    // holding a request for the operating system's TCP timeout; an idle stream is cut after a minute.
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000 },
  });
  const Bucket = options.bucket;
  const prefix = options.prefix ? `${options.prefix.replace(/^\/+|\/+$/g, '')}/` : '';
  const keyOf = (key: string) => `${prefix}${checkKey(key)}`;
  const described = (key: string, o: { ContentLength?: number; ETag?: string; LastModified?: Date }): StoredObject => ({
    key,
    size: o.ContentLength ?? 0,
    etag: o.ETag ?? '""',
    lastModified: o.LastModified ?? new Date(0),
  });

  return {
    description: `s3://${Bucket}/${prefix}${options.endpoint ? ` at ${options.endpoint}` : ''}`,
    locate: (key) => `s3://${Bucket}/${keyOf(key)}`,

    async put(key: string, body: Readable | Buffer | string, put: PutOptions) {
      const params = { Bucket, Key: keyOf(key), ContentType: put.contentType };
      if (!(body instanceof Readable)) {
        await client.send(new PutObjectCommand({ ...params, Body: body }));
        return;
      }
      // A stream of unknown length: one PUT when it is small, a multipart upload (completed
      // only when every part is in, aborted on failure) when it is large.
      await new Upload({ client, params: { ...params, Body: body }, partSize: PART_BYTES, queueSize: 2 }).done();
    },

    async get(key: string, range?: ByteSpan): Promise<StoredBody | undefined> {
      try {
        const answer = await client.send(new GetObjectCommand({ Bucket, Key: keyOf(key), Range: range ? `bytes=${range.start}-${range.end}` : undefined }));
        const size = range ? totalOf(answer.ContentRange) : (answer.ContentLength ?? 0);
        return { ...described(key, answer), size, body: answer.Body as Readable };
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },

    async head(key: string) {
      try {
        return described(key, await client.send(new HeadObjectCommand({ Bucket, Key: keyOf(key) })));
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },

    async list(keyPrefix: string) {
      const found: StoredObject[] = [];
      let ContinuationToken: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket, Prefix: `${prefix}${keyPrefix}`, ContinuationToken }));
        for (const o of page.Contents ?? []) {
          if (o.Key) found.push({ key: o.Key.slice(prefix.length), size: o.Size ?? 0, etag: o.ETag ?? '""', lastModified: o.LastModified ?? new Date(0) });
        }
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken);
      return found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    },

    async copy(from: string, to: string) {
      const source = keyOf(from).split('/').map(encodeURIComponent).join('/');
      await client.send(new CopyObjectCommand({ Bucket, Key: keyOf(to), CopySource: `${Bucket}/${source}` }));
    },

    async delete(key: string) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: keyOf(key) }));
    },
  };
}
