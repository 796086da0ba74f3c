import { describe, it, expect } from 'vitest';
import { parseItem, parseResult, parseUnqualifiedItems, splitItems } from '../../core/normalize/index.ts';

describe('parseResult', () => {
  it('recognises Chinese and English verdicts', () => {
    for (const s of ['合格', '合格品', '符合', 'pass', 'Passed', 'QUALIFIED', 'conform', 'ＰＡＳＳ', ' 合格 ']) {
      expect(parseResult(s), s).toEqual({ ok: true, value: 'qualified' });
    }
    for (const s of ['不合格', '不合格品', '不符合', 'fail', 'FAILED', 'unqualified', 'nonconforming',
      'Non-conforming', '不合格。', '不\u200B合格']) {
      expect(parseResult(s), s).toEqual({ ok: true, value: 'unqualified' });
    }
  });
  it('rejects anything else', () => {
    expect(parseResult('')).toMatchObject({ ok: false });
    expect(parseResult('待定')).toMatchObject({ ok: false, reason: expect.stringMatching(/待定/) });
  });
});

describe('splitItems', () => {
  it('splits on all separators, trims, drops empties and keeps order', () => {
    expect(splitItems('标志、 绝缘厚度，导体电阻,  ;耐压试验；\n菌落总数\n')).toEqual(
      ['标志', '绝缘厚度', '导体电阻', '耐压试验', '菌落总数']);
    expect(splitItems('')).toEqual([]);
    expect(splitItems(null)).toEqual([]);
  });
  it('does not split inside brackets', () => {
    expect(splitItems('导体电阻(实测值: 0.52Ω/km, 标准值: ≤0.46Ω/km)、标志')).toEqual(
      ['导体电阻(实测值: 0.52Ω/km, 标准值: ≤0.46Ω/km)', '标志']);
  });
});

describe('parseItem / parseUnqualifiedItems', () => {
  it('extracts measured and required values', () => {
    expect(parseItem('导体电阻(实测值: 0.52Ω/km, 标准值: ≤0.46Ω/km)')).toEqual(
      { item: '导体电阻', measured: '0.52Ω/km', required: '≤0.46Ω/km' });
    expect(parseItem('菌落总数（检验结果：1,200CFU/g；标准要求：≤1000CFU/g）')).toEqual(
      { item: '菌落总数', measured: '1,200CFU/g', required: '≤1000CFU/g' });
    expect(parseItem('甲醛(实测值 0.3)')).toEqual({ item: '甲醛', measured: '0.3' });
  });
  it('keeps unlabeled brackets as part of the item', () => {
    expect(parseItem('标签(中文标识)')).toEqual({ item: '标签(中文标识)' });
    expect(parseItem('标志')).toEqual({ item: '标志' });
  });
  it('splits and parses a whole cell', () => {
    expect(parseUnqualifiedItems('导体电阻(实测值: 0.52Ω/km, 标准值: ≤0.46Ω/km)、标志')).toEqual([
      { item: '导体电阻', measured: '0.52Ω/km', required: '≤0.46Ω/km' },
      { item: '标志' },
    ]);
  });
});
