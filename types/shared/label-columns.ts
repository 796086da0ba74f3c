import { LIST_SEPARATOR, snakeCase, type CsvColumn } from './csv.ts';
import type { RecordTypeDescriptor } from './descriptor.ts';
import { recordLabels } from './labels.ts';

/**
 * What a record found (`outcome_tone`: adverse, clean or neutral, and its words in both languages),
 * then the English of the type's coded fields (`result_en`, `penalty_types_en`…), from the same
 * glossary as the API's `labels`.
 */
export function labelColumns(type: RecordTypeDescriptor): CsvColumn[] {
  const english = (field: string) => (row: Record<string, unknown>) => {
    const said = recordLabels(type, row)[field];
    return Array.isArray(said) ? said.map((b) => b.en).join(LIST_SEPARATOR) : (said?.en ?? '');
  };
  return [
    { header: 'outcome_tone', cell: (row) => type.outcome(row).tone },
    { header: 'outcome_label', cell: (row) => type.outcome(row).label.zh },
    { header: 'outcome_label_en', cell: (row) => type.outcome(row).label.en },
    ...Object.keys(type.vocabularies ?? {}).map((field) => ({ header: `${snakeCase(field)}_en`, cell: english(field) })),
  ];
}
