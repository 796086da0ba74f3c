/**
 * node --experimental-strip-types bench/screening/build-set.ts — writes bench/screening/labelled-names.json from names.json.
 *
 * names.json holds every enterprise the real corpus (corpus.ts) creates, with its parts
 * (行政区划 + 字号 + 行业 + 组织形式) read and written down by hand, not by the matcher's parser, so the
 * set does not grade the parser with its own answers. Each name gives a few variants by fixed rules
 * (which ones rotate with the name's position, so the file is the same on every run); the labels:
 *   - the same trade name with script, width, spacing, legal form or region changed, dropped or
 *     bracketed, in pinyin or an English-style spelling, or with a branch appended → that enterprise;
 *   - one trade-name character changed, another industry under the same trade name and region, no
 *     trade name at all, or a real firm the corpus does not name → no match (null).
 * Region changes are labelled as the enterprise: the issue's rule (a trade name is what tells firms
 * apart, the region only where it was registered), and in the corpus no trade name + industry is
 * registered in two regions. A reviewer sees `region differs` in the match's evidence.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pinyin } from 'pinyin-pro';
import { toTraditional } from '../../tests/setup/traditional.ts';

const DIR = path.dirname(fileURLToPath(import.meta.url));
export interface LabelledName { name: string; uscc: string | null; region: string; tradeName: string; industry: string; form: string; branch: string; regionInBrackets: boolean }
export interface LabelledPair { query: string; kind: string; expected: { name: string; uscc: string | null } | null }

/** Real firms that the corpus does not name: queries that must find nothing. Nothing is said about them. */
const NOT_IN_DATA = [
  '华为技术有限公司', '比亚迪股份有限公司', '海尔集团公司', '珠海格力电器股份有限公司', '美的集团股份有限公司', '小米科技有限责任公司',
  '贵州茅台酒股份有限公司', '中国石油化工股份有限公司', '联想(北京)有限公司', '青岛啤酒股份有限公司', '内蒙古伊利实业集团股份有限公司',
  '内蒙古蒙牛乳业(集团)股份有限公司', '三一重工股份有限公司', '宁德时代新能源科技股份有限公司', '腾讯科技(深圳)有限公司', '阿里巴巴(中国)有限公司',
  '京东方科技集团股份有限公司', '海信集团有限公司', '万科企业股份有限公司', '中兴通讯股份有限公司', '福耀玻璃工业集团股份有限公司',
  '杭州娃哈哈集团有限公司', '农夫山泉股份有限公司', '安踏体育用品有限公司', '李宁(中国)体育用品有限公司', '波司登羽绒服装有限公司',
  '浙江正泰电器股份有限公司', '德力西电气有限公司', '远东电缆有限公司', '宝胜科技创新股份有限公司', '江苏中天科技股份有限公司',
  '江苏亨通光电股份有限公司', '益海嘉里金龙鱼粮油食品股份有限公司', '河南双汇投资发展股份有限公司', '光明乳业股份有限公司', '三只松鼠股份有限公司',
  '良品铺子股份有限公司', '九阳股份有限公司', '浙江苏泊尔股份有限公司', '杭州老板电器股份有限公司', '宁波方太厨具有限公司', '黑龙江飞鹤乳业有限公司',
  '君乐宝乳业集团有限公司', '好孩子儿童用品有限公司', '浙江森马服饰股份有限公司', '雅戈尔集团股份有限公司', '红豆集团有限公司', '长城汽车股份有限公司',
  '浙江吉利控股集团有限公司', '雅迪科技集团有限公司', '爱玛科技集团股份有限公司', '新日电动车股份有限公司', '宗申产业集团有限公司',
  '隆鑫通用动力股份有限公司', '稳健医疗用品股份有限公司', '振德医疗用品股份有限公司', '深圳市大疆创新科技有限公司', '舜宇光学科技(集团)有限公司',
  'Huawei Technologies Co., Ltd.', 'BYD Company Limited', 'Haier Group Corporation', 'Lenovo Group Limited', 'Anker Innovations Limited', 'Midea Group Co., Ltd.',
];
/** Characters put in place of one trade-name character (common in trade names, so the result reads like a real name). */
const SWAP = [...'华达盛鑫宏源泰祥瑞丰恒兴利德佳美安康通信'];
/** Other industries, for the same trade name and region in another trade. */
const OTHER_INDUSTRIES = ['食品', '化工', '家具', '医药', '纺织', '包装'];
const OTHER_REGIONS = ['深圳市', '杭州市', '成都市', '郑州市', '广州市', '南京市'];
const COMPANY_FORMS = new Set(['有限公司', '股份有限公司', '有限责任公司', '集团有限公司', '集团股份有限公司']);
const py = (s: string) => pinyin(s.replace(/[·]/g, ''), { toneType: 'none', type: 'array', nonZh: 'removed' }).join('');
const cap = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);
const wide = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const shortRegion = (r: string) => r.replace(/(?:省|市)$/, '');

export function buildPairs(names: LabelledName[]): LabelledPair[] {
  const pairs: LabelledPair[] = [];
  const seen = new Set<string>();
  const trades = new Set(names.map((n) => n.tradeName));
  const add = (query: string, kind: string, expected: LabelledPair['expected']) => {
    if (seen.has(query)) return;
    seen.add(query);
    pairs.push({ query, kind, expected });
  };
  const corpusNames = new Set(names.map((n) => n.name));
  names.forEach((n, k) => {
    const me = { name: n.name, uscc: n.uscc };
    const body = (region: string, form = n.form) => `${region}${n.tradeName}${n.industry}${form}`;
    if (k % 4 === 0) add(n.name, 'exact', me);
    if (toTraditional(n.name) !== n.name) add(toTraditional(n.name), 'traditional', me);
    add([n.region, n.tradeName, n.industry, n.form, n.branch].filter(Boolean).map(wide).join(k % 2 ? ' ' : '　'), 'spacing-width', me);
    if (n.branch) return; // a branch's variants are its parent's, below
    const form = n.form === '有限公司' ? (k % 2 ? '股份有限公司' : '有限责任公司') : COMPANY_FORMS.has(n.form) ? '有限公司' : '';
    if (form) add(body(n.region, form), 'form-changed', me);
    if (!form || k % 3 === 0) add(body(n.region, ''), 'form-dropped', me);
    if (n.region) {
      const other = OTHER_REGIONS.find((r) => !n.region.startsWith(shortRegion(r)))!;
      if (n.regionInBrackets) add(body(shortRegion(n.region)), 'region-unbracketed', me);
      else if (k % 3 === 0) add(body(''), 'region-dropped', me);
      else if (k % 3 === 1) add(`${n.tradeName}(${shortRegion(n.region)})${n.industry}${n.form}`, 'region-bracketed', me);
      else add(body(other), 'region-changed', me);
      if (k % 5 === 2) add(body(other), 'region-changed', me);
    }
    if (k % 2 === 0) add(`${py(n.tradeName)} ${py(n.industry)}`.trim(), 'pinyin', me);
    else if (COMPANY_FORMS.has(n.form)) add(`${[n.region, n.tradeName, n.industry].filter(Boolean).map((p) => cap(py(shortRegion(p)))).join(' ')} Co., Ltd.`, 'english-style', me);
    if (k % 4 === 1 && COMPANY_FORMS.has(n.form)) add(`${n.name}${shortRegion(OTHER_REGIONS[k % OTHER_REGIONS.length]!)}分公司`, 'branch', me);

    // Hard negatives.
    const chars = [...n.tradeName];
    const at = k % chars.length;
    const swapped = SWAP.map((c) => chars.map((x, i) => (i === at ? c : x)).join('')).find((t) => t !== n.tradeName && !trades.has(t));
    if (swapped) add(n.name.replace(n.tradeName, swapped), 'trade-name-changed', null);
    const industry = OTHER_INDUSTRIES.find((i) => ![...i].some((c) => n.industry.includes(c)))!;
    if (n.industry && k % 2 === 0) add(`${n.region}${n.tradeName}${industry}${n.form}`, 'industry-changed', null);
    if (n.industry && k % 2 === 1) add(k % 4 === 1 ? `${n.region}某某${n.industry}${n.form}` : `${n.industry}${n.form || '有限公司'}`, 'no-trade-name', null);
  });
  for (const name of NOT_IN_DATA) if (![...trades].some((t) => name.includes(t)) && !corpusNames.has(name)) add(name, 'not-in-data', null);
  return pairs;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const names = JSON.parse(readFileSync(path.join(DIR, 'names.json'), 'utf8')) as LabelledName[];
  const pairs = buildPairs(names);
  const lines = pairs.map((p) => `  ${JSON.stringify(p)}`);
  writeFileSync(path.join(DIR, 'labelled-names.json'), `[\n${lines.join(',\n')}\n]\n`);
  const kinds = new Map<string, number>();
  for (const p of pairs) kinds.set(p.kind, (kinds.get(p.kind) ?? 0) + 1);
  console.log(`${pairs.length} pairs: ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}`);
}
