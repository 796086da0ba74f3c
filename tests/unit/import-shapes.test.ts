import { describe, expect, it } from 'vitest';
import { totalsInText } from '../../ingest/announcements.ts';
import { headerKey } from '../../ingest/map-headers.ts';
import { classifyRow, resultNamedBy, sectionName } from '../../ingest/row-kinds.ts';
import { parseBatch } from '../../core/normalize/dates.ts';
import { amountsInText, chineseNumeral } from '../../core/normalize/money.ts';
import { parseUnqualifiedItems } from '../../core/normalize/result-values.ts';
import { parsePublishedUscc, parseUscc } from '../../core/normalize/uscc.ts';
import { findCategory, placeOfAuthority } from '../../core/taxonomy.ts';

describe('shapes of real publications', () => {
  it('compares headers without spaces, brackets or the 标称 / 标识标注的 prefixes', () => {
    expect(headerKey('标识标注的生产单位')).toBe(headerKey('生产单位'));
    expect(headerKey('标称生产单位')).toBe(headerKey('生产单位'));
    expect(headerKey('生产日期 /批号')).toBe(headerKey('生产日期/批号'));
    expect(headerKey('法定代表人(负责人)姓名')).toBe(headerKey('法定代表人（负责人）姓名'));
    expect(headerKey('样品标称名称')).toBe(headerKey('样品名称'));
  });

  it('reads batch forms seen in real files', () => {
    expect(parseBatch('2020.12')).toEqual({ text: '2020.12', month: '2020-12' });
    expect(parseBatch('2021.2')).toEqual({ text: '2021.2', month: '2021-02' });
    expect(parseBatch('2023.03.17//')).toEqual({ text: '2023.03.17//', date: '2023-03-17' });
    expect(parseBatch('25/09/04')).toEqual({ text: '25/09/04', date: '2025-09-04' });
    expect(parseBatch('2025年5月20日').date).toBe('2025-05-20');
    expect(parseBatch('/')).toEqual({ text: '' });
    expect(parseBatch('2023-05-16/W003020')).toEqual({ text: '2023-05-16/W003020', date: '2023-05-16' });
  });

  it('reads fines written only inside the penalty text; what it cannot read is not published, not 0', () => {
    expect(amountsInText('1.没收铜软线180米; 2.没收违法所得96元; 3.罚款1700元。')).toEqual({ fine: 1700, confiscated: 96 });
    expect(amountsInText('罚款人民币1.2万元')).toEqual({ fine: 12000, confiscated: null });
    expect(amountsInText('处以叁仟元罚款')).toEqual({ fine: 3000, confiscated: null });
    expect(amountsInText('责令改正，并处货值金额二倍的罚款')).toEqual({ fine: null, confiscated: null });
    expect(amountsInText('罚没款合计3000元，其中罚款2000元')).toEqual({ fine: 2000, confiscated: null });
    expect(chineseNumeral('壹万贰仟伍佰')).toBe(12500);
  });

  it('keeps partly masked identifiers masked, and names the check character only for complete codes', () => {
    expect(parsePublishedUscc('92640********E416F')).toEqual({ ok: true, value: '92640********E416F' });
    expect(parsePublishedUscc('91350100M000100Y43')).toEqual({ ok: true, value: '91350100M000100Y43' });
    const wrong = parseUscc('911100001000013009');
    expect(wrong.ok === false && wrong.reason).toMatch(/expected/);
    const masked = parsePublishedUscc('9264*');
    expect(masked.ok === false && masked.reason).not.toMatch(/check character/);
  });

  it('takes the safety marker * as a flag, not as part of the item', () => {
    expect(parseUnqualifiedItems('闪点（闭口）*,模拟进气阀沉积物质量')).toEqual([
      { item: '闪点（闭口）', safety: true }, { item: '模拟进气阀沉积物质量' },
    ]);
  });

  it('tells section rows, footnotes and repeated headers from data', () => {
    const headers = ['序号', '产品名称', '生产企业', '不合格项目'];
    expect(classifyRow(headers, ['1、柴油机油、汽油机油', '', '', ''])).toEqual({ kind: 'section', text: '1、柴油机油、汽油机油' });
    expect(sectionName('1、柴油机油、汽油机油')).toBe('柴油机油、汽油机油');
    expect(classifyRow(headers, ['注：带*为安全项目', '', '', '']).kind).toBe('footnote');
    expect(classifyRow(headers, ['序号', '产品名称', '生产企业', '不合格项目']).kind).toBe('header');
    expect(classifyRow(headers, ['', '', '', '标志']).kind).toBe('data');
    expect(resultNamedBy('2024年车用汽油清净剂产品质量国家监督抽查不合格产品名单')).toBe('unqualified');
    expect(resultNamedBy('一、合格产品')).toBe('qualified');
    expect(resultNamedBy('抽查合格及不合格产品名单')).toBeUndefined();
  });

  it('reads the totals an announcement prints', () => {
    expect(totalsInText(['共抽查200批次，发现不合格12批次'])).toMatchObject({ tested: 200, failed: 12 });
    expect(totalsInText(['共抽查4687家企业生产的4796批次产品。检出463批次产品不合格。'])).toMatchObject({ tested: 4796, failed: 463 });
    expect(totalsInText(['本次共抽查37批次产品，未发现不合格产品。'])).toMatchObject({ tested: 37, failed: 0 });
    expect(totalsInText(['共抽检31批次，合格21批次'])).toMatchObject({ tested: 31, failed: 10 });
    expect(totalsInText(['关于电线电缆的通告'])).toEqual({});
  });

  it('knows the place and level an authority serves, and maps product kinds onto the taxonomy', () => {
    expect(placeOfAuthority('天津市河东区市场和质量监督管理局')).toEqual({ code: '120102', level: 'county' });
    expect(placeOfAuthority('怀远县市场监督管理局')).toEqual({ code: '340321', level: 'county' });
    expect(placeOfAuthority('厦门市市场监督管理局')).toEqual({ code: '350200', level: 'municipal' });
    expect(placeOfAuthority('上海市市场监督管理局')).toEqual({ code: '310000', level: 'provincial' });
    expect(placeOfAuthority('国家市场监督管理总局')?.level).toBe('national');
    expect(findCategory('车用汽油清净剂')?.slug).toBe('gasoline-detergent-additives');
    expect(findCategory('柴油机油、汽油机油')?.slug).toBe('lubricating-oils');
    expect(findCategory('飞行汽车')).toBeUndefined();
  });
});
