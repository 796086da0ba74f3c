import { describe, it, expect } from 'vitest';
import { cleanCell, normalizeName, stripInvisible, toHalfWidth } from '../../core/normalize/index.ts';

describe('toHalfWidth', () => {
  it('maps full-width ASCII and the ideographic space', () => {
    expect(toHalfWidth('ＡＢＣ１２３（）！～')).toBe('ABC123()!~');
    expect(toHalfWidth('甲\u3000乙')).toBe('甲 乙');
  });
  it('leaves Chinese text and length alone', () => {
    const s = '浙江１２３有限公司';
    expect(toHalfWidth(s)).toBe('浙江123有限公司');
    expect(toHalfWidth(s)).toHaveLength(s.length);
  });
});

describe('stripInvisible', () => {
  it('removes zero-width and other format characters', () => {
    expect(stripInvisible('a\u200Bb\u200Cc\u200Dd\u2060e\uFEFFf\u00ADg\u200Eh')).toBe('abcdefgh');
  });
});

describe('normalizeName', () => {
  it('matches the same company typed differently', () => {
    const forms = [
      '杭州某某电器（集团）有限公司',
      '杭州某某电器(集团)有限公司',
      ' 杭州某某电器 （集团） 有限公司\u200B',
      '杭州某某电器\u3000(集团)有限公司',
    ];
    const keys = new Set(forms.map(normalizeName));
    expect([...keys]).toEqual(['杭州某某电器(集团)有限公司']);
  });
  it('folds full width and Latin case', () => {
    expect(normalizeName('ＡＢＣ Trading Co., Ltd.')).toBe('abctradingco.,ltd.');
    expect(normalizeName('abc trading CO., LTD.')).toBe('abctradingco.,ltd.');
  });
});

describe('cleanCell', () => {
  it('returns empty string for null and undefined', () => {
    expect(cleanCell(null)).toBe('');
    expect(cleanCell(undefined)).toBe('');
  });
  it('trims, strips invisibles and collapses spaces but keeps the original form', () => {
    expect(cleanCell('  \uFEFF某某（集团）  有限公司\u200B  ')).toBe('某某（集团） 有限公司');
    expect(cleanCell('ＡＢＣ')).toBe('ＡＢＣ');
  });
  it('keeps one line break per run', () => {
    expect(cleanCell('第一行 \r\n\r\n  第二行')).toBe('第一行\n第二行');
  });
  it('stringifies numbers', () => {
    expect(cleanCell(12.5)).toBe('12.5');
  });
});
