/**
 * Word lists for fictional names. Everything built from these lists is invented;
 * BLOCKED_* lists keep well-known real brands and company names out.
 */

/** First syllable of a fanciful trade name: [hanzi, pinyin]. */
export const NAME_FIRST: readonly (readonly [string, string])[] = [
  ['鸿', 'Hong'], ['瑞', 'Rui'], ['恒', 'Heng'], ['嘉', 'Jia'], ['泓', 'Hong'], ['澜', 'Lan'],
  ['晟', 'Sheng'], ['骏', 'Jun'], ['昱', 'Yu'], ['翊', 'Yi'], ['珩', 'Heng'], ['钧', 'Jun'],
  ['岚', 'Lan'], ['沐', 'Mu'], ['宸', 'Chen'], ['璟', 'Jing'], ['铂', 'Bo'], ['曜', 'Yao'],
  ['霁', 'Ji'], ['臻', 'Zhen'], ['朗', 'Lang'], ['弘', 'Hong'], ['拓', 'Tuo'], ['启', 'Qi'],
  ['睿', 'Rui'], ['锦', 'Jin'], ['禾', 'He'], ['川', 'Chuan'], ['峻', 'Jun'], ['屹', 'Yi'],
];

/** Second syllable of a fanciful trade name. */
export const NAME_SECOND: readonly (readonly [string, string])[] = [
  ['达', 'da'], ['盛', 'sheng'], ['源', 'yuan'], ['泰', 'tai'], ['诺', 'nuo'], ['丰', 'feng'],
  ['辉', 'hui'], ['通', 'tong'], ['宇', 'yu'], ['坤', 'kun'], ['程', 'cheng'], ['鑫', 'xin'],
  ['邦', 'bang'], ['航', 'hang'], ['润', 'run'], ['峰', 'feng'], ['锐', 'rui'], ['信', 'xin'],
  ['驰', 'chi'], ['熙', 'xi'], ['旭', 'xu'], ['嵘', 'rong'], ['煜', 'yu'], ['恺', 'kai'],
];

/** Trade names that must never be generated (well-known real brands or companies). */
export const BLOCKED_TRADE_NAMES: ReadonlySet<string> = new Set([
  '格力', '美的', '海尔', '公牛', '雅迪', '爱玛', '九阳', '苏泊尔', '方太', '华帝', '万和', '万家乐',
  '樱花', '林内', '远东', '宝胜', '亨通', '起帆', '台铃', '新日', '绿源', '小牛', '安踏', '李宁',
  '特步', '森马', '鸿达', '恒通', '嘉宝', '瑞丰', '恒源', '鸿源', '恒达', '嘉盛', '锦程', '鸿程',
]);

export const COMPANY_FORMS: readonly (readonly [string, string, number])[] = [
  ['有限公司', 'Co., Ltd.', 60],
  ['有限责任公司', 'Co., Ltd.', 12],
  ['股份有限公司', 'Co., Ltd.', 6],
  ['实业有限公司', 'Industrial Co., Ltd.', 10],
  ['科技有限公司', 'Technology Co., Ltd.', 12],
];

/** Latin brand syllables; combinations are checked against BLOCKED_LATIN_BRANDS. */
export const LATIN_START = ['Ve', 'Lu', 'Qo', 'Ra', 'Ze', 'Mi', 'So', 'Ka', 'No', 'Ty', 'Ar', 'El', 'Ori', 'Va', 'Ju'];
export const LATIN_MID = ['r', 'l', 'n', 'x', 'v', 'm', 'd', ''];
export const LATIN_END = ['ora', 'ix', 'en', 'ano', 'ex', 'ia', 'ova', 'ux', 'ent', 'ero', 'is'];
export const BLOCKED_LATIN_BRANDS: ReadonlySet<string> = new Set([
  'midea', 'haier', 'gree', 'joyoung', 'supor', 'yadea', 'aima', 'bull', 'vatti', 'fotile', 'sony', 'nike',
  'rinnai', 'noritz', 'lenovo', 'xiaomi', 'tonix', 'nova', 'volvo', 'elix', 'sonix', 'kanen', 'ravix',
]);

/** Common single-character surnames (natural persons are always published masked: 张**). */
export const SURNAMES = [
  '张', '王', '李', '赵', '刘', '陈', '杨', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭',
  '马', '罗', '梁', '宋', '郑', '谢', '韩', '唐', '冯', '于', '董', '程', '曹', '袁', '邓', '许', '傅', '沈',
  '曾', '彭', '吕', '苏', '卢', '蒋', '蔡', '贾', '丁', '魏', '薛', '叶', '余', '潘', '杜', '戴', '夏', '钟',
  '汪', '田', '任', '姜', '范', '方', '石', '姚', '谭', '廖', '邹', '熊', '金', '陆', '郝', '孔', '白', '崔',
];

export const ZONES = ['经济技术开发区', '高新技术产业开发区', '工业园区', '产业集聚区', '临港工业区', '科技园'];
export const ROADS = [
  '兴业路', '创业大道', '工业园路', '科技路', '振兴路', '滨河路', '东环路', '纬二路', '经三路', '开发大道',
  '华兴路', '民营路', '新港大道', '富民路', '长兴路', '环城北路', '西园路', '金桥路', '泰和路', '光明路',
];

/** Retail / trade name parts for sampled units (sellers). */
export const SELLER_FIRST = ['福', '顺', '万', '佳', '好', '百', '惠', '家', '众', '新', '兴', '联', '华', '利', '和', '乐'];
export const SELLER_SECOND = ['顺', '源', '盛', '邻', '客', '家', '隆', '旺', '优', '美', '联', '发', '康', '达'];

/** Fictional e-commerce platforms (not real ones). */
export const PLATFORMS = ['淘品网', '禾木优选', '橙意购', '织选商城', '邻里集市', '云帆直播商城'];
export const STORE_SUFFIXES = ['旗舰店', '官方店', '专营店', '优品店', '生活馆', '工厂店'];

/** Fictional inspection agencies: general ones and specialised ones per category group. */
export const GENERAL_AGENCIES = [
  '衡准产品质量检验研究院', '明鉴质量检测技术研究院', '诚标检验检测中心', '睿检质量技术服务有限公司',
  '正方产品质量检验所', '远衡检验认证研究院',
];

export const SPECIAL_AGENCIES: Readonly<Record<string, readonly string[]>> = {
  cable: ['北辰电线电缆质量检验中心', '导远线缆检测中心'],
  textile: ['润衣纺织服装检验中心', '织衡纺织品检测研究院'],
  shoes: ['履安鞋类质量检测中心'],
  toys: ['童安玩具检测中心'],
  ebike: ['骑安电动车辆检测中心', '蓄能电池安全检测中心'],
  gas: ['安燃燃气具质量检验中心', '焰衡燃气器具检测站'],
  fire: ['卫盾消防产品检验中心'],
  agri: ['禾丰农资产品质量检验站'],
  building: ['坚石建材检验研究院'],
  appliance: ['家安电器安全检测中心'],
  elderly: ['颐康老年用品检测中心'],
  food: ['洁品食品接触材料检测中心'],
  ppe: ['护安劳动防护用品检测中心'],
  bags: ['行远箱包质量检测中心'],
};

/**
 * Well-known real brands, companies and platforms that must never appear anywhere in the
 * fictional data (checked by tests/unit/sample-*.test.ts).
 */
export const REAL_NAMES_BLOCKLIST: readonly string[] = [
  '格力', '美的', '海尔', '公牛', '雅迪', '爱玛', '九阳', '苏泊尔', '方太', '华帝', '万和', '万家乐', '老板电器',
  '远东电缆', '宝胜', '亨通', '台铃', '新日', '小牛', '安踏', '李宁', '巴拉巴拉', '森马', '新秀丽', '足力健',
  '鱼跃', '心相印', '维达', '恒安', '海螺', '金正大', '史丹利', '天猫', '淘宝', '京东', '拼多多', '抖音', '唯品会',
  'Midea', 'Haier', 'Gree', 'Joyoung', 'Supor', 'Yadea', 'Samsonite', 'Xiaomi',
];
