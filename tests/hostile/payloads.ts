/**
 * Hostile text values, as a user or a script would put them into a search box, a query
 * parameter or a path segment. Each is sent percent-encoded where a URL needs it (`encoded`),
 * and some are raw percent sequences that are themselves the attack (`raw`).
 */
export interface Payload {
  name: string;
  /** The text itself (sent through encodeURIComponent). */
  text?: string;
  /** Already percent-encoded bytes, sent exactly as written (broken UTF-8, NUL, encoded slashes). */
  raw?: string;
}

const combining = `e${'\u0301'.repeat(500)}`;

export const TEXT_PAYLOADS: Payload[] = [
  // SQL and Meilisearch filter injection: must stay plain text or be a 400, never syntax.
  { name: 'sql tautology', text: "' OR '1'='1' --" },
  { name: 'sql stacked drop', text: "'; DROP TABLE spot_checks; --" },
  { name: 'sql union', text: '1) UNION SELECT usename, passwd FROM pg_shadow --' },
  { name: 'sql sleep', text: "%' AND pg_sleep(10) IS NULL AND '%'='" },
  { name: 'sql like wildcards', text: '%_%\\' },
  { name: 'meili filter or', text: 'spot-checks" OR type EXISTS' },
  { name: 'meili filter status', text: 'x" OR status = "withdrawn' },
  { name: 'meili geo', text: '_geoRadius(0, 0, 1) OR id EXISTS' },
  // Script injection: HTML pages must escape it.
  { name: 'script tag', text: '<script>alert(1)</script>' },
  { name: 'img onerror', text: '"><img src=x onerror=alert(1)>' },
  { name: 'svg in title', text: '</title><svg onload=alert(1)>' },
  { name: 'javascript url', text: 'javascript:alert(document.cookie)' },
  { name: 'template syntax', text: '{{7*7}}${7*7}<%= 7*7 %>' },
  // Odd Unicode.
  { name: 'rtl override', text: '\u202Egnp.exe\u202C电缆' },
  { name: 'zero width', text: '电\u200B\u200C\u200D\uFEFF缆' },
  { name: 'combining marks', text: combining },
  { name: 'full width', text: 'ＳＥＬＥＣＴ　＊　ＦＲＯＭ　ｘ' },
  { name: 'emoji and astral', text: '👨‍👩‍👧‍👦𠜎𝕏' },
  { name: 'lone surrogate bytes', raw: '%ED%A0%80' },
  { name: 'overlong utf-8 dot', raw: '%C0%AE%C0%AE%C0%AF' },
  { name: 'invalid percent', raw: '%E0%A4%A' },
  // NUL bytes and control characters.
  { name: 'encoded nul', raw: 'abc%00def' },
  { name: 'control characters', raw: '%01%02%1B%5B31m%7F' },
  { name: 'crlf header injection', raw: 'x%0D%0ASet-Cookie:%20pwned=1' },
  // Path traversal as a value.
  { name: 'dot dot slash', text: '../../../../etc/passwd' },
  { name: 'encoded dot dot', raw: '%2e%2e%2f%2e%2e%2fetc%2fpasswd' },
  { name: 'double encoded', raw: '%252e%252e%252fetc%252fpasswd' },
  { name: 'backslashes', raw: '..%5C..%5Cpackage.json' },
  // Long values: 5,000 characters fits a URL; 100,000 is sent in bodies and as one header test.
  { name: '5k characters', text: '电'.repeat(5000) },
];

/** Paging values that must be a 400 (or clamped to a sane page on HTML pages), never a 500. */
export const PAGING_VALUES = ['-1', '0', '1e309', 'NaN', 'Infinity', '1.5', '99999999999999999999', '0x10', '%00', '', '-0', '1e3'];

/** A 100,000-character value for bodies. */
export const HUGE_TEXT = 'A'.repeat(100_000);

export const encodePayload = (p: Payload) => p.raw ?? encodeURIComponent(p.text!);

/** Strings that would prove an HTML page reflected the input unescaped. */
export const HTML_MARKERS = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '<svg onload=alert(1)>'];
