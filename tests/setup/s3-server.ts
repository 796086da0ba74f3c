import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import S3rver from '@20minutes/s3rver';

/** s3rver's fixed account: the AWS SDK finds it through its standard environment variables. */
export const S3_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' };

export interface LocalS3 {
  endpoint: string;
  bucket: string;
  /** The portal's variables for this bucket, credentials included. */
  env(prefix?: string): Record<string, string>;
  close(): Promise<void>;
}

/**
 * An S3-protocol server on loopback for the S3 storage's tests: @20minutes/s3rver, an npm
 * package (a devDependency, so `npm ci` installs it like any other; no Docker, no download).
 * No Debian package of MinIO, Garage, SeaweedFS, s3proxy or versitygw exists to install
 * instead, and Debian's radosgw needs a whole Ceph cluster.
 */
export async function startLocalS3(bucket = 'portal-test'): Promise<LocalS3> {
  const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'portal-s3-'));
  // Signatures are checked (allowMismatchedSignatures stays false): a request the SDK signs wrong fails here too.
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    env: (prefix) => ({
      ...S3_CREDENTIALS,
      STORAGE_S3_BUCKET: bucket,
      STORAGE_S3_ENDPOINT: endpoint,
      STORAGE_S3_REGION: 'us-east-1',
      STORAGE_S3_FORCE_PATH_STYLE: '1',
      ...(prefix ? { STORAGE_S3_PREFIX: prefix } : {}),
    }),
    async close() {
      await server.close();
      await fs.rm(directory, { recursive: true, force: true });
    },
  };
}
