/**
 * A Chinese enterprise name in its four parts: 行政区划 + 字号 + 行业 + 组织形式 (region + trade name +
 * industry + legal form), for screening. Heuristic like companyCore (company.ts), but reads more
 * of what real registers and announcements print: regions below the county (镇, 乡, 街道, 村), banners
 * (旗) and prefecture-level cities not in the short list when a county follows them, shop forms
 * (经销部, 门市部, 总汇, 玩具城), and a longer list of industry words. The trade name is what tells
 * firms apart; everything else may be missing or written another way.
 */
import { foldedNameKey, FORM_INSIDE, FORM_SUFFIX, INDUSTRY_ONLY, PARENTHESIZED, REGION_PREFIX } from './company.ts';

/** Industry words, as they close the part before the legal form (电线电缆, 新能源科技…): stripped one by one from the end. */
export const INDUSTRY_WORDS = [...INDUSTRY_ONLY, '新能源', '新材料', '能源', '材料', '电线', '电力', '电机', '线缆', '光电', '信息', '技术', '网络',
  '智能', '设备', '器材', '用品', '日用品', '制品', '产品', '有限', '生物', '环保', '建设', '工程', '物流', '电子商务', '商务', '文化',
  '传媒', '进出口', '国际', '实业发展', '集团', '水产品', '水产', '塑胶', '机电', '摩托车', '检测', '玩具',
  // Trades of consumer goods, as spot checks name their makers and sellers.
  '五交化', '五金', '日杂', '百货', '超市', '工具', '电动工具', '劳防', '劳保', '防护', '安防', '头盔', '润滑油', '润滑', '油脂', '油品', '石油', '石化',
  '化学', '车业', '车辆', '电动车', '自行车', '电动自行车', '配件', '零部件', '制衣', '针织', '服饰', '时尚', '连锁', '鞋业', '皮革', '箱包', '家纺',
  '童装', '婴童', '母婴', '儿童', '生活', '日用', '体育', '运动', '户外', '西点', '糕点', '乳品', '肉制品', '调味品', '茶叶', '饮品', '礼品', '文具',
  '大型', '灯饰', '厨卫', '管业', '阀门', '轴承', '模具', '金属', '不锈钢', '铝业', '纸业', '卫生', '医疗', '器械', '仪器', '仪表', '电池', '电源',
  '开关', '插座', '线材', '眼镜', '钟表', '珠宝', '首饰', '乐器', '橡胶', '塑业', '轮胎', '化妆品', '洗涤', '饲料', '种业', '农资', '特种'].sort((a, b) => b.length - a.length);

/** Legal and shop forms besides companyCore's: sales offices (经销部), shops (门市), a trade's 城 (玩具城), and 部 closing a shop name. */
const MORE_FORMS = /(?:经销部|经销处|经营处|销售部|门市|总汇|(?<=玩具|家具|建材|灯饰|电器|服装|数码|五金)城|(?<![乐总])部)$/u;
/** A county-level city, county, district or banner opening a name on its own (兴化市, 万荣县, 澄海区, 乌审旗), not 市场, 市政 or 区块. */
const LEADING_COUNTY = /^(?:\p{Script=Han}{2}(?:市(?![场政])|县|区(?!块))|\p{Script=Han}{2,4}?旗)/u;
/** A prefecture-level city missing from the short list, taken only when a county-level unit follows it (鄂尔多斯市乌审旗, 安阳市文峰区). */
const CITY_THEN_COUNTY = /^\p{Script=Han}{2,4}?市(?=\p{Script=Han}{2,5}?(?:县|区(?!块)|旗))/u;
/** Below a county: a town, township, sub-district or village (万荣县城镇, 潘集区田集街道, 万荣县高村). */
const TOWNSHIP = /^\p{Script=Han}{1,3}?(?:街道|镇|乡|村)/u;
/** A county-level unit after a province or city (慈溪市, 余杭区, 乌审旗), not 市场 or 区块. */
const COUNTY_AFTER = /^(?:\p{Script=Han}{2}(?:市(?!场)|县|区(?!块))|\p{Script=Han}{2,4}?旗)/u;
/** Placeholders published instead of a name (某某, XX, ××): a part made only of them names nobody. */
const PLACEHOLDER = /^(?:某+|x+|×+|\*+|○+)$/;
/** A region in brackets: a known one, China, or any name ending in 省, 市, 县, 区, 旗. */
const BRACKETED_REGION = /^(?:中国|\p{Script=Han}{2,6}(?:省|市|县|区|旗))$/u;

/** A Chinese enterprise name in its four parts (行政区划 + 字号 + 行业 + 组织形式), folded; `branch` is what follows a parent's legal form (杭州分公司). */
export interface CompanyNameParts {
  region: string;
  tradeName: string;
  industry: string;
  form: string;
  branch: string;
}

/** The region at the start of `rest`: province and city from the lists, or a city followed by a county, then a county, then a township. */
function leadingRegion(rest: string): string {
  let region = REGION_PREFIX.exec(rest)?.[0] ?? '';
  if (!region && rest.startsWith('中国')) region = '中国';
  if (!region) region = CITY_THEN_COUNTY.exec(rest)?.[0] ?? '';
  let county = '';
  // Up to two county-level units (河南安阳市文峰区: a city, then a district).
  for (let k = 0; k < 2; k++) {
    const unit = (region ? COUNTY_AFTER : LEADING_COUNTY).exec(rest.slice(region.length))?.[0] ?? '';
    if (!unit || rest.length - region.length - unit.length < 2) break;
    (region += unit), (county = unit);
  }
  // A township only after a county-level unit, and only when a name of two characters or more is left.
  const town = county ? (TOWNSHIP.exec(rest.slice(region.length))?.[0] ?? '') : '';
  if (town && rest.length - region.length - town.length >= 2) region += town;
  return region;
}

/**
 * Parses `乔丹(厦门)实业有限公司` into region 厦门, trade name 乔丹, industry 实业, form 有限公司,
 * and `深圳市金航宇电线电缆有限公司` into 深圳市 / 金航宇 / 电线电缆 / 有限公司. A region may stand in
 * brackets anywhere; when only industry words follow a region, the region is the trade name
 * (杭州电缆股份有限公司). A name of only region, industry and form (电线电缆有限公司, 某某公司) has
 * an empty trade name: it names no one in particular.
 */
export function companyNameParts(name: string): CompanyNameParts {
  let rest = foldedNameKey(name).replace(/[·•・]/g, '');
  let region = '';
  rest = rest.replace(PARENTHESIZED, (inner) => {
    const text = inner.slice(1, -1);
    if (!region && text.length > 0 && (REGION_PREFIX.exec(text)?.[0] === text || BRACKETED_REGION.test(text))) region = text;
    return '';
  });
  let branch = '';
  const inside = FORM_INSIDE.exec(rest);
  if (inside && inside.index >= 2 && inside.index + inside[0].length < rest.length) {
    branch = rest.slice(inside.index + inside[0].length);
    rest = rest.slice(0, inside.index + inside[0].length);
  }
  let form = '';
  for (let previous = ''; previous !== rest; ) {
    previous = rest;
    const m = FORM_SUFFIX.exec(rest) ?? (rest.length > 3 ? MORE_FORMS.exec(rest) : null);
    if (m) (form = m[0] + form), (rest = rest.slice(0, m.index));
  }
  const prefix = leadingRegion(rest);
  let afterRegion = rest.slice(prefix.length);
  let industry = '';
  for (let found = true; found; ) {
    found = false;
    for (const word of INDUSTRY_WORDS) {
      if (afterRegion.endsWith(word) && afterRegion.length > word.length) {
        (industry = word + industry), (afterRegion = afterRegion.slice(0, -word.length)), (found = true);
        break;
      }
    }
  }
  if (INDUSTRY_WORDS.includes(afterRegion)) (industry = afterRegion + industry), (afterRegion = '');
  let tradeName = PLACEHOLDER.test(afterRegion) ? '' : afterRegion;
  region = region || prefix;
  // 杭州电缆股份有限公司 is "Hangzhou Cable": with nothing but industry (or nothing) after it, the region is the trade name.
  if (!tradeName && !afterRegion && prefix) (tradeName = prefix.replace(/(?:省|市|地区)$/, '')), (region = '');
  return { region, tradeName, industry, form, branch };
}
