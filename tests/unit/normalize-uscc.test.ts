import { describe, it, expect } from 'vitest';
import { isUsccLike, parseUscc, usccCheckChar } from '../../core/normalize/index.ts';

describe('usccCheckChar', () => {
  it('computes the GB 32100 check character', () => {
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
    expect(usccCheckChar('91310000717854505')).toBe('W');
  });
  it('throws on bad input', () => {
    expect(() => usccCheckChar('91350100M000100Y')).toThrow(/17 characters/);
    expect(() => usccCheckChar('91350100O000100Y4')).toThrow(/'O' at position 9/);
  });
});

describe('parseUscc', () => {
  it('accepts the valid examples', () => {
    expect(parseUscc('91350100M000100Y43')).toEqual({ ok: true, value: '91350100M000100Y43' });
    expect(parseUscc('91310000717854505W')).toEqual({ ok: true, value: '91310000717854505W' });
  });
  it('normalizes lower case, full width, spaces, hyphens and zero-width characters', () => {
    for (const input of [
      '91350100m000100y43',
      '９１３５０１００Ｍ０００１００Ｙ４３',
      ' 9135 0100-M000 100Y43 ',
      '91350100\u200BM000100Y43\uFEFF',
      '91310000717854505w',
    ]) {
      const r = parseUscc(input);
      expect(r.ok, input).toBe(true);
    }
    expect(parseUscc('９１３５０１００ｍ０００１００ｙ４３')).toEqual({ ok: true, value: '91350100M000100Y43' });
  });
  it('rejects a wrong check character, saying expected and found', () => {
    const r = parseUscc('911100001000013009');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/check character: expected '2', found '9'/);
  });
  it('rejects a wrong length, saying the length found', () => {
    const r = parseUscc('91350100M000100Y4');
    expect(r).toMatchObject({ ok: false });
    if (!r.ok) expect(r.reason).toMatch(/found 17/);
    expect(parseUscc('')).toMatchObject({ ok: false, reason: 'USCC is empty' });
  });
  it('rejects an invalid character, naming it and its position', () => {
    const r = parseUscc('91350100M0001O0Y43');
    if (r.ok) throw new Error('expected failure');
    expect(r.reason).toMatch(/invalid character 'O' at position 14/);
  });
});

describe('isUsccLike', () => {
  it('tests shape only', () => {
    expect(isUsccLike('911100001000013009')).toBe(true);
    expect(isUsccLike('９１３５０１００ｍ０００１００ｙ４３')).toBe(true);
    expect(isUsccLike('SC10644030500123')).toBe(false);
    expect(isUsccLike('91350100I000100Y43')).toBe(false);
  });
});
