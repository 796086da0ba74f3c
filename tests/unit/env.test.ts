import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '../../core/env.ts';

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

  it('treats empty variables as unset', () => {
    expect(parseEnv({ DATABASE_URL: '', PORT: '' }).PORT).toBe(4321);
  });
});
