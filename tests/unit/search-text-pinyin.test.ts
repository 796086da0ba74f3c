import { describe, it, expect } from 'vitest';
import { companyCore, pinyinVariants } from '../../core/text/index.ts';

describe('companyCore', () => {
  it('strips the region prefix and the legal form', () => {
    expect(companyCore('鸿达电缆有限公司')).toBe('鸿达电缆');
    expect(companyCore('浙江鸿达电缆有限公司')).toBe('鸿达电缆');
    expect(companyCore('浙江省杭州鸿达电缆股份有限公司')).toBe('鸿达电缆');
    expect(companyCore('杭州市余杭区鸿达五金店')).toBe('鸿达五金');
    expect(companyCore('深圳市华为技术有限公司')).toBe('华为技术');
    expect(companyCore('美的集团股份有限公司')).toBe('美的');
    expect(companyCore('广西壮族自治区绿源电器厂')).toBe('绿源电器');
  });

  it('drops bracketed insertions and branch suffixes', () => {
    expect(companyCore('鸿达电缆（杭州）有限公司')).toBe('鸿达电缆');
    expect(companyCore('鸿达电缆有限公司杭州分公司')).toBe('鸿达电缆');
  });

  it('folds script, width, spaces and Latin case', () => {
    expect(companyCore('鴻達電纜有限公司')).toBe('鸿达电缆');
    expect(companyCore('ＴＣＬ 王牌电器（惠州）有限公司')).toBe('tcl王牌电器');
  });

  it('keeps the region when it is the trade name, and never returns empty', () => {
    expect(companyCore('杭州电缆股份有限公司')).toBe('杭州电缆');
    expect(companyCore('上海有限公司')).toBe('上海');
    expect(companyCore('有限公司')).toBe('有限公司');
  });

  it('does not mistake words for regions or legal forms', () => {
    expect(companyCore('杭州鸿达市场管理有限公司')).toBe('鸿达市场管理');
    expect(companyCore('家乐超市有限公司')).toBe('家乐超市');
    expect(companyCore('浙江鸿达大酒店')).toBe('鸿达大酒店');
  });
});

describe('pinyinVariants', () => {
  it('spells the whole name, its core and its trade name', () => {
    expect(pinyinVariants('鸿达电缆有限公司')).toEqual([
      'hong da dian lan you xian gong si',
      'hongdadianlanyouxiangongsi',
      'hddlyxgs',
      'hong da dian lan',
      'hongdadianlan',
      'hddl',
      'hong da',
      'hongda',
      'hd',
    ]);
  });

  it('gives the same spellings for traditional input', () => {
    expect(pinyinVariants('鴻達電纜有限公司')).toEqual(pinyinVariants('鸿达电缆有限公司'));
  });

  it('includes the core spellings when a region prefix is present', () => {
    const variants = pinyinVariants('浙江省杭州鸿达电缆股份有限公司');
    expect(variants).toContain('zhejiangshenghangzhouhongdadianlangufenyouxiangongsi');
    expect(variants).toContain('hongda');
    expect(variants).toContain('hong da');
    expect(variants).toContain('hd');
    expect(variants).toContain('hddl');
  });

  it('uses ü as v, no tones, lower case, and picks readings by word', () => {
    expect(pinyinVariants('绿源')).toEqual(['lv yuan', 'lvyuan', 'ly']);
    expect(pinyinVariants('重庆长安汽车股份有限公司')).toContain('changan');
    for (const v of pinyinVariants('鸿达电缆有限公司')) expect(v).toMatch(/^[a-z0-9 ]+$/);
  });

  it('passes Latin letters and digits through lower-cased', () => {
    const variants = pinyinVariants('TCL王牌电器（惠州）有限公司');
    expect(variants).toContain('tcl wang pai dian qi hui zhou you xian gong si');
    expect(variants).toContain('tclwangpaidianqi');
    expect(variants).toContain('tclwpdq');
  });

  it('deduplicates', () => {
    const variants = pinyinVariants('格力');
    expect(variants).toEqual(['ge li', 'geli', 'gl']);
    expect(new Set(variants).size).toBe(variants.length);
  });

  it('is empty for names without Han characters', () => {
    expect(pinyinVariants('')).toEqual([]);
    expect(pinyinVariants('Apple Inc.')).toEqual([]);
    expect(pinyinVariants('3M (China) Ltd')).toEqual([]);
  });

  it('handles 10,000 names (timing logged, not asserted)', () => {
    const trade = '鸿达 绿源 格力 美的 海尔 九阳 方太 公牛 正泰 德力西 苏泊尔 长安 奥克斯 老板 华帝'.split(' ');
    const region = ['浙江', '杭州市', '广东省深圳市', '', '宁波', '江苏省苏州市吴中区'];
    const industry = ['电缆', '电器', '五金', '科技', '食品', '服饰'];
    const form = ['有限公司', '股份有限公司', '集团有限公司', '厂', '经营部', '商行'];
    const names = Array.from({ length: 10_000 }, (_, i) =>
      `${region[i % region.length]}${trade[i % trade.length]}${industry[(i >> 2) % industry.length]}${form[(i >> 4) % form.length]}`,
    );
    pinyinVariants('预热有限公司');
    const start = performance.now();
    let total = 0;
    for (const name of names) total += pinyinVariants(name).length;
    const ms = performance.now() - start;
    console.log(`pinyinVariants: 10,000 names in ${ms.toFixed(1)} ms (${total} variants)`);
    expect(total).toBeGreaterThan(50_000);
  });
});
