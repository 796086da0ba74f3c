import { describe, it, expect } from 'vitest';
import { foldForIndex, toSimplified } from '../../core/text/index.ts';

describe('toSimplified', () => {
  it('folds standard, Hong Kong and Taiwan traditional forms to simplified', () => {
    expect(toSimplified('鴻達電纜')).toBe('鸿达电缆');
    expect(toSimplified('臺灣')).toBe('台湾');
    expect(toSimplified('台灣')).toBe('台湾');
    expect(toSimplified('電飯鍋')).toBe('电饭锅');
    expect(toSimplified('燃氣熱水器')).toBe('燃气热水器');
    expect(toSimplified('線纜 麵包 裡面 爲 羣衆')).toBe('线缆 面包 里面 为 群众');
    // Hong Kong variant characters the plain t→cn conversion misses.
    expect(toSimplified('衞生 枱燈 化粧品')).toBe('卫生 台灯 化妆品');
  });

  it('leaves simplified text alone, including 么 and 著', () => {
    const simplified = '鸿达电缆有限公司生产的电线电缆 什么 显著 著作权 吃着 台湾 燃气热水器';
    expect(toSimplified(simplified)).toBe(simplified);
  });

  it('does not convert regional vocabulary, only characters', () => {
    expect(toSimplified('軟體')).toBe('软体');
  });

  it('passes non-Chinese text through unchanged', () => {
    expect(toSimplified('')).toBe('');
    expect(toSimplified('TCL 3C-2023 (ok)')).toBe('TCL 3C-2023 (ok)');
  });

  it('converts a million characters quickly (timing logged, not asserted)', () => {
    const sample = '浙江鴻達電纜有限公司生產的電線電纜產品經抽查不合格，燃氣熱水器、電飯鍋 ABC-123 臺灣 ';
    const text = sample.repeat(Math.ceil(1_000_000 / sample.length)).slice(0, 1_000_000);
    toSimplified('預熱'); // build the converter outside the measurement
    const start = performance.now();
    const out = toSimplified(text);
    const ms = performance.now() - start;
    const foldStart = performance.now();
    const folded = foldForIndex(text);
    const foldMs = performance.now() - foldStart;
    console.log(
      `toSimplified: 1,000,000 characters in ${ms.toFixed(1)} ms; foldForIndex: ${foldMs.toFixed(1)} ms`,
    );
    expect(out.startsWith('浙江鸿达电缆有限公司生产的电线电缆产品')).toBe(true);
    expect(folded.length).toBe(out.length);
  });
});

describe('foldForIndex', () => {
  it('folds width, compatibility forms, invisible characters and script', () => {
    expect(foldForIndex('ＡＢＣ　鴻達\u200b電纜（杭州）')).toBe('ABC 鸿达电缆(杭州)');
    expect(foldForIndex('①號')).toBe('1号');
  });

  it('makes traditional and simplified spellings equal', () => {
    for (const [traditional, simplified] of [
      ['鴻達電纜有限公司', '鸿达电缆有限公司'],
      ['臺灣電飯鍋', '台湾电饭锅'],
      ['燃氣熱水器', '燃气热水器'],
    ] as const) {
      expect(foldForIndex(traditional)).toBe(foldForIndex(simplified));
    }
  });

  it('keeps case and line breaks (Meilisearch tokenizes itself)', () => {
    expect(foldForIndex('Cable\n電纜')).toBe('Cable\n电缆');
  });
});
