import { describe, expect, it } from 'vitest';
import { compareBatch, parseBatch } from '../../core/text/batch.ts';
import { barcodeNumbers, compareKeys, gtinSpellings, parseGtin, productKeys } from '../../core/text/product-keys.ts';

/** Brand, model, batch and barcode strings as real publications print them (tests/fixtures/real/, /work/shared/datasets/). */
describe('product keys', () => {
  it('splits a model into its whole and its bracketed or listed alternatives', () => {
    expect(productKeys('DOT4（HZY4）')).toEqual(['dot4hzy4', 'dot4', 'hzy4']);
    expect(productKeys('L-HM46 净含量:4L(普通）')).toEqual(['lhm46净含量4l普通', 'lhm46净含量4l', '普通']);
    expect(productKeys('F-Type, F-Pace, XE, XF')).toEqual(['ftypefpacexexf', 'ftype', 'fpace', 'xe', 'xf']);
    expect(productKeys('KTM 450 XC-F; HQV FC 250; HQV FC 350')).toEqual(['ktm450xcfhqvfc250hqvfc350', 'ktm450xcf', 'hqvfc250', 'hqvfc350']);
    expect(productKeys('GL-5 85W-90')).toEqual(['gl585w90']);
  });

  it('drops a trademark’s graphic element and marks such as ®', () => {
    expect(productKeys('图形＋静魔')).toEqual(['图形静魔', '静魔']);
    expect(productKeys('太阳红·小公主®')).toEqual(['太阳红小公主']);
    expect(productKeys('\\')).toEqual([]);
  });

  it('compares models: equal, normalised-equal after width, case, spacing, hyphens and brackets, or different', () => {
    expect(compareKeys('DOT4（HZY4）', 'DOT4（HZY4）')).toBe('equal');
    for (const variant of ['DOT4', 'dot 4', 'ＤＯＴ４', 'HZY-4', 'DOT4(HZY4)', 'DOT4 / HZY4']) expect(compareKeys(variant, 'DOT4（HZY4）'), variant).toBe('normalised-equal');
    expect(compareKeys('DOT3', 'DOT4（HZY4）')).toBe('different');
    expect(compareKeys('TX688-4', 'TX688－4')).toBe('normalised-equal');
    expect(compareKeys('134-43', '134-42')).toBe('different');
    expect(compareKeys('F-PACE', 'F-Type, F-Pace, XE, XF')).toBe('normalised-equal');
    expect(compareKeys('L-HM46 净含量:4L', 'L-HM46 净含量:4L(普通）')).toBe('normalised-equal');
  });

  it('lets no size or short fragment stand for a model: 120 is not 120/28, 48 is not 66/48;73/48', () => {
    expect(compareKeys('120', '120/28')).toBe('different');
    expect(compareKeys('48', '66/48;73/48')).toBe('different');
    expect(compareKeys('XF', 'F-Type, F-Pace, XE, XF')).toBe('different');
    expect(compareKeys('110/56M', '110/56M')).toBe('equal');
  });

  it('folds traditional script and full width in brands', () => {
    expect(compareKeys('鴻達', '鸿达')).toBe('normalised-equal');
    expect(compareKeys('ＯＰＥＬ', 'Opel')).toBe('normalised-equal');
    expect(compareKeys('静魔', '图形＋静魔')).toBe('normalised-equal');
    expect(compareKeys('赛龙', '图形＋图文＋赛龙')).toBe('normalised-equal');
  });
});

describe('batches', () => {
  it('reads production dates, lots and ranges as published', () => {
    expect(parseBatch('2023.03.17//')).toEqual({ dates: [{ from: '2023-03-17', to: '2023-03-17' }], lots: [] });
    expect(parseBatch('2023-05-16/W003020')).toEqual({ dates: [{ from: '2023-05-16', to: '2023-05-16' }], lots: ['w003020'] });
    expect(parseBatch('2025.2.20/SH2502043')).toEqual({ dates: [{ from: '2025-02-20', to: '2025-02-20' }], lots: ['sh2502043'] });
    expect(parseBatch('20200609').dates).toEqual([{ from: '2020-06-09', to: '2020-06-09' }]);
    // A lot that looks like a year is a lot (Huainan 2018: 2421, 17-6053).
    expect(parseBatch('2421')).toEqual({ dates: [], lots: ['2421'] });
    expect(parseBatch('17-6053')).toEqual({ dates: [], lots: ['176053'] });
    expect(parseBatch('8.12.2007 to 26.7.2013').range).toEqual({ from: '2007-12-08', to: '2013-07-26' });
    expect(parseBatch('20.05.2009 - 28.03.2011').range).toEqual({ from: '2009-05-20', to: '2011-03-28' });
    expect(parseBatch('02/2005 - 07/2022').range).toEqual({ from: '2005-02-01', to: '2022-07-31' });
    expect(parseBatch('2019 - 2023').range).toEqual({ from: '2019-01-01', to: '2023-12-31' });
    expect(parseBatch('MY 2021\nMY 2022\nMY2020').dates.map((d) => d.from)).toEqual(['2021-01-01', '2022-01-01', '2020-01-01']);
    expect(parseBatch('\\')).toEqual({ dates: [], lots: [] });
  });

  it('compares a listing’s batch: equal, normalised-equal, in-range, different, not-given', () => {
    expect(compareBatch('2023.03.17//', '2023.03.17//')).toBe('equal');
    expect(compareBatch('20230317', '2023.03.17//')).toBe('normalised-equal');
    expect(compareBatch('2023年3月17日', '2023.03.17//')).toBe('normalised-equal');
    expect(compareBatch('W003020', '2023-05-16/W003020')).toBe('normalised-equal');
    expect(compareBatch('2010-05-01', '8.12.2007 to 26.7.2013')).toBe('in-range');
    expect(compareBatch('2022-03', '2019 - 2023')).toBe('in-range');
    expect(compareBatch('2015-05-01', '8.12.2007 to 26.7.2013')).toBe('different');
    expect(compareBatch('2023-03-18', '2023.03.17//')).toBe('different');
    expect(compareBatch('2023-03-17', null, '2023-03-17')).toBe('normalised-equal');
    expect(compareBatch(undefined, '2023.03.17//')).toBe('not-given');
    expect(compareBatch('2023-03-17', '\\')).toBe('not-given');
  });
});

describe('GTINs', () => {
  it('checks the check digit of real UPCs (US CPSC recalls) and refuses other lengths', () => {
    expect(parseGtin('059584052301')).toEqual({ ok: true, value: '59584052301' });
    expect(parseGtin('018285004224')).toEqual({ ok: true, value: '18285004224' });
    expect(parseGtin('0 59584 05230 1')).toEqual({ ok: true, value: '59584052301' });
    expect(parseGtin('059584052302')).toEqual({ ok: false, reason: 'check digit is 2, expected 1' });
    expect(parseGtin('8707870122')).toMatchObject({ ok: false, reason: expect.stringContaining('10 digits') });
    expect(parseGtin('ABC')).toMatchObject({ ok: false });
  });

  it('spells a GTIN at every length and reads the numbers of a barcodes cell', () => {
    expect(gtinSpellings('59584052301')).toEqual(['059584052301', '0059584052301', '00059584052301']);
    expect(barcodeNumbers('026669082492\n026669082522, 12345')).toEqual(['026669082492', '026669082522']);
  });
});
