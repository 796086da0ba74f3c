import { describe, expect, it } from 'vitest';
import { TYPES } from '../../types/registry.ts';
import { COMMON_FIELD_DOCS } from '../../types/shared/dictionary.ts';
import { dictionaryOf } from '../../types/shared/data-dictionary.ts';

describe('data dictionary', () => {
  it('describes every published field of every type in Chinese and English', () => {
    for (const type of TYPES) {
      const { fields } = dictionaryOf(type);
      expect(fields.length, type.name).toBeGreaterThan(20);
      for (const field of fields) {
        expect(field.zh, `${type.name}.${field.name}`).toMatch(/[\u4e00-\u9fff]/);
        expect(field.en.length, `${type.name}.${field.name}`).toBeGreaterThan(10);
      }
    }
  });

  it('has no words for fields that no type publishes', () => {
    const published = new Set(TYPES.flatMap((t) => dictionaryOf(t).fields.map((f) => f.name)));
    for (const name of Object.keys(COMMON_FIELD_DOCS).filter((n) => n !== 'source')) expect(published.has(name), name).toBe(true);
    for (const type of TYPES) {
      const own = new Set(dictionaryOf(type).fields.map((f) => f.name));
      for (const name of Object.keys(type.dictionary ?? {})) expect(own.has(name), `${type.name}.${name}`).toBe(true);
    }
  });

  it('names the header regulators print where the import reads one', () => {
    const penalties = dictionaryOf(TYPES.find((t) => t.name === 'penalties')!);
    expect(penalties.fields.find((f) => f.name === 'decisionNo')?.published).toBe('行政处罚决定书文号');
    expect(penalties.fields.find((f) => f.name === 'source.title')?.published).toBe('公告标题');
    expect(penalties.fields.find((f) => f.name === 'version')?.published).toBeNull();
  });
});
