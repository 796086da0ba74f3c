import { describe, expect, it } from 'vitest';
import { balanceBrackets, isNamedOrganisation, parseParties } from '../../core/normalize/parties.ts';
import { brandNames, isPlaceholder } from '../../core/normalize/placeholders.ts';

describe('parties named in one cell, with their roles', () => {
  it('reads the annotations of the Tianjin Hedong list (real cells)', () => {
    expect(parseParties('宁波迪迪鹿儿童用品有限公司(标称)', 'manufacturer')).toEqual([
      { name: '宁波迪迪鹿儿童用品有限公司', role: 'manufacturer', annotation: '标称' },
    ]);
    expect(parseParties('天津童伊汇服饰有限公司(标称)/天津童伊汇服饰连锁有限公司(标称经销商)', 'manufacturer')).toEqual([
      { name: '天津童伊汇服饰有限公司', role: 'manufacturer', annotation: '标称' },
      { name: '天津童伊汇服饰连锁有限公司', role: 'distributor', annotation: '标称经销商' },
    ]);
    expect(parseParties('深圳市西遇时尚服饰有限公司(标称经销商)', 'manufacturer')).toEqual([
      { name: '深圳市西遇时尚服饰有限公司', role: 'distributor', annotation: '标称经销商' },
    ]);
    expect(parseParties('阿迪达斯体育(中国)有限公司(标称进口商)', 'manufacturer')).toEqual([
      { name: '阿迪达斯体育(中国)有限公司', role: 'importer', annotation: '标称进口商' },
    ]);
  });

  it('keeps brackets that are part of a name and drops a stray closing bracket', () => {
    expect(parseParties('甜维你(上海)商贸有限公司(标称)', 'manufacturer')[0]!.name).toBe('甜维你(上海)商贸有限公司');
    expect(parseParties('乔丹(厦门)实业有限公司', 'manufacturer')).toEqual([{ name: '乔丹(厦门)实业有限公司', role: 'manufacturer' }]);
    expect(parseParties('伍尔特（中国）有限公司）', 'manufacturer')).toEqual([{ name: '伍尔特（中国）有限公司', role: 'manufacturer' }]);
    expect(balanceBrackets('（某公司')).toBe('某公司');
  });

  it('splits entrusted production into the nominal manufacturer and the producer', () => {
    expect(parseParties('甲日化有限公司（委托乙化妆品有限公司生产）', 'manufacturer')).toEqual([
      { name: '甲日化有限公司', role: 'manufacturer', annotation: '委托乙化妆品有限公司生产' },
      { name: '乙化妆品有限公司', role: 'producer', annotation: '委托乙化妆品有限公司生产' },
    ]);
    expect(parseParties('甲日化有限公司（受托方：乙化妆品有限公司）', 'manufacturer').map((p) => [p.name, p.role])).toEqual([
      ['甲日化有限公司', 'manufacturer'], ['乙化妆品有限公司', 'producer'],
    ]);
    expect(parseParties('委托方：甲食品有限公司 受托方：乙食品厂', 'manufacturer').map((p) => [p.name, p.role])).toEqual([
      ['甲食品有限公司', 'manufacturer'], ['乙食品厂', 'producer'],
    ]);
    expect(parseParties('乙食品厂（受托）', 'manufacturer')).toEqual([{ name: '乙食品厂', role: 'producer', annotation: '受托' }]);
    expect(parseParties('甲公司（委托方）', 'manufacturer')).toEqual([{ name: '甲公司', role: 'manufacturer', annotation: '委托方' }]);
  });

  it('gives nothing for placeholders and the column role to plain names', () => {
    for (const cell of ['/', '—', '无', '', '  ', '\\', '不详']) expect(parseParties(cell, 'manufacturer')).toEqual([]);
    expect(parseParties('某某超市', 'sampled')).toEqual([{ name: '某某超市', role: 'sampled' }]);
  });

  it('links only organisations named in full', () => {
    expect(isNamedOrganisation('山东天猫线缆有限公司')).toBe(true);
    for (const name of ['某电缆有限公司', '颜某某', 'XX公司', '海陵区某电器商行', '张**']) expect(isNamedOrganisation(name)).toBe(false);
  });
});

describe('placeholders and brands', () => {
  it('never takes a placeholder or a graphic mark for a brand', () => {
    expect(brandNames('图形＋静魔')).toEqual(['静魔']);
    expect(brandNames('图形＋图文＋赛龙')).toEqual(['赛龙']);
    expect(brandNames('图形+MAPATON 迈巴顿')).toEqual(['MAPATON 迈巴顿']);
    for (const b of ['（图形）', '/', '—', '无', '图形']) expect(brandNames(b)).toEqual([]);
    expect(isPlaceholder('标志')).toBe(false);
  });
});
