import { describe, expect, it } from 'vitest';
import { companyNameParts } from '../../core/text/company-parts.ts';

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

  it('reads regions below the county, banners, cities followed by a county, and China', () => {
    expect(parts('万荣县城镇俊杰五交化门市部')).toEqual(['万荣县城镇', '俊杰', '五交化', '门市部', '']);
    expect(parts('潘集区田集街道爱你宝宝童装店')).toEqual(['潘集区田集街道', '爱你宝宝', '童装', '店', '']);
    expect(parts('鄂尔多斯市乌审旗大方玩具店')).toEqual(['鄂尔多斯市乌审旗', '大方', '玩具', '店', '']);
    expect(parts('河南·安阳市文峰区多智彩制衣厂')).toEqual(['河南安阳市文峰区', '多智彩', '制衣', '厂', '']);
    expect(parts('中国伍尔特有限公司')).toEqual(['中国', '伍尔特', '', '有限公司', '']);
    expect(parts('阿迪达斯体育(中国)有限公司')).toEqual(['中国', '阿迪达斯', '体育', '有限公司', '']);
    // A township needs a county before it and a name after it.
    expect(companyNameParts('金村电器有限公司').tradeName).toBe('金村');
  });

  it('reads shop forms: sales offices, 门市, 总汇, a trade’s 城, 部 closing a shop name (not 俱乐部)', () => {
    expect(parts('西安市未央区天源线缆经销处')).toEqual(['西安市未央区', '天源', '线缆', '经销处', '']);
    expect(parts('万荣县城镇冯晖五金日杂部')).toEqual(['万荣县城镇', '冯晖', '五金日杂', '部', '']);
    expect(parts('鄂尔多斯市伊金霍洛旗小时代玩具礼品文具总汇')).toEqual(['鄂尔多斯市伊金霍洛旗', '小时代', '玩具礼品文具', '总汇', '']);
    expect(companyNameParts('巴彦淖尔市乌拉特前旗玩乐无穷大型玩具城').form).toBe('城');
    expect(companyNameParts('星光俱乐部').form).toBe('');
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
