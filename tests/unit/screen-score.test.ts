import { describe, expect, it } from 'vitest';
import { scoreName, type KeyCache } from '../../api/services/screen-score.ts';
import { pinyinSyllables } from '../../core/text/pinyin.ts';

const score = (query: string, registered: string) => scoreName(query, { name: registered }, 0.5, new Map() as KeyCache);

describe('scoreName: Chinese names by their parts, with evidence in words', () => {
  it('the same trade name with region or form changed is a strong match, and says which parts differ', () => {
    const c = score('深圳市金达电线电缆股份有限公司', '郑州市金达电线电缆有限公司');
    expect(c.score).toBeGreaterThanOrEqual(0.95);
    expect(c.reason).toBe('name-core');
    expect(c.evidence).toEqual(['trade name 金达 = 金达', 'industry 电线电缆 = 电线电缆', 'region 深圳市 ≠ 郑州市', 'form 股份有限公司 ≠ 有限公司']);
    expect(score('金达电线电缆', '郑州市金达电线电缆有限公司').evidence).toContain('region not in the query (registered: 郑州市)');
  });

  it('another trade name, another industry under the same one, or no trade name is no match', () => {
    expect(score('郑州市金大电线电缆有限公司', '郑州市金达电线电缆有限公司').score).toBe(0);
    expect(score('骄马电器有限公司', '骏马电器有限公司').score).toBe(0);
    expect(score('郑州市金达食品有限公司', '郑州市金达电线电缆有限公司').score).toBe(0);
    expect(score('深圳市某某电线电缆有限公司', '郑州市金达电线电缆有限公司')).toMatchObject({ score: 0, reason: 'no-trade-name' });
    // A compatible industry (电缆 within 电线电缆) still agrees, a little lower.
    expect(score('郑州市金达电缆有限公司', '郑州市金达电线电缆有限公司').score).toBeGreaterThanOrEqual(0.88);
  });

  it('a place of two characters or more before the same trade name agrees; one character does not', () => {
    expect(score('胜纳德服饰有限公司', '湖州织里胜纳德服饰有限公司').score).toBeGreaterThanOrEqual(0.88);
    expect(score('华金达电线电缆有限公司', '郑州市金达电线电缆有限公司').score).toBe(0);
  });

  it('a branch of the enterprise is reported as such', () => {
    const c = score('郑州市金达电线电缆有限公司杭州分公司', '郑州市金达电线电缆有限公司');
    expect(c.reason).toBe('branch');
    expect(c.evidence).toContain('the query names a branch (杭州分公司) of this enterprise');
  });

  it('a Latin query is compared with the pinyin of the registered name', () => {
    expect(score('Zhengzhou Jinda Dianxian Dianlan Co., Ltd.', '郑州市金达电线电缆有限公司')).toMatchObject({ reason: 'pinyin' });
    expect(score('jinda dianxiandianlan', '郑州市金达电线电缆有限公司').score).toBeGreaterThanOrEqual(0.9);
    expect(score('huawei technologies', '郑州市金达电线电缆有限公司').score).toBeLessThan(0.5);
  });

  it('cuts run-together pinyin into syllables, and leaves other words alone', () => {
    expect(pinyinSyllables('ainibaobao')).toEqual(['ai', 'ni', 'bao', 'bao']);
    expect(pinyinSyllables('technologies')).toBeUndefined();
  });
});
