import { describe, expect, it } from 'vitest';
import { isGenericNamePart } from '../../core/text/company.ts';
import { highlightHtml, POST, PRE } from '../../search/highlight.ts';
import { scoreThreshold, MIN_SCORE } from '../../search/totals.ts';

/** Meilisearch's `_formatted` text, written with [ ] for its highlight tags. */
const formatted = (s: string) => s.replaceAll('[', PRE).replaceAll(']', POST);
const html = (s: string, q: string) => highlightHtml(formatted(s), q);

describe('isGenericNamePart', () => {
  it('knows legal forms, their pieces and generic words, in Chinese and English', () => {
    for (const part of ['有限', '公司', '责任', '有限公司', '有限责任公司', '股份有限公司', '股份', '科技', '实业', '科技有限公司', '集团', '厂', 'Co., Ltd.', 'COMPANY LIMITED', 'Inc'])
      expect(isGenericNamePart(part), part).toBe(true);
  });
  it('keeps anything a name is remembered by', () => {
    for (const part of ['翊驰', '电缆', '卫生用品', '电缆厂', '翊驰卫生用品有限责任公司', 'Cable', 'Lanyao', '有限公司杭州分公司x', ''])
      expect(isGenericNamePart(part), part).toBe(false);
  });
});

describe('highlightHtml', () => {
  it('marks a matched company name as one run, not character by character', () => {
    expect(html('[翊][驰][卫生][用品][有限][责任][公司]', '翊驰卫生用品有限责任公司')).toBe('<mark>翊驰卫生用品有限责任公司</mark>');
  });

  it('never marks legal forms on their own', () => {
    expect(html('[翊][驰][卫生][用品]实业[有限][公司]', '翊驰卫生用品有限责任公司')).toBe('<mark>翊驰卫生用品</mark>实业有限公司');
    expect(html('澜曜电器[有限][公司]', '澜曜电缆有限公司')).toBe('澜曜电器有限公司');
    expect(html('[澜][曜][电缆][有限公司]', '澜曜电缆有限公司')).toBe('<mark>澜曜电缆有限公司</mark>');
  });

  it('marks legal forms when they are all the query asks for', () => {
    expect(html('澜曜电器[有限][公司]', '有限公司')).toBe('澜曜电器<mark>有限公司</mark>');
  });

  it('drops a lone shared character of a longer Chinese query', () => {
    expect(html('[翊]坤消防设备[有限][公司]', '翊驰卫生用品有限责任公司')).toBe('翊坤消防设备有限公司');
    expect(html('[川]熙传感技术有限公司', '川煜')).toBe('川熙传感技术有限公司');
    expect(html('[川]熙传感技术有限公司', '川')).toBe('<mark>川</mark>熙传感技术有限公司');
  });

  it('marks Chinese words whole and keeps the rest of the title', () => {
    expect(html('交联聚乙烯绝缘电力[电缆]（合格）', '电缆')).toBe('交联聚乙烯绝缘电力<mark>电缆</mark>（合格）');
    expect(html('[电线]（[不合格]）', '电线 不合格')).toBe('<mark>电线</mark>（<mark>不合格</mark>）');
  });

  it('marks whole English words, and words separated by spaces as one run', () => {
    expect(html('POWER [CABLE]S FOR HOME', 'cable')).toBe('POWER <mark>CABLES</mark> FOR HOME');
    expect(html('Yixin [Cab]le Co., Ltd.', 'cab')).toBe('Yixin <mark>Cable</mark> Co., Ltd.');
    expect(html('[Lanyao] [Cable] [Co]., [Ltd].', 'Lanyao Cable Co Ltd')).toBe('<mark>Lanyao Cable</mark> Co., Ltd.');
    expect(html('Lanyao Cable', 'x')).toBe('Lanyao Cable');
  });

  it('does not stretch a Chinese mark into the Latin text beside it, nor the other way', () => {
    expect(html('[电缆]ABC', '电缆')).toBe('<mark>电缆</mark>ABC');
    expect(html('澜曜[ABC]', 'abc')).toBe('澜曜<mark>ABC</mark>');
  });

  it('escapes the text, marks included', () => {
    expect(html('<b>[A&B]</b> "x"', 'a&b')).toBe('&#60;b&#62;<mark>A&#38;B</mark>&#60;/b&#62; &#34;x&#34;');
    expect(highlightHtml(undefined, 'x')).toBeUndefined();
  });
});

describe('scoreThreshold', () => {
  it('applies to Chinese and to several words, not to one Latin word (its typos) or to an empty query', () => {
    expect(scoreThreshold('川煜')).toBe(MIN_SCORE);
    expect(scoreThreshold('电缆')).toBe(MIN_SCORE);
    expect(scoreThreshold('lanyao cabel')).toBe(MIN_SCORE);
    expect(scoreThreshold('cables')).toBeUndefined();
    expect(scoreThreshold('XC48V20')).toBeUndefined();
    expect(scoreThreshold('  ')).toBeUndefined();
  });
});
