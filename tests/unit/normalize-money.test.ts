import { describe, it, expect } from 'vitest';
import { headerIsTenThousandYuan, parseAmount } from '../../core/normalize/index.ts';

const yuan = (value: number | null) => ({ ok: true, value });

describe('parseAmount', () => {
  it('parses the usual spellings', () => {
    expect(parseAmount('12,345.60')).toEqual(yuan(12345.6));
    expect(parseAmount('1.2万')).toEqual(yuan(12000));
    expect(parseAmount('１２３')).toEqual(yuan(123));
    expect(parseAmount('１２，３４５．６')).toEqual(yuan(12345.6));
    expect(parseAmount('0')).toEqual(yuan(0));
    expect(parseAmount('¥1,000元')).toEqual(yuan(1000));
    expect(parseAmount('1.2亿')).toEqual(yuan(120_000_000));
    expect(parseAmount(5000)).toEqual(yuan(5000));
  });
  it('treats empty cells as not stated', () => {
    for (const v of ['', '  ', null, undefined, '-', '/', '无']) expect(parseAmount(v)).toEqual(yuan(null));
  });
  it('converts 万元 columns exactly', () => {
    expect(parseAmount('1.5', '罚款金额（万元）')).toEqual(yuan(15000));
    expect(parseAmount(3, '罚款金额(万元)')).toEqual(yuan(30000));
    expect(parseAmount('0.1', '万元')).toEqual(yuan(1000));
    expect(parseAmount('0.123456', '罚款金额（万元）')).toEqual(yuan(1234.56));
    expect(parseAmount('1.2万', '罚款金额（万元）')).toEqual(yuan(12000)); // explicit unit wins
    expect(parseAmount('1.5', '罚款金额（元）')).toEqual(yuan(1.5));
    expect(headerIsTenThousandYuan('罚款金额（万元）')).toBe(true);
  });
  it('rounds to at most 2 decimals', () => {
    expect(parseAmount('1.005')).toEqual(yuan(1.01));
    expect(parseAmount('0.004')).toEqual(yuan(0));
  });
  it('rejects what is not an amount', () => {
    expect(parseAmount('abc')).toMatchObject({ ok: false });
    expect(parseAmount('1,23')).toMatchObject({ ok: false, reason: expect.stringMatching(/3 digits/) });
    expect(parseAmount('-5')).toMatchObject({ ok: false, reason: expect.stringMatching(/negative/) });
    expect(parseAmount('110101199003071233')).toMatchObject({ ok: false });
    expect(parseAmount(Number.NaN)).toMatchObject({ ok: false });
  });
});
