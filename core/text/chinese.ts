/**
 * Script folding for search. Regulators publish in simplified Chinese, but visitors from Hong
 * Kong, Macao and Taiwan (and anyone pasting from those sites) type traditional characters:
 * 鴻達電纜 must find 鸿达电缆. We fold *both* the indexed text and the query to simplified, so
 * either script finds either. The published text itself is never altered (see DESIGN.md).
 *
 * Converter choice (opencc-js 1.4): OpenCC's plain `t → cn` only knows OpenCC-standard
 * traditional; `hk → cn` and `tw → cn` additionally fold the regional variant characters
 * (衞生, 枱, 粧, 敍 …). We build one converter that applies the HK *and* TW variant
 * dictionaries (they have no conflicting keys) followed by the standard traditional→simplified
 * dictionaries, so one pass folds all three forms. Regional *vocabulary* (TW 軟體 → 软件) is
 * deliberately not converted: it changes words, not glyphs, and would surprise exact searches.
 *
 * Import style: `opencc-js` main entry (`dist/esm/full.js`) bundles every dictionary, including
 * the 1 MB simplified→traditional phrase list we never need. The `./core` and `./preset/t2cn`
 * subpath exports are typed and load only what traditional→simplified needs.
 */
import { ConverterFactory, type ConverterFunction, type DictLike } from 'opencc-js/core';
import { from, to } from 'opencc-js/preset/t2cn';
import { stripInvisible, toHalfWidth } from '../normalize/text.ts';

/**
 * The HK/TW "variants reversed" dictionaries map regional forms to OpenCC-standard traditional,
 * e.g. 么→幺 and 著→着 (TW). But 么 and 著 are also everyday *simplified*
 * characters (什么, 显著, 著作权) that the standard step then leaves alone, so without these
 * identity entries simplified text would be altered (显著 → 显着). Within one dictionary group
 * opencc-js gives the *first* dictionary priority for a shared key (it loads the group in
 * reverse), so these go first; longer phrase entries still win by length. The price: TW 吃著
 * stays 吃著 (TW writes 著 for both 著 and 着), exactly as OpenCC's standard t→cn does.
 */
const KEEP_SIMPLIFIED: DictLike = [
  ['么', '么'],
  ['著', '著'],
];

let converter: ConverterFunction | undefined;

/** Built on first use (~10 ms, a few MB of tries); a module-level singleton afterwards. */
function getConverter(): ConverterFunction {
  if (converter === undefined) {
    const hk = from['hk'];
    const tw = from['tw'];
    const cn = to['cn'];
    if (!hk || !tw || !cn) throw new Error('opencc-js preset t2cn is missing hk/tw/cn dictionaries');
    // Group 1: regional variants → OpenCC standard traditional. Then the standard groups.
    converter = ConverterFactory([KEEP_SIMPLIFIED, ...hk.flat(), ...tw.flat()], ...cn);
  }
  return converter;
}

/**
 * Every dictionary key starts at or above U+2E80 (CJK radicals onwards), so text made only of
 * lower code points (ASCII, Latin, punctuation, digits) cannot change: skip the trie walk.
 */
const MAY_NEED_CONVERSION = /[^\u0000-\u2E7F]/;

/**
 * Traditional (standard, Hong Kong or Taiwan forms) → simplified Chinese.
 * 鴻達電纜 → 鸿达电缆, 臺灣/台灣 → 台湾, 電飯鍋 → 电饭锅, 衞生 → 卫生. Simplified input is
 * returned unchanged except for the few characters OpenCC itself folds (乾 → 干 …).
 * Cost: roughly 50–100 ms per million characters; no caching.
 */
export function toSimplified(text: string): string {
  if (!MAY_NEED_CONVERSION.test(text)) return text;
  return getConverter()(text);
}

/**
 * The folding applied to every indexed text field *and* every query, so that full-width vs
 * half-width, compatibility forms, invisible characters and traditional vs simplified script
 * never decide whether a record is found:
 *   NFKC (compatibility forms, CJK compatibility ideographs, ①→1, ㎏→kg)
 *   → zero-width and other format characters removed
 *   → full-width ASCII and the ideographic space to half-width (core/normalize toHalfWidth)
 *   → traditional to simplified.
 * Case, spacing, line breaks and punctuation are otherwise left alone (Meilisearch tokenizes
 * and lower-cases by itself).
 */
export function foldForIndex(text: string): string {
  return toSimplified(toHalfWidth(stripInvisible(text.normalize('NFKC'))));
}
