/**
 * Per-category generation profiles: product names, realistic models/specs, channels,
 * licence kinds and target failure rates. Keys are category slugs from content/taxonomy.
 */
import type { Rng } from './prng.ts';

export interface Variant {
  name: string;
  spec: (r: Rng) => string;
}

export type LicenceKind = 'XK' | 'CCC' | 'SC';

export interface Profile {
  /** Relative frequency in spot checks; 0 = never in spot checks (food: separate 抽检 system). */
  weight: number;
  /** Target share of unqualified samples (kept inside 5–20 %). */
  failRate: number;
  /** Product words used in manufacturer names: [zh, en]. */
  makers: readonly (readonly [string, string])[];
  variants: readonly Variant[];
  /** Share of samples bought online (platform + store filled). */
  ecommerce: number;
  /** Share of samples taken at the manufacturer itself. */
  production: number;
  /** Shop types for sellers (sampled units in circulation). */
  sellers: readonly string[];
  agency: string;
  /** Licences makers of this category hold, with the product code used inside the number:
   *  XK unit (06-001), CCC product code (01), SC food category (06). */
  codes: Partial<Record<LicenceKind, string>>;
  unit: string;
  /** Typical unit price in yuan (per `unit`), used for goods values in penalties. */
  price: readonly [number, number];
  batch: 'date' | 'date-batch' | 'batch' | 'month';
}

const p = <T>(r: Rng, xs: readonly T[]): T => r.pick(xs);
const v = (name: string, spec: (r: Rng) => string): Variant => ({ name, spec });
const up = (r: Rng, n: number) => r.chars('ABCDEFGHJKLMNPRSTWXYZ', n);

const CABLE_SIZES = ['1.5', '2.5', '4', '6', '10'];
const KID_SIZES = ['90', '100', '110', '120', '130', '140', '150'];
const MEN_SIZES = ['165/88A', '170/92A', '175/96A', '180/100A', 'M', 'L', 'XL'];
const NPK = ['15-15-15（总养分≥45%）', '17-17-17（总养分≥51%）', '18-8-14（总养分≥40%）', '20-10-10（总养分≥40%）', '26-10-12（总养分≥48%）', '16-16-16（总养分≥48%）'];
const SHOP_HARDWARE = ['五金机电商行', '建材经营部', '电料批发部'];
const SHOP_KIDS = ['母婴用品店', '童装店', '百货有限公司', '商贸有限公司'];
const SHOP_EBIKE = ['电动车行', '车业经营部', '电动车销售有限公司'];
const SHOP_GAS = ['厨卫电器商行', '燃气器具经营部', '五金商行'];
const SHOP_APPL = ['电器商行', '家电卖场有限公司', '百货超市有限公司'];
const SHOP_AGRI = ['农资经营部', '农资服务社', '种植服务部'];
const SHOP_ELDER = ['康复用品店', '老年用品商行', '大药房有限公司'];
const SHOP_TRADE = ['商贸有限公司', '贸易有限公司', '电子商务有限公司'];

export const PROFILES: Readonly<Record<string, Profile>> = {
  'wire-cable': {
    weight: 1.6, failRate: 0.16, makers: [['电缆', 'Cable'], ['电线电缆', 'Wire & Cable'], ['线缆', 'Cable']],
    variants: [
      v('聚氯乙烯绝缘电线', (r) => `BV ${p(r, CABLE_SIZES)}mm² 450/750V`),
      v('聚氯乙烯绝缘软电线', (r) => `BVR ${p(r, CABLE_SIZES)}mm² 450/750V`),
      v('聚氯乙烯绝缘聚氯乙烯护套软电缆', (r) => `RVV ${p(r, ['2×0.75', '3×1.0', '3×1.5', '3×2.5'])}mm² 300/500V`),
      v('交联聚乙烯绝缘电力电缆', (r) => `YJV ${p(r, ['3×25+1×16', '4×16', '3×35+1×16', '5×10'])}mm² 0.6/1kV`),
      v('无卤低烟阻燃电线', (r) => `WDZ-BYJ ${p(r, CABLE_SIZES)}mm² 450/750V`),
    ],
    ecommerce: 0.1, production: 0.4, sellers: SHOP_HARDWARE, agency: 'cable', codes: { XK: '06-001', CCC: '01' }, unit: '米', price: [2, 15], batch: 'date',
  },
  'safety-helmet': {
    weight: 0.8, failRate: 0.14, makers: [['劳保用品', 'Safety Products'], ['安全防护用品', 'Protective Equipment']],
    variants: [v('安全帽', (r) => `${p(r, ['Y', 'V', 'U'])}型 ${p(r, ['ABS', 'HDPE', '玻璃钢'])} ${p(r, ['普通型', '带透气孔'])}`)],
    ecommerce: 0.3, production: 0.3, sellers: ['劳保用品商行', ...SHOP_HARDWARE], agency: 'ppe', codes: {}, unit: '顶', price: [15, 60], batch: 'date',
  },
  'children-clothing': {
    weight: 1.4, failRate: 0.12, makers: [['童装', 'Kids Apparel'], ['服饰', 'Apparel']],
    variants: ['儿童T恤', '儿童连衣裙', '儿童羽绒服', '儿童卫衣', '婴幼儿连体衣', '儿童针织裤'].map((n) =>
      v(n, (r) => (n.startsWith('婴幼儿') ? `${p(r, ['66', '73', '80'])}/${p(r, ['44', '48'])}` : `${p(r, KID_SIZES)}cm`)),
    ),
    ecommerce: 0.35, production: 0.2, sellers: SHOP_KIDS, agency: 'textile', codes: {}, unit: '件', price: [30, 160], batch: 'month',
  },
  'children-shoes': {
    weight: 1.0, failRate: 0.13, makers: [['鞋业', 'Footwear'], ['童鞋', 'Kids Shoes']],
    variants: ['儿童运动鞋', '儿童皮鞋', '儿童凉鞋', '学步鞋'].map((n) =>
      v(n, (r) => (r.chance(0.7) ? `${r.int(22, 36)}码` : `内长${r.int(14, 23) * 10}mm`)),
    ),
    ecommerce: 0.4, production: 0.2, sellers: SHOP_KIDS, agency: 'shoes', codes: {}, unit: '双', price: [40, 200], batch: 'batch',
  },
  toys: {
    weight: 1.2, failRate: 0.15, makers: [['玩具', 'Toys'], ['文化用品', 'Stationery & Toys']],
    variants: ['塑胶玩具车', '毛绒玩具', '益智积木', '磁力片积木', '仿真厨房玩具', '声光玩具枪'].map((n) =>
      v(n, (r) => (r.chance(0.5) ? `货号${r.digits(4)}` : `${up(r, 2)}-${r.digits(3)}`)),
    ),
    ecommerce: 0.35, production: 0.2, sellers: ['玩具店', ...SHOP_KIDS], agency: 'toys', codes: { CCC: '22' }, unit: '件', price: [10, 120], batch: 'batch',
  },
  'electric-bicycle': {
    weight: 1.4, failRate: 0.14, makers: [['电动车', 'E-Bike'], ['车业', 'Vehicle']],
    variants: [v('电动自行车', (r) => `${p(r, ['TDT', 'TDR'])}${r.int(100, 2999)}Z`)],
    ecommerce: 0.05, production: 0.35, sellers: SHOP_EBIKE, agency: 'ebike', codes: { CCC: '11' }, unit: '辆', price: [1500, 3800], batch: 'date-batch',
  },
  'ebike-charger': {
    weight: 1.0, failRate: 0.18, makers: [['电源科技', 'Power Technology'], ['电子', 'Electronics']],
    variants: [
      v('电动自行车充电器', (r) => `CD-${r.digits(4)} ${p(r, ['48V12Ah', '48V20Ah', '60V20Ah', '72V20Ah'])}`),
      v('电动自行车锂电池充电器', (r) => `LC-${r.digits(4)} 输出${p(r, ['54.6V 2A', '54.6V 3A', '67.2V 3A'])}`),
    ],
    ecommerce: 0.3, production: 0.3, sellers: SHOP_EBIKE, agency: 'ebike', codes: { CCC: '11' }, unit: '个', price: [60, 220], batch: 'date',
  },
  'ebike-lithium-battery': {
    weight: 1.0, failRate: 0.15, makers: [['新能源科技', 'New Energy Technology'], ['电池', 'Battery']],
    variants: [v('电动自行车用锂离子蓄电池', (r) => {
      const [volt, ah] = p(r, [['48', '12'], ['48', '20'], ['48', '24'], ['60', '20'], ['72', '20']] as const);
      return `LB${volt}${ah}-${up(r, 1)} ${volt}V ${ah}Ah`;
    })],
    ecommerce: 0.2, production: 0.35, sellers: SHOP_EBIKE, agency: 'ebike', codes: { CCC: '11' }, unit: '组', price: [600, 1800], batch: 'date-batch',
  },
  'ebike-helmet': {
    weight: 1.0, failRate: 0.17, makers: [['头盔', 'Helmet'], ['安全防护用品', 'Protective Equipment']],
    variants: [v('电动自行车乘员头盔', (r) => p(r, ['M号（55-56cm）', 'L号（57-58cm）', 'XL号（59-60cm）', '均码']))],
    ecommerce: 0.4, production: 0.25, sellers: SHOP_EBIKE, agency: 'ppe', codes: { CCC: '11' }, unit: '顶', price: [30, 120], batch: 'date',
  },
  'gas-stove': {
    weight: 1.0, failRate: 0.11, makers: [['厨具', 'Kitchen Appliances'], ['燃气具', 'Gas Appliances']],
    variants: ['嵌入式燃气灶', '台式燃气灶'].map((n) =>
      v(n, (r) => `JZ${p(r, ['T', 'Y', 'R'])}-2-${up(r, 1)}${r.int(1, 9)} ${p(r, ['4.0', '4.2', '4.5', '5.0'])}kW`),
    ),
    ecommerce: 0.2, production: 0.3, sellers: SHOP_GAS, agency: 'gas', codes: { CCC: '24' }, unit: '台', price: [300, 1600], batch: 'date',
  },
  'gas-water-heater': {
    weight: 0.9, failRate: 0.1, makers: [['热水器', 'Water Heater'], ['热能设备', 'Thermal Equipment']],
    variants: [v('家用燃气快速热水器', (r) => {
      const l = p(r, [12, 13, 16]);
      return `JSQ${l * 2}-${l}${p(r, ['T', 'Y', 'R'])}${r.int(1, 9)} ${l}L`;
    })],
    ecommerce: 0.15, production: 0.3, sellers: SHOP_GAS, agency: 'gas', codes: { CCC: '24' }, unit: '台', price: [800, 3200], batch: 'date',
  },
  'gas-pressure-regulator': {
    weight: 0.8, failRate: 0.16, makers: [['燃气阀门', 'Gas Valve'], ['调压器', 'Regulator']],
    variants: [v('瓶装液化石油气调压器', (r) => `${p(r, ['JYT-0.6', 'JYT-0.8', 'JYT-0.6A', 'JYT-1.0'])} 出口压力2.8kPa`)],
    ecommerce: 0.15, production: 0.3, sellers: SHOP_GAS, agency: 'gas', codes: { CCC: '24' }, unit: '个', price: [20, 60], batch: 'batch',
  },
  'gas-hose': {
    weight: 0.8, failRate: 0.14, makers: [['管业', 'Pipe'], ['波纹管', 'Corrugated Hose']],
    variants: [
      v('燃气用不锈钢波纹软管', (r) => `DN${p(r, ['10', '15'])} ${p(r, ['1.0', '1.5', '2.0'])}m`),
      v('燃气用橡胶软管', (r) => `Φ9.5mm ${p(r, ['1.2', '1.5', '2.0'])}m`),
    ],
    ecommerce: 0.25, production: 0.3, sellers: SHOP_GAS, agency: 'gas', codes: {}, unit: '根', price: [15, 60], batch: 'batch',
  },
  'gas-leak-alarm': {
    weight: 0.8, failRate: 0.15, makers: [['安防科技', 'Security Technology'], ['传感技术', 'Sensing Technology']],
    variants: [v('家用可燃气体探测器', (r) => `JT-${p(r, ['HT', 'KB', 'AE'])}${r.digits(4)}（${p(r, ['天然气', '液化石油气'])}）`)],
    ecommerce: 0.3, production: 0.3, sellers: SHOP_GAS, agency: 'gas', codes: {}, unit: '台', price: [60, 300], batch: 'date',
  },
  'fire-extinguisher': {
    weight: 1.0, failRate: 0.13, makers: [['消防器材', 'Fire Equipment'], ['消防设备', 'Fire Safety Equipment']],
    variants: [
      v('手提式干粉灭火器', (r) => `MFZ/ABC${p(r, ['1', '2', '3', '4', '5', '8'])}`),
      v('手提式二氧化碳灭火器', (r) => `MT/${p(r, ['2', '3', '5'])}`),
      v('手提式水基型灭火器', (r) => `MSZ/${p(r, ['2', '3', '6'])}`),
    ],
    ecommerce: 0.2, production: 0.3, sellers: ['消防器材经营部', ...SHOP_HARDWARE], agency: 'fire', codes: { CCC: '18' }, unit: '具', price: [40, 200], batch: 'date',
  },
  'emergency-lighting': {
    weight: 0.8, failRate: 0.12, makers: [['消防照明', 'Emergency Lighting'], ['照明电器', 'Lighting']],
    variants: [
      v('消防应急照明灯具', (r) => `M-ZFJC-E${p(r, ['3', '5'])}W-${r.digits(4)}`),
      v('消防应急标志灯具', (r) => `M-BLJC-1LROE${p(r, ['I1', 'II1'])}W-${r.digits(4)}`),
    ],
    ecommerce: 0.15, production: 0.3, sellers: ['消防器材经营部', ...SHOP_HARDWARE], agency: 'fire', codes: { CCC: '18' }, unit: '只', price: [20, 90], batch: 'date',
  },
  fertilizer: {
    weight: 1.2, failRate: 0.12, makers: [['肥业', 'Fertilizer'], ['生态肥料', 'Eco Fertilizer'], ['化肥', 'Chemical Fertilizer']],
    variants: ['复合肥料', '掺混肥料', '有机-无机复混肥料'].map((n) => v(n, (r) => `${p(r, NPK)} 40kg`)),
    ecommerce: 0.05, production: 0.5, sellers: SHOP_AGRI, agency: 'agri', codes: { XK: '13-004' }, unit: '吨', price: [2000, 3600], batch: 'date-batch',
  },
  'mulch-film': {
    weight: 0.7, failRate: 0.17, makers: [['塑业', 'Plastics'], ['农膜', 'Agricultural Film']],
    variants: [v('聚乙烯吹塑农用地面覆盖薄膜', (r) => `${p(r, ['0.010', '0.012', '0.015'])}mm×${p(r, ['800', '1000', '1200', '1500'])}mm`)],
    ecommerce: 0.05, production: 0.5, sellers: SHOP_AGRI, agency: 'agri', codes: {}, unit: '千克', price: [10, 16], batch: 'date',
  },
  cement: {
    weight: 1.0, failRate: 0.07, makers: [['水泥', 'Cement'], ['建材', 'Building Materials']],
    variants: [
      v('普通硅酸盐水泥', (r) => p(r, ['P·O 42.5', 'P·O 42.5R', 'P·O 52.5'])),
      v('复合硅酸盐水泥', (r) => p(r, ['P·C 32.5R', 'P·C 42.5'])),
      v('矿渣硅酸盐水泥', () => 'P·S·A 32.5'),
    ],
    ecommerce: 0, production: 0.6, sellers: ['建材经营部', '建材商行'], agency: 'building', codes: { XK: '08-001' }, unit: '吨', price: [300, 520], batch: 'batch',
  },
  'induction-cooker': {
    weight: 0.9, failRate: 0.1, makers: [['电器', 'Electric Appliances'], ['家电', 'Home Appliances']],
    variants: [v('电磁灶', (r) => `C21-${up(r, 2)}${r.digits(4)} ${p(r, ['2100', '2200'])}W`)],
    ecommerce: 0.3, production: 0.3, sellers: SHOP_APPL, agency: 'appliance', codes: { CCC: '07' }, unit: '台', price: [150, 420], batch: 'date',
  },
  'rice-cooker': {
    weight: 0.9, failRate: 0.09, makers: [['电器', 'Electric Appliances'], ['小家电', 'Small Appliances']],
    variants: ['电饭锅', '电饭煲'].map((n) =>
      v(n, (r) => {
        const l = p(r, [3, 4, 5]);
        return `CFXB${l}0-${up(r, 2)}${r.int(10, 99)} ${l}L ${l * 150 + 100}W`;
      }),
    ),
    ecommerce: 0.3, production: 0.3, sellers: SHOP_APPL, agency: 'appliance', codes: { CCC: '07' }, unit: '台', price: [100, 420], batch: 'date',
  },
  'casual-clothing': {
    weight: 1.2, failRate: 0.13, makers: [['服饰', 'Apparel'], ['制衣', 'Garment']],
    variants: ['休闲T恤', '休闲裤', '卫衣', '牛仔裤', '连帽外套', '休闲衬衫'].map((n) => v(n, (r) => (n === '牛仔裤' ? `${r.int(27, 36)}` : p(r, MEN_SIZES)))),
    ecommerce: 1, production: 0, sellers: SHOP_TRADE, agency: 'textile', codes: {}, unit: '件', price: [40, 220], batch: 'month',
  },
  'travel-bags': {
    weight: 0.9, failRate: 0.14, makers: [['箱包', 'Luggage'], ['皮具', 'Leather Goods']],
    variants: [
      v('拉杆箱', (r) => `${p(r, ['20', '24', '26', '28'])}英寸`),
      v('旅行包', (r) => p(r, ['55cm×35cm×25cm', '48cm×30cm×22cm'])),
    ],
    ecommerce: 1, production: 0, sellers: SHOP_TRADE, agency: 'bags', codes: {}, unit: '只', price: [100, 520], batch: 'batch',
  },
  'elderly-shoes': {
    weight: 0.8, failRate: 0.12, makers: [['鞋业', 'Footwear'], ['健康科技', 'Health Technology']],
    variants: ['老年人健步鞋', '老年人布鞋', '老年人防滑鞋'].map((n) => v(n, (r) => `${r.int(36, 44)}码`)),
    ecommerce: 0.5, production: 0.2, sellers: SHOP_ELDER, agency: 'shoes', codes: {}, unit: '双', price: [50, 220], batch: 'batch',
  },
  'walking-aids': {
    weight: 0.7, failRate: 0.11, makers: [['康复器材', 'Rehabilitation Equipment'], ['助行用品', 'Mobility Aids']],
    variants: [
      v('四脚手杖', () => '可调节 71cm-94cm'),
      v('折叠手杖', (r) => `${p(r, ['ZS', 'SZ'])}-${r.digits(3)}`),
      v('助行架', (r) => `ZX-${r.digits(3)} 高度78cm-95cm`),
    ],
    ecommerce: 0.5, production: 0.2, sellers: SHOP_ELDER, agency: 'elderly', codes: {}, unit: '根', price: [40, 320], batch: 'batch',
  },
  'adult-diapers': {
    weight: 0.8, failRate: 0.09, makers: [['卫生用品', 'Hygiene Products'], ['护理用品', 'Care Products']],
    variants: ['成人纸尿裤', '成人拉拉裤'].map((n) => v(n, (r) => `${p(r, ['M', 'L', 'XL'])}码 ${p(r, ['10', '12', '16', '20'])}片`)),
    ecommerce: 0.4, production: 0.3, sellers: SHOP_ELDER, agency: 'elderly', codes: {}, unit: '包', price: [20, 80], batch: 'date-batch',
  },
  'food-paper-packaging': {
    weight: 0.8, failRate: 0.08, makers: [['纸制品', 'Paper Products'], ['包装', 'Packaging']],
    variants: [
      v('一次性纸杯', (r) => `${p(r, ['7', '9', '12'])}盎司`),
      v('一次性纸碗', (r) => `${p(r, ['500', '750', '1000'])}mL`),
      v('食品包装纸袋', (r) => p(r, ['18cm×25cm', '20cm×30cm'])),
    ],
    ecommerce: 0.1, production: 0.5, sellers: ['百货超市有限公司', '餐饮用品商行'], agency: 'food', codes: { XK: '16-204' }, unit: '箱', price: [50, 220], batch: 'date',
  },
  'packaged-drinking-water': {
    weight: 0, failRate: 0.08, makers: [['饮品', 'Beverage'], ['食品', 'Foods']],
    variants: [v('饮用纯净水', () => '550mL'), v('饮用天然泉水', () => '380mL')],
    ecommerce: 0, production: 1, sellers: ['百货超市有限公司'], agency: 'food', codes: { SC: '06' }, unit: '箱', price: [15, 40], batch: 'date',
  },
  'edible-vegetable-oil': {
    weight: 0, failRate: 0.08, makers: [['粮油', 'Grain & Oil'], ['油脂', 'Oils']],
    variants: [v('大豆油', () => '5L'), v('菜籽油', () => '5L')],
    ecommerce: 0, production: 1, sellers: ['百货超市有限公司'], agency: 'food', codes: { SC: '02' }, unit: '桶', price: [50, 120], batch: 'date',
  },
};

/** Licence kinds a maker of this category can hold. */
export function licenceKinds(slug: string): LicenceKind[] {
  return Object.keys(profile(slug).codes) as LicenceKind[];
}

export function profile(slug: string): Profile {
  const pr = PROFILES[slug];
  if (!pr) throw new Error(`no sample profile for category ${slug}`);
  return pr;
}

/** Category slugs that appear in spot checks. */
export const SPOT_CHECK_CATEGORIES = Object.keys(PROFILES).filter((s) => (PROFILES[s]?.weight ?? 0) > 0);
