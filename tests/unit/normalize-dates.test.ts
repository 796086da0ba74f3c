import { describe, it, expect } from 'vitest';
import { parseBatch, parseDate } from '../../core/normalize/index.ts';

const iso = (value: string) => ({ ok: true, value });

describe('parseDate', () => {
  it('accepts the publishers\' formats', () => {
    for (const s of ['2023-06-14', '2023/6/14', '2023.06.14', '2023年6月14日', '２０２３年６月１４日',
      '２０２３－０６－１４', '2023-06-14 10:20:30', '2023-06-14T00:00:00Z', '20230614', ' 2023 年 6 月 14 日 ']) {
      expect(parseDate(s), s).toEqual(iso('2023-06-14'));
    }
  });
  it('converts Excel serial numbers (1900 system, leap-year bug)', () => {
    expect(parseDate(45091)).toEqual(iso('2023-06-14'));
    expect(parseDate('45091')).toEqual(iso('2023-06-14'));
    expect(parseDate(45091.75)).toEqual(iso('2023-06-14'));
    expect(parseDate(61)).toMatchObject({ ok: false }); // 1900-03-01 is implausible here
    expect(parseDate(25569)).toEqual(iso('1970-01-01'));
  });
  it('rejects implausible serials and bare years', () => {
    expect(parseDate(2023)).toMatchObject({ ok: false });
    expect(parseDate('2023')).toMatchObject({ ok: false });
    expect(parseDate(1e9)).toMatchObject({ ok: false });
  });
  it('accepts Date objects at UTC or local midnight', () => {
    expect(parseDate(new Date(Date.UTC(2023, 5, 14)))).toEqual(iso('2023-06-14'));
    expect(parseDate(new Date(2023, 5, 14))).toEqual(iso('2023-06-14'));
    expect(parseDate(new Date('invalid'))).toMatchObject({ ok: false });
  });
  it('rejects impossible dates with a reason', () => {
    const r = parseDate('2023-02-30');
    expect(r).toEqual({ ok: false, reason: 'impossible date 2023-02-30: February 2023 has 28 days' });
    expect(parseDate('2024-02-29')).toEqual(iso('2024-02-29'));
    expect(parseDate('2023/13/01')).toMatchObject({ ok: false, reason: expect.stringMatching(/no month 13/) });
    expect(parseDate('20230230')).toMatchObject({ ok: false });
  });
  it('rejects text that is not a date', () => {
    expect(parseDate('')).toMatchObject({ ok: false });
    expect(parseDate('B230502')).toMatchObject({ ok: false, reason: expect.stringMatching(/not a recognised date/) });
    expect(parseDate('2023-06-14/B1')).toMatchObject({ ok: false });
  });
});

describe('parseBatch', () => {
  it('keeps the text and extracts a leading date', () => {
    expect(parseBatch('2023-05-02/B230502')).toEqual({ text: '2023-05-02/B230502', date: '2023-05-02' });
    expect(parseBatch('2023年5月2日')).toEqual({ text: '2023年5月2日', date: '2023-05-02' });
    expect(parseBatch(' ２０２３／０５／０２ 批号 X ')).toEqual({ text: '２０２３／０５／０２ 批号 X', date: '2023-05-02' });
    expect(parseBatch('20230502 B1')).toEqual({ text: '20230502 B1', date: '2023-05-02' });
  });
  it('returns text only when there is no valid leading date', () => {
    expect(parseBatch('B230502')).toEqual({ text: 'B230502' });
    expect(parseBatch('20230502001')).toEqual({ text: '20230502001' });
    expect(parseBatch('2023-02-30/B1')).toEqual({ text: '2023-02-30/B1' });
    expect(parseBatch(null)).toEqual({ text: '' });
  });
  it('accepts Date objects', () => {
    expect(parseBatch(new Date(Date.UTC(2023, 4, 2)))).toEqual({ text: '2023-05-02', date: '2023-05-02' });
  });
});
