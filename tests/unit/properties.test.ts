import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDate } from '../../core/normalize/dates.ts';
import { containsUnmaskedPersonalData, maskPersonalData, residentIdCheckChar } from '../../core/normalize/mask.ts';
import { normalizeName, toHalfWidth } from '../../core/normalize/text.ts';
import { parseUscc, USCC_CHARSET, usccCheckChar } from '../../core/normalize/uscc.ts';
import { filterFor, FILTERS, quote } from '../../search/filters.ts';

const usccBody = fc.array(fc.constantFrom(...USCC_CHARSET), { minLength: 17, maxLength: 17 }).map((a) => a.join(''));
const fullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe('property: USCC', () => {
  it('every code with its computed check character parses back to itself, in any width or case', () => {
    fc.assert(
      fc.property(usccBody, fc.boolean(), fc.boolean(), (body, wide, lower) => {
        const code = body + usccCheckChar(body);
        let typed = lower ? code.toLowerCase() : code;
        if (wide) typed = fullWidth(typed);
        expect(parseUscc(typed)).toEqual({ ok: true, value: code });
      }),
    );
  });

  it('changing the check character always fails with a reason, never throws', () => {
    fc.assert(
      fc.property(usccBody, fc.constantFrom(...USCC_CHARSET), (body, other) => {
        const check = usccCheckChar(body);
        fc.pre(other !== check);
        const result = parseUscc(body + other);
        expect(result.ok).toBe(false);
      }),
    );
  });

  it('arbitrary text never throws', () => {
    fc.assert(fc.property(fc.string({ maxLength: 40 }), (s) => void parseUscc(s)));
  });
});

describe('property: dates', () => {
  it('every real date in every accepted spelling normalizes to the same ISO date', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
        const iso = `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
        for (const spelling of [iso, `${y}/${m}/${day}`, `${y}.${String(m).padStart(2, '0')}.${String(day).padStart(2, '0')}`, `${y}年${m}月${day}日`, fullWidth(iso)]) {
          expect(parseDate(spelling), spelling).toEqual({ ok: true, value: iso });
        }
      }),
    );
  });

  it('arbitrary text never throws', () => {
    fc.assert(fc.property(fc.string({ maxLength: 30 }), (s) => void parseDate(s)));
  });
});

describe('property: names', () => {
  it('normalization ignores width, case, spaces and zero-width characters, and is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        const n = normalizeName(s);
        expect(normalizeName(n)).toBe(n);
        expect(normalizeName(toHalfWidth(s))).toBe(n);
        expect(normalizeName(` ${s}\u200b `)).toBe(n);
      }),
    );
  });
});

describe('property: masking', () => {
  const mobile = fc.tuple(fc.constantFrom('3', '4', '5', '6', '7', '8', '9'), fc.stringMatching(/^\d{9}$/)).map(([a, b]) => `1${a}${b}`);
  const residentId = fc
    .tuple(fc.constantFrom('110101', '330106', '440305'), fc.date({ min: new Date('1940-01-01'), max: new Date('2010-12-31'), noInvalidDate: true }), fc.stringMatching(/^\d{3}$/))
    .map(([area, d, seq]) => {
      const first17 = `${area}${d.toISOString().slice(0, 10).replace(/-/g, '')}${seq}`;
      return first17 + residentIdCheckChar(first17);
    });

  it('no mobile number or resident ID survives masking, wherever it stands in Chinese text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 10 }), fc.oneof(mobile, residentId), fc.string({ maxLength: 10 }), (before, secret, after) => {
        const text = `${before}当事人${secret}称${after}`;
        const masked = maskPersonalData(text);
        expect(masked).not.toContain(secret);
        expect(containsUnmaskedPersonalData(masked)).toBe(false);
        expect(maskPersonalData(masked)).toBe(masked);
      }),
    );
  });
});

describe('property: filter builder', () => {
  it('a quoted value is one string literal whatever it contains: no way to close the quote', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const q = quote(s);
        // Unescape the literal the way Meilisearch reads it; it must give back exactly the input.
        expect(q.startsWith('"') && q.endsWith('"')).toBe(true);
        expect(q.slice(1, -1).replace(/\\(["\\])/g, '$1')).toBe(s);
        expect(/(^|[^\\])(\\\\)*"/.test(q.slice(1, -1))).toBe(false);
      }),
    );
  });

  it('only validated values reach a filter, each as one comparison of one attribute', () => {
    const names = ['region', 'category', 'campaign', 'result', 'penaltyType', 'authority'] as const;
    const vocabulary = (name: (typeof names)[number]) => {
      const options = (FILTERS[name]!.schema as { options?: string[] }).options;
      return options ? fc.oneof(fc.constantFrom(...options), fc.string({ maxLength: 20 })) : fc.string({ maxLength: 30 });
    };
    fc.assert(
      fc.property(fc.constantFrom(...names).chain((name) => fc.tuple(fc.constant(name), vocabulary(name))), ([name, value]) => {
        const parsed = FILTERS[name]!.schema.safeParse(value);
        if (!parsed.success) return;
        const index = name === 'penaltyType' ? 'penalties' : 'spot-checks';
        expect(filterFor(index, { [name]: parsed.data } as never)).toEqual([`${FILTERS[name]!.attribute} = ${quote(String(parsed.data))}`]);
      }),
    );
    // A value outside the vocabulary never gets that far.
    expect(FILTERS.region!.schema.safeParse('330000" OR type EXISTS').success).toBe(false);
    expect(FILTERS.authority!.schema.safeParse('a" OR 1=1').success).toBe(false);
  });
});
