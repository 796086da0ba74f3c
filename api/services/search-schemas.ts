import { z } from 'zod';
import { RECORD_TYPES } from '../../types/registry.ts';
import { metaSchema } from './list-meta.ts';
import { bilingualSchema, outcomeSchema } from './record-schemas.ts';

const indexNameSchema = z.enum([...RECORD_TYPES, 'enterprises']).describe('The hit’s type: a record type, or enterprises');

export const searchHitSchema = z
  .object({
    type: indexNameSchema,
    id: z.string().describe('The record’s or enterprise’s id'),
    title: z.string().describe('Its title, in the language of its announcement'),
    subtitle: z.string().optional().describe('The firm it names, or an enterprise’s USCC'),
    url: z.string().describe('Path of its page; add `.json` for its data'),
    publishedAt: z.string().optional().describe('Records: publication date (YYYY-MM-DD)'),
    highlight: z
      .object({
        title: z.string().optional().describe('The title as HTML: escaped text with the matched words in <mark>'),
        subtitle: z.string().optional().describe('The subtitle as HTML, the same way'),
      })
      .optional()
      .describe('The matched words, marked'),
    heading: bilingualSchema.optional().describe('Records: the title without its outcome, in Chinese and English (published names stay as published)'),
    subtitleEn: z.string().optional().describe('Records: the firm `subtitle` names, by its known English name (from an enterprise directory)'),
    outcome: outcomeSchema.optional().describe('Records: what the record found, as its badge says it'),
    status: z.string().optional().describe('Records: published, or corrected when a newer version replaced the first'),
    authority: z.string().optional().describe('Records: the publishing authority as published'),
  })
  .meta({ id: 'SearchHit', description: 'One hit of a search: a record or an enterprise' });

const namedEnterpriseSchema = z
  .object({
    id: z.string().describe('The enterprise’s id'),
    name: z.string().describe('Its name'),
    url: z.string().describe('Path of its profile'),
    by: z.enum(['name', 'alias', 'english-name', 'pinyin', 'core-name']).describe('What in the query matched'),
  })
  .describe('The one enterprise the query names (full name, alias, English name, pinyin, or a core name only one enterprise has); absent when none or several do');

export const searchResponseSchema = z
  .object({
    hits: z.array(searchHitSchema).describe('The hits of this page, best first (or in the order asked)'),
    facets: z.partialRecord(z.string(), z.record(z.string(), z.number().int())).describe('Counts per value of each facet (category, region, year…) over every match'),
    identifier: z.object({ kind: z.string().describe('uscc, license or decision'), value: z.string().describe('The identifier, normalised') }).optional().describe('Set when the query was an identifier answered exactly'),
    groups: z
      .partialRecord(z.string(), z.object({ hits: z.array(searchHitSchema).describe('Its best hits'), total: z.number().int().describe('How many of its records match') }))
      .optional()
      .describe('With group=type: the best hits of each type, separately'),
    answer: namedEnterpriseSchema.optional(),
    meta: metaSchema.extend({
      total_exact: z.boolean().describe('False when total is a lower bound (more matches than are counted)'),
      degraded: z.boolean().describe('True when the search engine was unreachable and PostgreSQL answered (fewer features, same shape)'),
      query: z.string().describe('The query as understood (trimmed)'),
      type: indexNameSchema.optional(),
      sort: z.string().describe('relevance, newest or oldest'),
      filters: z.partialRecord(z.string(), z.union([z.string(), z.number()])).describe('The filters applied'),
    }).describe('Paging, freshness and licence, and the question as understood'),
  })
  .meta({ id: 'SearchResponse', description: 'A page of search hits with facets and meta' });

export const suggestResponseSchema = z
  .object({
    suggestions: z.array(
      z.object({
        text: z.string().describe('The name or brand to show'),
        kind: z.enum(['enterprise', 'brand']).describe('What it is'),
        url: z.string().describe('Where choosing it leads: the profile for an enterprise, a search for a brand'),
      }),
    ).describe('Names and brands that start with (or contain) the prefix'),
  })
  .meta({ id: 'SuggestResponse', description: 'Enterprise and brand names for search-as-you-type' });
