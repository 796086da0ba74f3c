import { z } from 'zod';
import type { Portal } from '../portal.ts';
import { portalInfo, type PortalInfo } from './portal-info.ts';

/** The deepest a client can page (Meilisearch's maxTotalHits); beyond it, narrow the filters. */
export const MAX_OFFSET = 10_000;

/** Paging position, opaque to clients: base64url JSON, so its form can change without breaking them. */
export const cursor = {
  encode: (offset: number) => Buffer.from(JSON.stringify({ o: offset })).toString('base64url'),
  decode: (value: string): number | undefined => {
    try {
      const { o } = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as { o?: unknown };
      return Number.isInteger(o) && (o as number) >= 0 && (o as number) <= MAX_OFFSET ? (o as number) : undefined;
    } catch {
      return undefined;
    }
  },
};

export const DATA_LICENSE = 'CC BY 4.0 — cite the publishing authority and this portal';
/** The same licence as machines name it: its SPDX id and the licence's own address. */
export const DATA_LICENSE_SPDX = 'CC-BY-4.0';
export const DATA_LICENSE_URL = 'https://creativecommons.org/licenses/by/4.0/';
export const DISCLAIMER =
  'Records are published by the named authorities; their announcements are authoritative. 信息以发布机关公布的原文为准。';

/** The `meta` block every list response carries. */
export interface ListMeta {
  total: number;
  next_cursor: string | null;
  last_updated: string | null;
  license: string;
  disclaimer: string;
  /** True while the generated, fictional sample data is loaded. */
  sample_data: boolean;
}

export async function listMeta(portal: Portal, page: { total: number; nextOffset?: number }): Promise<ListMeta> {
  return {
    total: page.total,
    next_cursor: page.nextOffset === undefined ? null : cursor.encode(page.nextOffset),
    ...aboutTheData(await portalInfo(portal)),
  };
}

/** Freshness and licence: what every answer's `meta` says about the data (lists, screening). */
export const aboutTheData = (info: PortalInfo) => ({
  last_updated: info.lastImportAt,
  license: DATA_LICENSE,
  disclaimer: DISCLAIMER,
  sample_data: info.sampleData,
});

/** The schema of `aboutTheData`'s fields, for the `meta` of every answer. */
export const aboutTheDataSchema = {
  last_updated: z.string().nullable().describe('When the data was last imported (ISO 8601)'),
  license: z.string().describe('The data licence and how to cite'),
  disclaimer: z.string().describe('Whose announcements are authoritative'),
  sample_data: z.boolean().describe('True while generated, fictional sample data is served'),
};

/** `meta` as the OpenAPI document and the procedures' outputs describe it. */
export const metaSchema = z
  .object({
    total: z.number().int().describe('How many items match (for a search: see total_exact)'),
    next_cursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page'),
    ...aboutTheDataSchema,
    last_updated: aboutTheDataSchema.last_updated.describe('When the data was last imported (ISO 8601); null before the first import'),
  })
  .meta({ id: 'Meta', description: 'What every list response carries: paging, freshness, licence' });
