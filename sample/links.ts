/**
 * What the sample generators hand each other, so that the fictional records hang together: the
 * failed spot checks penalties follow from, the penalties that revoke a licence, and decision
 * numbers unique across every generated file. sample/types/registry.ts passes them along.
 */
import type { Rng } from './prng.ts';
import type { Authority } from './taxonomy.ts';

/** A failed sample, handed to the penalty and licence generators to build linked records. */
export interface SpotFailure {
  ent: number;
  date: string;
  category: string;
  product: string;
  model: string;
  items: string[];
  annNo: string;
  level: '国家' | '省级';
  designated: boolean;
}

/** A penalty that revoked a production licence; the licence generator publishes the revocation. */
export interface RevocationLink {
  ent: number;
  decisionNo: string;
  date: string;
  category: string;
  authority: Authority;
}

/** Decision document numbers, unique across all generated files (and the typical cases). */
export class DecisionNumbers {
  private readonly seq = new Map<string, number>();
  private readonly used = new Set<string>();
  private readonly r: Rng;

  constructor(r: Rng) {
    this.r = r;
  }

  /** Reserve a fixed number (e.g. one cited by a typical case); false if already taken. */
  reserve(no: string): boolean {
    if (this.used.has(no)) return false;
    this.used.add(no);
    return true;
  }

  next(a: Authority, date: string, word: string): string {
    const year = date.slice(0, 4);
    const key = `${a.id}|${year}|${word}`;
    for (;;) {
      const n = (this.seq.get(key) ?? this.r.int(0, 40)) + this.r.int(1, 25);
      this.seq.set(key, n);
      const no = a.id === 'samr' && word === '处罚' ? `国市监处〔${year}〕${n}号` : `${a.docPrefix}${word}〔${year}〕${n}号`;
      if (this.reserve(no)) return no;
    }
  }
}
