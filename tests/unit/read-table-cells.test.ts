import { describe, expect, it } from 'vitest';
import { cellText, isDateFormat, plainNumber } from '../../ingest/read-xlsx.ts';

describe('plainNumber', () => {
  it('writes plain decimals without exponent', () => {
    expect(plainNumber(1.5)).toBe('1.5');
    expect(plainNumber(12)).toBe('12');
    expect(plainNumber(-1.25)).toBe('-1.25');
    expect(plainNumber(0)).toBe('0');
    expect(plainNumber(-0)).toBe('0');
    expect(plainNumber(1e21)).toBe('1000000000000000000000');
    expect(plainNumber(1.5e-7)).toBe('0.00000015');
    expect(plainNumber(0.000001)).toBe('0.000001');
  });

  it('drops binary noise beyond the 15 significant digits Excel keeps', () => {
    expect(plainNumber(0.1 + 0.2)).toBe('0.3');
    expect(plainNumber(1.1 * 3)).toBe('3.3');
    expect(plainNumber(2000.0000000000002)).toBe('2000');
    expect(plainNumber(12345.67)).toBe('12345.67');
    // An 18-digit code stored as a number has already lost its last digits in Excel too.
    expect(plainNumber(913501001234567890)).toBe('913501001234568000');
  });

  it('gives nothing for non-finite values', () => {
    expect(plainNumber(Number.NaN)).toBe('');
    expect(plainNumber(Infinity)).toBe('');
  });
});

describe('isDateFormat', () => {
  it('recognises date formats, ignoring quoted text, [..] sections and escapes', () => {
    for (const f of ['yyyy-mm-dd', 'mm-dd-yy', 'yyyy/m/d', 'yyyy"年"m"月"d"日"', '[$-804]yyyy"年"m"月"d"日";@', 'yyyy-mm-dd hh:mm']) {
      expect(isDateFormat(f), f).toBe(true);
    }
    for (const f of [undefined, '', 'General', '0.00', '#,##0.00"元"', '0.00%', '0.00E+00', '#,##0;[Red]-#,##0', '@', '0_);(0)', '"年份"0']) {
      expect(isDateFormat(f), String(f)).toBe(false);
    }
  });
});

describe('cellText', () => {
  it('keeps strings and text stored as text as they are', () => {
    expect(cellText('９１３５０１００Ｍ０００１００Ｙ４３', undefined)).toBe('９１３５０１００Ｍ０００１００Ｙ４３');
    expect(cellText('913501001234567890', '@')).toBe('913501001234567890');
    expect(cellText("=cmd|' /C calc'!A0", undefined)).toBe("=cmd|' /C calc'!A0");
  });

  it('formats dates from their UTC parts, keeping a time of day when there is one', () => {
    expect(cellText(new Date(Date.UTC(2023, 5, 14)), 'mm-dd-yy')).toBe('2023-06-14');
    expect(cellText(new Date(Date.UTC(2023, 5, 14, 9, 30)), 'yyyy-mm-dd hh:mm')).toBe('2023-06-14 09:30:00');
    expect(cellText(new Date(Number.NaN), 'yyyy-mm-dd')).toBe('');
  });

  it('turns serial numbers in date-formatted cells into dates (1900 and 1904 systems)', () => {
    expect(cellText(45091, 'yyyy"年"m"月"d"日"')).toBe('2023-06-14');
    expect(cellText(45091, 'yyyy-mm-dd', true)).toBe('2027-06-15');
    expect(cellText(45091.5, 'yyyy-mm-dd hh:mm')).toBe('2023-06-14 12:00:00');
    expect(cellText(45091, 'General')).toBe('45091');
    expect(cellText(45091, undefined)).toBe('45091');
  });

  it('gives formulas their cached result and never the formula', () => {
    expect(cellText({ formula: 'ROW()-4', result: 1 }, undefined)).toBe('1');
    expect(cellText({ sharedFormula: 'A5', result: 2 }, undefined)).toBe('2');
    expect(cellText({ formula: '', result: 7 }, undefined)).toBe('7'); // how exceljs streams a shared-formula child
    expect(cellText({ formula: '0.1+0.2', result: 0.30000000000000004 }, undefined)).toBe('0.3');
    expect(cellText({ formula: 'DATE(2023,3,15)', result: 45000 }, 'yyyy-mm-dd')).toBe('2023-03-15');
    expect(cellText({ formula: 'TODAY()', result: new Date(Date.UTC(2024, 0, 2)) }, 'yyyy-mm-dd')).toBe('2024-01-02');
    expect(cellText({ formula: "cmd|' /C calc'!A0" }, undefined)).toBe('');
    expect(cellText({ formula: "cmd|' /C calc'!A0", result: Number.NaN }, undefined)).toBe('');
    expect(cellText({ formula: "cmd|' /C calc'!A0", result: { error: '#REF!' } }, undefined)).toBe('');
    expect(cellText({ formula: 'A1&"号"', result: '第12号' }, undefined)).toBe('第12号');
  });

  it('flattens rich text and hyperlinks, and empties error values', () => {
    expect(cellText({ richText: [{ text: '控制', font: { bold: true } }, { text: '电缆' }] }, undefined)).toBe('控制电缆');
    expect(cellText({ text: '青岚市产品质量检验研究院', hyperlink: 'https://example.org' }, undefined)).toBe('青岚市产品质量检验研究院');
    expect(cellText({ text: { richText: [{ text: '链' }, { text: '接' }] }, hyperlink: 'https://example.org' }, undefined)).toBe('链接');
    expect(cellText({ error: '#N/A' }, undefined)).toBe('');
    expect(cellText(null, undefined)).toBe('');
    expect(cellText(true, undefined)).toBe('TRUE');
  });
});
