import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '../../core/env.ts';
import { originOf } from '../../core/public-url.ts';

describe('parseEnv', () => {
  it('gives the documented defaults with no configuration', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ DATA_DIR: '.data', HOST: 'localhost', PORT: 4321, SAMPLE_DATA: true });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('reads PORT, HOST and SAMPLE_DATA=0', () => {
    expect(parseEnv({ PORT: '8080', HOST: '0.0.0.0', SAMPLE_DATA: '0' })).toMatchObject({ PORT: 8080, HOST: '0.0.0.0', SAMPLE_DATA: false });
  });

  it('says in one line what is wrong with a malformed DATABASE_URL, without echoing it', () => {
    try {
      parseEnv({ DATABASE_URL: 'mysql://root:secret@db/portal' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      const message = (error as EnvError).message;
      expect(message).toMatch(/DATABASE_URL must be a URL starting with postgres:\/\/ or postgresql:\/\//);
      expect(message).not.toContain('secret');
      expect((error as EnvError).problems).toHaveLength(1);
    }
  });

  it('lists every problem at once', () => {
    expect(() => parseEnv({ PORT: '99999', MEILI_URL: 'http://127.0.0.1:7700', SAMPLE_DATA: 'maybe' })).toThrow(
      /PORT must be between 1 and 65535[\s\S]*SAMPLE_DATA must be 1 or 0[\s\S]*MEILI_MASTER_KEY is required when MEILI_URL is set/,
    );
  });

  it('reads the downloads\' rebuild delay in whole seconds, 30 by default', () => {
    expect(parseEnv({}).DOWNLOADS_REBUILD_DELAY_SECONDS).toBe(30);
    expect(parseEnv({ DOWNLOADS_REBUILD_DELAY_SECONDS: '0' }).DOWNLOADS_REBUILD_DELAY_SECONDS).toBe(0);
    expect(() => parseEnv({ DOWNLOADS_REBUILD_DELAY_SECONDS: '1.5' })).toThrow(/DOWNLOADS_REBUILD_DELAY_SECONDS must be a whole number of seconds/);
    expect(() => parseEnv({ DOWNLOADS_REBUILD_DELAY_SECONDS: '7200' })).toThrow(/DOWNLOADS_REBUILD_DELAY_SECONDS must be at most 3600 seconds/);
  });

  it('treats empty variables as unset', () => {
    expect(parseEnv({ DATABASE_URL: '', PORT: '' }).PORT).toBe(4321);
  });
});

describe('PUBLIC_URL', () => {
  it('is normalised to an origin: trailing slash dropped, host lower-cased, default port left out', () => {
    expect(parseEnv({ PUBLIC_URL: 'https://Portal.Example.org/' }).PUBLIC_URL).toBe('https://portal.example.org');
    expect(parseEnv({ PUBLIC_URL: 'http://portal.example.org:80' }).PUBLIC_URL).toBe('http://portal.example.org');
    expect(parseEnv({ PUBLIC_URL: 'https://portal.example.org:8443' }).PUBLIC_URL).toBe('https://portal.example.org:8443');
    expect(parseEnv({}).PUBLIC_URL).toBeUndefined();
  });

  it('refuses what is not an http(s) origin served at the root, saying why in one line', () => {
    const problem = (value: string) => {
      try {
        parseEnv({ PUBLIC_URL: value });
        return undefined;
      } catch (error) {
        expect((error as EnvError).problems).toHaveLength(1);
        return (error as EnvError).problems[0];
      }
    };
    expect(problem('portal.example.org')).toMatch(/^PUBLIC_URL must be an http:\/\/ or https:\/\/ origin/);
    expect(problem('ftp://portal.example.org')).toMatch(/^PUBLIC_URL must be an http:\/\/ or https:\/\/ origin/);
    expect(problem('https://portal.example.org/portal/')).toMatch(/^PUBLIC_URL must be an origin only .*without a path/);
    expect(problem('https://portal.example.org/?a=1')).toMatch(/without a path, query or fragment/);
    expect(problem('https://user:secret@portal.example.org')).toMatch(/must not hold a user name or password/);
    expect(problem('https://user:secret@portal.example.org')).not.toContain('secret');
  });
});

describe('originOf', () => {
  it('is PUBLIC_URL when set, else the listening address (a wildcard HOST shown as localhost)', () => {
    expect(originOf(parseEnv({ PUBLIC_URL: 'https://portal.example.org/', HOST: '0.0.0.0', PORT: '8080' }))).toBe('https://portal.example.org');
    expect(originOf(parseEnv({ HOST: '0.0.0.0', PORT: '8080' }))).toBe('http://localhost:8080');
    expect(originOf(parseEnv({ HOST: '::' }))).toBe('http://localhost:4321');
    expect(originOf(parseEnv({ HOST: '127.0.0.1', PORT: '5000' }))).toBe('http://127.0.0.1:5000');
    expect(originOf(parseEnv({ HOST: '::1', PORT: '5000' }))).toBe('http://[::1]:5000');
  });
});

describe('shared storage variables', () => {
  it('read a bucket with its endpoint, region, prefix (slashes trimmed) and path style', () => {
    expect(parseEnv({ STORAGE_S3_BUCKET: 'portal-files', STORAGE_S3_ENDPOINT: 'http://127.0.0.1:9000', STORAGE_S3_REGION: 'us-east-1', STORAGE_S3_PREFIX: '/prod/portal/', STORAGE_S3_FORCE_PATH_STYLE: '1' })).toMatchObject({
      STORAGE_S3_BUCKET: 'portal-files', STORAGE_S3_ENDPOINT: 'http://127.0.0.1:9000', STORAGE_S3_REGION: 'us-east-1', STORAGE_S3_PREFIX: 'prod/portal', STORAGE_S3_FORCE_PATH_STYLE: true,
    });
    expect(parseEnv({}).STORAGE_S3_FORCE_PATH_STYLE).toBe(false);
  });

  it('refuse two places at once, bucket settings without a bucket, and malformed names', () => {
    expect(() => parseEnv({ STORAGE_DIR: '/srv/shared', STORAGE_S3_BUCKET: 'portal-files' })).toThrow(/STORAGE_DIR and STORAGE_S3_BUCKET are two places/);
    expect(() => parseEnv({ STORAGE_S3_ENDPOINT: 'http://127.0.0.1:9000' })).toThrow(/STORAGE_S3_ENDPOINT needs STORAGE_S3_BUCKET/);
    expect(() => parseEnv({ STORAGE_S3_BUCKET: 'Portal_Files' })).toThrow(/STORAGE_S3_BUCKET must be an S3 bucket name/);
    expect(() => parseEnv({ STORAGE_S3_BUCKET: 'portal-files', STORAGE_S3_ENDPOINT: 'ftp://x' })).toThrow(/STORAGE_S3_ENDPOINT must be a URL starting with http:\/\/ or https:\/\//);
    expect(() => parseEnv({ STORAGE_S3_BUCKET: 'portal-files', STORAGE_S3_PREFIX: 'a/../b' })).toThrow(/STORAGE_S3_PREFIX must be key segments/);
  });
});

describe('DATABASE_URL with several hosts, and read replicas', () => {
  it('accepts a URL with a list of hosts (postgres.js tries them in turn)', () => {
    const url = 'postgres://portal:pw@db1:5432,db2:5433/portal?target_session_attrs=read-write';
    expect(parseEnv({ DATABASE_URL: url }).DATABASE_URL).toBe(url);
    expect(() => parseEnv({ DATABASE_URL: 'postgres://portal:pw@db1:5432,db2:xx/portal' })).toThrow(/DATABASE_URL must be a URL/);
  });

  it('splits DATABASE_REPLICA_URLS into replicas, keeping a replica URL\'s own host list whole', () => {
    const env = parseEnv({ DATABASE_REPLICA_URLS: 'postgres://u:p@r1:5432/portal, postgresql://u:p@r2:5432,r3:5432/portal' });
    expect(env.DATABASE_REPLICA_URLS).toEqual(['postgres://u:p@r1:5432/portal', 'postgresql://u:p@r2:5432,r3:5432/portal']);
    expect(env.REPLICA_MAX_LAG_SECONDS).toBe(5);
    expect(parseEnv({}).DATABASE_REPLICA_URLS).toEqual([]);
    expect(parseEnv({ REPLICA_MAX_LAG_SECONDS: '0.5' }).REPLICA_MAX_LAG_SECONDS).toBe(0.5);
  });

  it('says what is wrong with a replica URL or a lag bound, without echoing them', () => {
    try {
      parseEnv({ DATABASE_REPLICA_URLS: 'mysql://root:secret@r1/portal', REPLICA_MAX_LAG_SECONDS: '-1' });
      expect.unreachable();
    } catch (error) {
      const { problems, message } = error as EnvError;
      expect(problems).toEqual([
        expect.stringMatching(/^DATABASE_REPLICA_URLS must be comma-separated URLs starting with postgres:\/\//),
        expect.stringMatching(/^REPLICA_MAX_LAG_SECONDS must be a positive number of seconds/),
      ]);
      expect(message).not.toContain('secret');
    }
  });
});
