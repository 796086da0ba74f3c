import type { Bilingual } from '../../core/labels.ts';
import { CJK } from '../../core/glossary.ts';
import type { RecordTypeDescriptor } from './descriptor.ts';
import { fieldDocsOf } from './dictionary.ts';
import { csvFieldsOf, type FieldKind } from './published-fields.ts';

/** One field of the data dictionary: a CSV column and (but for `source.*`, under `source`) an NDJSON key. */
export interface DictionaryField {
  name: string;
  kind: FieldKind;
  /** How the portal labels it in Chinese. */
  zh: string;
  /** What it means, in English. */
  en: string;
  example?: unknown;
  /** The column header regulators print for it (the first Chinese header the import accepts); null for fields the portal derives. */
  published: string | null;
  /** True for the fields every record type has. */
  common: boolean;
}

export interface TypeDictionary {
  type: string;
  label: Bilingual;
  fields: DictionaryField[];
}

/** The import's accepted headers are keyed by input field: `source.title` is read from `sourceTitle`. */
const inputKey = (name: string) => name.replace(/\.([a-z])/, (_, c: string) => c.toUpperCase());

/**
 * A type's data dictionary, from its descriptor: every column of its bulk CSV in order, with its
 * kind from the table, its words from `fieldDocsOf`, and the Chinese header publishers print
 * from the import's accepted headers. A field without words says so rather than vanishing.
 */
export function dictionaryOf(type: RecordTypeDescriptor): TypeDictionary {
  const docs = fieldDocsOf(type);
  const headers = type.import.headers;
  return {
    type: type.name,
    label: type.label,
    fields: csvFieldsOf(type).map((field) => {
      const doc = docs[field.name];
      const published = (headers[inputKey(field.name)] ?? headers[field.name] ?? []).find((h) => CJK.test(h)) ?? null;
      return { name: field.name, kind: field.kind, zh: doc?.zh ?? field.name, en: doc?.en ?? '', ...(doc && 'example' in doc ? { example: doc.example } : {}), published, common: field.common };
    }),
  };
}
