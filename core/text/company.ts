/**
 * The "core" of a Chinese enterprise name: what people actually remember and type.
 * A registered name is 行政区划 + 字号 + 行业 + 组织形式 (region + trade name + industry + legal
 * form), e.g. 浙江省 + 鸿达 + 电缆 + 有限公司. Consumers type 鸿达电缆 or just 鸿达, so the core
 * (trade name + industry) feeds pinyin variants and screening. Heuristic by design: a short
 * list of region names and legal forms covers the vast majority of published names.
 */
import { normalizeName } from '../normalize/text.ts';
import { pinyin } from 'pinyin-pro';
import { foldForIndex } from './chinese.ts';

/** The 34 province-level divisions (short forms; the official suffix is matched separately). */
export const PROVINCES =
  '北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 ' +
  '广东 海南 四川 贵州 云南 陕西 甘肃 青海 台湾 内蒙古 广西 西藏 宁夏 新疆 香港 澳门';

/**
 * Common prefecture-level cities with two-character names, as they open enterprise names.
 * Names that are also frequent trade names on their own are left out (大同, 中山, 白银, 长城…).
 */
export const CITIES =
  '石家庄 唐山 保定 邯郸 廊坊 沧州 邢台 太原 沈阳 大连 鞍山 长春 哈尔滨 大庆 南京 无锡 徐州 ' +
  '常州 苏州 南通 扬州 镇江 泰州 盐城 淮安 连云港 宿迁 杭州 宁波 温州 嘉兴 湖州 绍兴 金华 ' +
  '衢州 舟山 台州 丽水 义乌 慈溪 余姚 永康 乐清 瑞安 合肥 芜湖 蚌埠 安庆 阜阳 福州 厦门 泉州 ' +
  '漳州 莆田 南昌 赣州 济南 青岛 淄博 烟台 潍坊 济宁 临沂 威海 德州 聊城 菏泽 郑州 洛阳 ' +
  '新乡 南阳 许昌 武汉 宜昌 襄阳 长沙 株洲 湘潭 衡阳 广州 深圳 珠海 汕头 佛山 江门 湛江 ' +
  '茂名 惠州 东莞 潮州 揭阳 南宁 柳州 桂林 海口 三亚 成都 绵阳 宜宾 贵阳 遵义 昆明 西安 ' +
  '兰州 西宁 银川 乌鲁木齐 拉萨 呼和浩特 包头';

/** Official suffixes after a province or city name, longest first. */
const REGION_SUFFIX =
  '(?:壮族自治区|回族自治区|维吾尔自治区|特别行政区|自治区|省|市)?';

/**
 * Province, then optionally a city, then optionally one more 2-character county-level unit
 * with an explicit 市/县/区 (浙江省慈溪市…, 杭州市余杭区…). The extra unit is only taken
 * after a known province or city, because "XX市" alone is often part of a name (家乐超市),
 * and never as 市场 / 区块 (杭州鸿达市场管理有限公司 keeps 鸿达市场管理).
 */
export const REGION_PREFIX = new RegExp(
  `^(?:(?:${PROVINCES.replace(/ /g, '|')})${REGION_SUFFIX})?` +
    `(?:(?:${CITIES.replace(/ /g, '|')})(?:市|地区)?)?`,
);
export const COUNTY = /^\p{Script=Han}{2}(?:市(?!场)|县|区(?!块))/u;

/**
 * Legal forms and shop-type words, stripped from the end repeatedly (集团有限公司 → 集团 → ∅).
 * Order matters only within one alternation: longer forms first.
 */
export const FORM_SUFFIX = new RegExp(
  '(?:股份有限公司|有限责任公司|股份合作公司|有限公司|股份公司|总公司|分公司|公司|' +
    '控股集团|集团|官方旗舰店|旗舰店|专卖店|专营店|分店|门市部|经营部|营业部|服务部|批发部|' +
    '商行|商店|商社|工作室|专业合作社|合作社|总厂|分厂|工厂|厂|(?<![酒饭])店|个体工商户|个体户)$',
);

/**
 * The pieces a search engine cuts legal forms into (有限责任公司 → 有限 / 责任 / 公司), and the
 * generic words that open almost every second name's tail (科技, 实业). Alone they name nobody.
 */
const GENERIC_PART = /(?:有限|责任|股份|合伙|合作|控股|集团|科技|实业|公司|普通|特殊)$/;

/**
 * True when a piece of a name is only legal form or generic words (有限, 公司, 有限责任公司, 股份,
 * 科技有限公司, Co., Ltd.): search does not mark such a piece on its own, because a query naming a
 * company matches it in almost every record.
 */
export function isGenericNamePart(text: string): boolean {
  const han = text.normalize('NFKC').replace(/[\s\p{P}]/gu, '');
  if (han === '') return false;
  if (/^[A-Za-z0-9]+$/.test(han)) return englishWords(text).every((word) => ENGLISH_FORM.has(word));
  let rest = han;
  for (let previous = ''; previous !== rest && rest !== ''; ) {
    previous = rest;
    rest = rest.replace(FORM_SUFFIX, '').replace(GENERIC_PART, '');
  }
  return rest === '';
}

/** A legal form in the middle (a branch: 鸿达电缆有限公司杭州分公司) ends the core there. */
export const FORM_INSIDE = /(?:股份有限公司|有限责任公司|有限公司)/;

/**
 * Industry words that, left alone after stripping the region, mean the region *was* the
 * trade name (杭州电缆股份有限公司 is "Hangzhou Cable", not "Cable").
 */
export const INDUSTRY_ONLY = new Set(
  ('电缆 电线 电线电缆 电器 电气 电子 科技 实业 贸易 商贸 食品 化工 机械 建材 服饰 服装 纺织 ' +
    '家具 五金 塑料 玩具 制药 药业 乳业 酒业 茶业 农业 汽车 照明 灯具 陶瓷 卫浴 厨具 水泥 ' +
    '钢铁 涂料 包装 印刷 工贸 发展 投资 产业 制造 工业 日化 粮油 饮料 化肥 家电 医药').split(' '),
);

/** Any bracketed insertion: region or form notes such as (杭州), (中国), (普通合伙). */
export const PARENTHESIZED = /[(\[【〔][^()\[\]【】〔〕]*[)\]】〕]/g;

/** A name's matching key with traditional characters folded to simplified: 盤山縣 and 盘山县 are one key. */
export const foldedNameKey = (name: string): string => normalizeName(foldForIndex(name));

/**
 * Trade name + industry of an enterprise name, as a matching key: folded like `foldForIndex`
 * (simplified, half-width) and like `normalizeName` (no spaces, lower-case Latin).
 *   鸿达电缆有限公司 → 鸿达电缆; 浙江省杭州鸿达电缆股份有限公司 → 鸿达电缆;
 *   鸿达电缆(杭州)有限公司 → 鸿达电缆; 杭州电缆股份有限公司 → 杭州电缆.
 * Never returns an empty string for a non-empty name: if stripping would leave nothing (上海
 * 有限公司), the unstripped part is kept.
 */
export function companyCore(name: string): string {
  const full = foldedNameKey(name);
  let core = full.replace(PARENTHESIZED, '');

  const inside = FORM_INSIDE.exec(core);
  if (inside && inside.index >= 2) core = core.slice(0, inside.index);
  for (let previous = ''; previous !== core; ) {
    previous = core;
    const stripped = core.replace(FORM_SUFFIX, '');
    if (stripped.length > 0) core = stripped;
  }

  const region = REGION_PREFIX.exec(core)?.[0] ?? '';
  if (region.length > 0) {
    let rest = core.slice(region.length);
    const county = COUNTY.exec(rest)?.[0];
    if (county && rest.length > county.length) rest = rest.slice(county.length);
    if (rest.length > 0 && !INDUSTRY_ONLY.has(rest)) core = rest;
  }
  return core.length > 0 ? core : full;
}

// ---------------------------------------------------------------------------------------------
// English names. Foreign regulators write a Chinese producer's name in English (QINGDAO SUN REACH
// FOOD CO., LTD.), spelled and punctuated many ways: CO.,LTD / Co. Ltd. / COMPANY LIMITED / CO.L.TD.

const LEGAL_WORDS = new Map([['COMPANY', 'CO'], ['LIMITED', 'LTD'], ['CORPORATION', 'CORP'], ['INCORPORATED', 'INC']]);
/** Words of the legal form at the end of an English name, after LEGAL_WORDS (CO LTD, INC; CO.L.TD is CO L TD). */
const ENGLISH_FORM = new Set(['CO', 'LTD', 'INC', 'CORP', 'LLC', 'PLC', 'L', 'TD', 'GROUP', 'INTERNATIONAL', 'INTL']);

/** Province and city names in pinyin, as English names open with them (QINGDAO, SHAANXI). */
const PLACES_PINYIN = new Set([
  ...`${PROVINCES} ${CITIES}`.split(' ').map((place) => pinyin(place, { toneType: 'none', type: 'array' }).join('').toUpperCase()),
  'SHAANXI', 'INNERMONGOLIA', 'HONGKONG', 'MACAU', 'TIBET', 'CHINA',
]);

/** The words of an English company name: upper case, what brackets hold dropped, legal words shortened. */
function englishWords(name: string): string[] {
  return name
    .normalize('NFKC')
    .toUpperCase()
    .replace(/\([^()]*\)|（[^（）]*）/g, ' ')
    .replace(/&/g, ' AND ')
    .split(/[^A-Z0-9]+/)
    .filter(Boolean)
    .map((word) => LEGAL_WORDS.get(word) ?? word);
}

/**
 * The matching key of an English company name: its words run together. `Qingdao Sun Reach Food
 * Company Limited` and `QINGDAO SUN REACH FOOD CO., LTD.` are one key: QINGDAOSUNREACHFOODCOLTD.
 */
export const englishNameKey = (name: string): string => englishWords(name).join('');

/** The English name without its place and legal form: SUNREACHFOOD (QING DAO counts as QINGDAO). Never empty for a non-empty key. */
export function englishCore(name: string): string {
  const words = englishWords(name);
  let end = words.length;
  while (end > 1 && ENGLISH_FORM.has(words[end - 1]!)) end--;
  let start = 0;
  for (let k = Math.min(3, end - 1); k >= 1; k--) {
    if (PLACES_PINYIN.has(words.slice(0, k).join(''))) {
      start = k;
      break;
    }
  }
  const core = words.slice(start, end).join('');
  return core.length >= 3 ? core : words.join('');
}
