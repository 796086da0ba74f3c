import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';

// Without a CJK font Chromium draws Chinese as boxes: screenshots and what a reader sees are wrong.
const CJK_FONT_DIR = '/usr/share/fonts/opentype/noto';
const hasCjkFont = () => existsSync(CJK_FONT_DIR) && readdirSync(CJK_FONT_DIR).some((f) => /CJK/i.test(f));

/**
 * Browser tests drive Debian's Chromium (no browser downloads here) with Debian's Noto CJK fonts.
 * On a fresh machine, when we run as root, install what is missing with apt; otherwise say exactly how to.
 */
export function ensureChromium(): void {
  const missing = [...(existsSync(CHROMIUM) ? [] : ['chromium']), ...(hasCjkFont() ? [] : ['fonts-noto-cjk'])];
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    if (missing.includes('chromium')) throw new Error(`Chromium is missing at ${CHROMIUM}. Install it with: sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`);
    console.warn('[test setup] no CJK font: Chinese renders as boxes in screenshots. Install it with: sudo apt-get install -y fonts-noto-cjk');
    return;
  }
  console.log(`[test setup] installing Debian ${missing.join(' and ')} (apt-get install -y ${missing.join(' ')})…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
  if (!existsSync(CHROMIUM)) throw new Error(`apt-get installed chromium, but ${CHROMIUM} is still missing`);
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
