import { describe, expect, it } from 'vitest';
import { authorityName, hasCjk, placeName, violationName } from '../../core/glossary.ts';
import { cutHighlight } from '../../site/lib/highlight.ts';

describe('the bilingual glossary', () => {
  it('names known authorities from the taxonomy, by full or short name', () => {
    expect(authorityName('国家市场监督管理总局', 'en')).toEqual({ text: 'State Administration for Market Regulation (SAMR)', translated: true });
    expect(authorityName('市场监管总局', 'en').text).toBe('State Administration for Market Regulation (SAMR)');
    expect(authorityName('国家市场监督管理总局', 'zh').text).toBe('国家市场监督管理总局');
  });

  it('words other authorities from their place and department', () => {
    expect(authorityName('厦门市市场监督管理局', 'en')).toEqual({ text: 'Xiamen Administration for Market Regulation', translated: true });
    expect(authorityName('天津市河东区市场监督管理局', 'en').text).toBe('Hedong District Administration for Market Regulation');
    expect(authorityName('福州市质量技术监督局', 'en').text).toBe('Fuzhou Bureau of Quality and Technical Supervision');
  });

  it('leaves a name it cannot word as published, and says so', () => {
    expect(authorityName('某某协会', 'en')).toEqual({ text: '某某协会', translated: false });
    expect(authorityName('U.S. Consumer Product Safety Commission', 'en')).toEqual({ text: 'U.S. Consumer Product Safety Commission', translated: true });
  });

  it('names places from the smallest up in English, and as one name in Chinese', () => {
    expect(placeName('350200')).toEqual({ zh: '福建省厦门市', en: 'Xiamen, Fujian' });
    expect(placeName('120102')).toEqual({ zh: '天津市河东区', en: 'Hedong District, Tianjin' });
    expect(placeName('350000')).toEqual({ zh: '福建省', en: 'Fujian' });
    expect(placeName('999999')).toBeUndefined();
  });

  it('translates violation types by their words, most specific first', () => {
    expect(violationName('以不合格产品冒充合格产品', 'en').text).toBe('Passing off substandard products as up to standard');
    expect(violationName('生产销售不合格消防产品', 'en').text).toBe('Making and selling substandard products');
    expect(violationName('未经强制性产品认证擅自出厂销售', 'en').text).toBe('Sold without compulsory (CCC) certification');
    expect(violationName('产品标识不符合规定', 'en').text).toBe('Labelling not as the law requires');
    expect(violationName('无证生产', 'en').text).toBe('Making products without a production licence');
    expect(violationName('偷税', 'en')).toEqual({ text: '偷税', translated: false });
    expect(violationName('生产不合格产品', 'zh').text).toBe('生产不合格产品');
  });

  it('tells Chinese text from text an English reader can read', () => {
    expect(hasCjk('电线')).toBe(true);
    expect(hasCjk('（')).toBe(true);
    expect(hasCjk('Wires and cables')).toBe(false);
    expect(hasCjk(undefined)).toBe(false);
  });
});

describe('a highlighted title cut to its heading', () => {
  it('keeps the marks, closes one left open and counts entities as one character', () => {
    expect(cutHighlight('<mark>电线</mark>（不合格）', 2)).toBe('<mark>电线</mark>');
    expect(cutHighlight('电<mark>线（不</mark>合格）', 2)).toBe('电<mark>线</mark>');
    expect(cutHighlight('A&#38;B <mark>cable</mark>s (Failed)', 10)).toBe('A&#38;B <mark>cable</mark>s');
    expect(cutHighlight('电线（<mark>不合格</mark>）', 2)).toBe('电线');
  });
});
