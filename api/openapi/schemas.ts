import { z } from 'zod';
import { errorSchema } from '../errors.ts';
import { lifecycleResultSchema } from '../services/admin.ts';
import { importReportSchema } from '../services/admin-import.ts';
import { changesResponseSchema } from '../services/changes-schemas.ts';
import { countResponseSchema } from '../services/count.ts';
import { enterpriseProfileSchema } from '../services/enterprise-schemas.ts';
import { metaSchema } from '../services/list-meta.ts';
import { recordResponseSchema } from '../services/record-schemas.ts';
import { screenResponseSchema } from '../services/screen-input.ts';
import { productItemSchema, screenProductsResponseSchema } from '../services/screen-products-input.ts';
import { searchResponseSchema, suggestResponseSchema } from '../services/search-schemas.ts';
import { failureRatesResponseSchema } from '../services/stats.ts';
import { downloadsResponseSchema } from '../services/downloads.ts';
import { codebookSchema } from '../services/codebook.ts';
import { datapackageSchema, dictionaryResponseSchema } from '../services/data-catalogue.ts';
import * as watchlistSchemas from '../services/watchlist-schemas.ts';

export type JsonSchema = Record<string, unknown> & { properties?: Record<string, JsonSchema>; required?: string[] };

/** The schemas the document names, by the id each carries in its zod `.meta({ id })`. */
const DOCUMENTED = [
  searchResponseSchema, suggestResponseSchema, countResponseSchema, recordResponseSchema, enterpriseProfileSchema,
  changesResponseSchema, screenResponseSchema, screenProductsResponseSchema, failureRatesResponseSchema, downloadsResponseSchema,
  dictionaryResponseSchema, datapackageSchema, codebookSchema,
  lifecycleResultSchema, importReportSchema, metaSchema, errorSchema,
  watchlistSchemas.watchlistsResponseSchema, watchlistSchemas.createdWatchlistSchema, watchlistSchemas.entriesAddedSchema, watchlistSchemas.entriesRemovedSchema, watchlistSchemas.entriesPageSchema,
  watchlistSchemas.eventsPageSchema, watchlistSchemas.replayResultSchema, watchlistSchemas.secretSchema, watchlistSchemas.deletedSchema,
];

const REF_PREFIX = '#/components/schemas/';

/**
 * `components.schemas`: every documented output schema and every named schema it uses (record types,
 * Enterprise, Verdict, SearchHit…), as JSON Schema 2020-12 of what the server sends (`io: 'output'`).
 */
export function componentSchemas(): Record<string, JsonSchema> {
  const all = z.toJSONSchema(z.globalRegistry, { io: 'output', unrepresentable: 'any', uri: (id) => `${REF_PREFIX}${id}`, override: withDiscriminator }).schemas as Record<string, JsonSchema>;
  const wanted = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith(REF_PREFIX)) {
        const id = value.slice(REF_PREFIX.length);
        if (!wanted.has(id)) {
          wanted.add(id);
          visit(all[id]);
        }
      } else visit(value);
    }
  };
  for (const schema of DOCUMENTED) visit({ $ref: `${REF_PREFIX}${z.globalRegistry.get(schema)?.id}` });
  // Inputs worth a name of their own (the registry's components above are outputs).
  const inputs = { ProductScreeningItem: inputSchema(productItemSchema) };
  return Object.fromEntries([...[...wanted].map((id) => [id, clean(all[id]!)] as const), ...Object.entries(inputs)].sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * A discriminated union (one record response per type, told apart by `type`) says so, with the
 * named schema of each value: generated clients in Java or Go then pick the right class.
 */
function withDiscriminator({ zodSchema, jsonSchema }: { zodSchema: unknown; jsonSchema: Record<string, unknown> }) {
  const def = (zodSchema as { _zod: { def: { type: string; discriminator?: string; options?: z.ZodObject[] } } })._zod.def;
  if (def.type !== 'union' || !def.discriminator || !def.options) return;
  const mapping: Record<string, string> = {};
  for (const option of def.options) {
    const id = z.globalRegistry.get(option)?.id;
    const value = (option.shape[def.discriminator] as z.ZodLiteral<string> | undefined)?.value;
    if (!id || typeof value !== 'string') return;
    mapping[value] = `${REF_PREFIX}${id}`;
  }
  jsonSchema.discriminator = { propertyName: def.discriminator, mapping };
}

/** A schema as a component: without the `$schema` and `$id` keywords that belong to a standalone document. */
function clean(schema: JsonSchema): JsonSchema {
  const { $schema: _schema, $id: _id, id: _plainId, ...rest } = schema;
  return rest;
}

/** The JSON Schema of what a client sends, from the same zod schema the server validates with. */
export const inputSchema = (schema: z.ZodType): JsonSchema => clean(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema);

export const ref = (name: string) => ({ $ref: `${REF_PREFIX}${name}` });
