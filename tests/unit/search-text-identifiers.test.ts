import { describe, it, expect } from 'vitest';
import { canonicalDecisionNo, canonicalLicenceNo, detectIdentifier } from '../../core/text/index.ts';

describe('detectIdentifier: USCC', () => {
  it('accepts valid codes in any width, case or spacing', () => {
    for (const q of [
      '91350100M000100Y43',
      '91350100m000100y43',
      '９１３５０１００Ｍ０００１００Ｙ４３',
      ' 9135 0100 M000 100Y43 ',
      '9135\u200B0100M000100Y43',
    ]) {
      expect(detectIdentifier(q)).toEqual({ kind: 'uscc', value: '91350100M000100Y43' });
    }
    expect(detectIdentifier('91310000717854505W')).toEqual({ kind: 'uscc', value: '91310000717854505W' });
  });

  it('rejects a bad check character or a random 18-character string', () => {
    expect(detectIdentifier('911100001000013009')).toBeUndefined();
    expect(detectIdentifier('91350100M000100Y44')).toBeUndefined();
    expect(detectIdentifier('ABCDEFGHJKLMNPQRTU')).toBeUndefined();
  });
});

describe('detectIdentifier: production licence', () => {
  it('recognises every written form and canonicalizes without the province', () => {
    expect(detectIdentifier('(浙)XK06-001-01234')).toEqual({
      kind: 'production-licence',
      value: 'XK06-001-01234',
      province: '浙',
    });
    expect(detectIdentifier('（浙）XK06-001-01234')).toEqual({
      kind: 'production-licence',
      value: 'XK06-001-01234',
      province: '浙',
    });
    for (const q of ['XK06-001-01234', 'xk06-001-01234', 'XK0600101234', ' ｘｋ０６－００１－０１２３４ ']) {
      expect(detectIdentifier(q)).toEqual({ kind: 'production-licence', value: 'XK06-001-01234' });
    }
  });

  it('needs the full digit groups', () => {
    expect(detectIdentifier('XK06-001-0123')).toBeUndefined();
    expect(detectIdentifier('XK06')).toBeUndefined();
  });
});

describe('detectIdentifier: food licence and CCC', () => {
  it('recognises SC and JY numbers', () => {
    expect(detectIdentifier('SC10633010200123')).toEqual({ kind: 'food-licence', value: 'SC10633010200123' });
    expect(detectIdentifier('sc 1063 3010 2001 23')).toEqual({ kind: 'food-licence', value: 'SC10633010200123' });
    expect(detectIdentifier('ＳＣ１０６３３０１０２００１２３')).toEqual({
      kind: 'food-licence',
      value: 'SC10633010200123',
    });
    expect(detectIdentifier('JY13301060012345')).toEqual({ kind: 'food-licence', value: 'JY13301060012345' });
    expect(detectIdentifier('SC1063301020012')).toBeUndefined();
  });

  it('recognises a 16-digit CCC certificate only as the whole query', () => {
    expect(detectIdentifier('2021010201123456')).toEqual({ kind: 'ccc', value: '2021010201123456' });
    expect(detectIdentifier('202101020112345')).toBeUndefined();
    expect(detectIdentifier('证书 2021010201123456')).toBeUndefined();
  });
});

describe('detectIdentifier: decision numbers', () => {
  it('recognises penalty decision numbers and canonicalizes brackets, digits and spaces', () => {
    for (const [q, value] of [
      ['浙市监处罚〔2023〕112号', '浙市监处罚〔2023〕112号'],
      ['杭市监罚处〔2023〕5号', '杭市监罚处〔2023〕5号'],
      ['国市监处罚〔2023〕1号', '国市监处罚〔2023〕1号'],
      ['浙市监处罚[2023]112号', '浙市监处罚〔2023〕112号'],
      ['浙市监处罚【2023】112号', '浙市监处罚〔2023〕112号'],
      ['浙市监处罚(2023)112号', '浙市监处罚〔2023〕112号'],
      ['浙市监处罚（２０２３）１１２号', '浙市监处罚〔2023〕112号'],
      ['浙市监处罚 〔2023〕 112 号', '浙市监处罚〔2023〕112号'],
      ['浙市监处罚［2023］第112号', '浙市监处罚〔2023〕112号'],
    ] as const) {
      expect(detectIdentifier(q), q).toEqual({ kind: 'decision-no', value });
    }
  });

  it('also recognises licence-revocation decision numbers of the same shape', () => {
    expect(detectIdentifier('浙市监许撤〔2023〕1号')).toEqual({ kind: 'decision-no', value: '浙市监许撤〔2023〕1号' });
  });

  it('needs an issuer, a bracketed year and a serial ending in 号', () => {
    expect(detectIdentifier('〔2023〕1号')).toBeUndefined();
    expect(detectIdentifier('处罚〔2023〕')).toBeUndefined();
    expect(detectIdentifier('2023年的处罚')).toBeUndefined();
  });
});

describe('detectIdentifier: ordinary queries', () => {
  it('returns undefined for search text', () => {
    for (const q of ['电线', '鸿达', '2023', '', '   ', '鸿达电缆有限公司', 'GB 2099.1-2008', 'hongda']) {
      expect(detectIdentifier(q), q).toBeUndefined();
    }
  });
});

describe('canonical forms for index time', () => {
  it('canonicalLicenceNo matches the detected value', () => {
    expect(canonicalLicenceNo('（浙）XK06-001-01234')).toBe('XK06-001-01234');
    expect(canonicalLicenceNo('XK0600101234')).toBe('XK06-001-01234');
    expect(canonicalLicenceNo('sc1063 3010 2001 23')).toBe('SC10633010200123');
    // Unknown formats are normalized only, so both sides still meet.
    expect(canonicalLicenceNo(' ts2233001-2025 ')).toBe('TS2233001-2025');
  });

  it('canonicalDecisionNo matches the detected value', () => {
    expect(canonicalDecisionNo('浙市监处罚（２０２３）１１２号')).toBe('浙市监处罚〔2023〕112号');
    expect(canonicalDecisionNo('浙市监处罚[2023]第112号')).toBe('浙市监处罚〔2023〕112号');
    expect(canonicalDecisionNo('无年份 文号')).toBe('无年份文号');
    const q = '杭市监罚处【2023】5号';
    expect(detectIdentifier(q)?.value).toBe(canonicalDecisionNo('杭市监罚处〔2023〕5号'));
  });
});
