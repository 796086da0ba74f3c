import { describe, expect, it } from 'vitest';
import { enterpriseMatchKeys, queryMatchKeys } from '../../core/text/enterprise-keys.ts';

const shares = (q: string, e: Parameters<typeof enterpriseMatchKeys>[0]) => queryMatchKeys(q).some((k) => enterpriseMatchKeys(e).includes(k));
const hongda = { name: '浙江省杭州鸿达电缆股份有限公司', aliases: ['鸿達電纜（杭州）有限公司', 'HONGDA CABLE'], englishName: 'Zhejiang Hongda Cable Co., Ltd.' };

describe('enterprise match keys', () => {
  it('a query shares a key with the enterprise it names: full name, traditional alias, core, English name', () => {
    expect(shares('浙江省杭州鸿达电缆股份有限公司', hongda)).toBe(true);
    expect(shares('浙江省 杭州鸿达电缆股份有限公司', hongda)).toBe(true);
    expect(shares('鸿达电缆(杭州)有限公司', hongda)).toBe(true);
    expect(shares('鸿达电缆', hongda)).toBe(true);
    expect(shares('ZHEJIANG HONGDA CABLE CO LTD', hongda)).toBe(true);
    expect(shares('Hongda Cable', hongda)).toBe(true);
  });

  it('a short fragment or another firm shares none', () => {
    expect(shares('鸿达', hongda)).toBe(false);
    expect(shares('鸿远电缆', hongda)).toBe(false);
    expect(shares('Hongda', hongda)).toBe(false);
    expect(queryMatchKeys('鸿达')).toEqual(['n:鸿达']);
  });

  it('keys are unique and kinded', () => {
    const keys = enterpriseMatchKeys(hongda);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.every((k) => /^[nce]:/.test(k))).toBe(true);
  });
});
