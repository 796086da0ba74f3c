import { describe, expect, it } from 'vitest';
import { companyNameParts } from '../../core/text/company.ts';

const parts = (name: string) => {
  const { region, tradeName, industry, form, branch } = companyNameParts(name);
  return [region, tradeName, industry, form, branch];
};

describe('companyNameParts: 行政区划 + 字号 + 行业 + 组织形式', () => {
  it('parses the usual shapes, a region in brackets anywhere included', () => {
    expect(parts('乔丹(厦门)实业有限公司')).toEqual(['厦门', '乔丹', '实业', '有限公司', '']);
    expect(parts('乔丹（厦门）实业有限公司')).toEqual(['厦门', '乔丹', '实业', '有限公司', '']);
    expect(parts('深圳市金航宇电线电缆有限公司')).toEqual(['深圳市', '金航宇', '电线电缆', '有限公司', '']);
    expect(parts('浙江省杭州鸿达电缆股份有限公司')).toEqual(['浙江省杭州', '鸿达', '电缆', '股份有限公司', '']);
    expect(parts('厦门市思明区瀛达贸易有限公司')).toEqual(['厦门市思明区', '瀛达', '贸易', '有限公司', '']);
    expect(parts('启熙新能源科技有限公司')).toEqual(['', '启熙', '新能源科技', '有限公司', '']);
    expect(parts('鸿达')).toEqual(['', '鸿达', '', '', '']);
    // Real names (tests/fixtures/real): a county-level city or district opening the name on its own.
    expect(parts('兴化市宏升食品有限公司')).toEqual(['兴化市', '宏升', '食品', '有限公司', '']);
    expect(parts('明光市远洋水产品贸易有限公司')).toEqual(['明光市', '远洋', '水产品贸易', '有限公司', '']);
    expect(parts('澄海区良兴塑胶玩具有限公司')).toEqual(['澄海区', '良兴', '塑胶玩具', '有限公司', '']);
    expect(companyNameParts('杭州鸿达市场管理有限公司').tradeName).toBe('鸿达市场管理');
  });

  it('folds traditional characters and full width first', () => {
    expect(companyNameParts('浙江鴻達電纜有限公司').tradeName).toBe('鸿达');
    expect(companyNameParts('ＡＢＣ电器有限公司').tradeName).toBe('abc');
  });

  it('a name with no trade name has none: industry and form only, or a placeholder', () => {
    for (const name of ['电线电缆有限公司', '深圳市某某电线电缆有限公司', '某某', 'XX电器有限公司', '××科技有限公司']) expect(companyNameParts(name).tradeName, name).toBe('');
  });

  it('a region followed by industry words only is the trade name (Hangzhou Cable)', () => {
    expect(parts('杭州电缆股份有限公司')).toEqual(['', '杭州', '电缆', '股份有限公司', '']);
    expect(companyNameParts('上海有限公司').tradeName).toBe('上海');
  });

  it('keeps what follows a parent’s legal form as the branch', () => {
    expect(parts('鸿达电缆有限公司杭州分公司')).toEqual(['', '鸿达', '电缆', '有限公司', '杭州分公司']);
  });

  it('different trade names stay different: 金航宇/金达, 骄马/骏马, 瀛悦/瀛达', () => {
    for (const [a, b] of [['深圳市金航宇电线电缆有限公司', '郑州市金达电线电缆有限公司'], ['骄马电器有限公司', '骏马电器有限公司'], ['福建省瀛悦贸易有限公司', '厦门市瀛达贸易有限公司']]) {
      expect(companyNameParts(a!).tradeName).not.toBe(companyNameParts(b!).tradeName);
    }
  });
});
