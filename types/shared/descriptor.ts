import type { BuildColumns, Column, SQL } from 'drizzle-orm';
import type { PgTableWithColumns } from 'drizzle-orm/pg-core';
import type { Settings } from 'meilisearch';
import type { z } from 'zod';
import type { Bilingual, Lang, Outcome } from '../../core/labels.ts';
import type { PartyRole } from '../../core/normalize/parties.ts';
import type { Database } from '../../db/client.ts';
import type { recordColumns } from '../../db/schema/common.ts';
import type { CsvColumn } from './csv.ts';

/** Any record type's table: the columns every record table has (db/schema/common.ts), and more. */
export type RecordTable = PgTableWithColumns<{
  name: string;
  schema: undefined;
  columns: BuildColumns<string, ReturnType<typeof recordColumns>, 'pg'>;
  dialect: 'pg';
}>;

/** A database handle or a transaction: what hooks that read or write need. */
export type Queryable = Pick<Database, 'select' | 'update' | 'insert' | 'execute'>;

/** A party a record names, as the import links it to an enterprise profile. */
export interface PartyRef {
  role: PartyRole;
  name: string;
  /** A complete USCC, the profile's key; a partly masked one is only `publishedUscc`. */
  uscc?: string;
  publishedUscc?: string;
  address?: string;
  kind: 'enterprise' | 'person';
  brands?: string[];
  regionCode?: string;
  annotation?: string;
  /** The record's own link column this party fills (the first party of its role). */
  column?: string;
  /** False for a name that must not get a profile (an anonymised party such as 某电缆有限公司). */
  link: boolean;
}

type AnySchema = z.ZodType<Record<string, unknown>, Record<string, unknown>>;

/** How rows of a file become records of the type. */
export interface ImportDescriptor {
  schema: AnySchema;
  /** Accepted header names per field, Chinese and English. */
  headers: Record<string, string[]>;
  /** The parts that identify a record across re-imports. */
  naturalKey(input: Record<string, unknown>): (string | undefined)[];
  /** `slug`: the natural key itself is the id (typical cases); otherwise `<idPrefix>-<hash>`. */
  idPrefix: string | 'slug';
  parties(input: Record<string, unknown>): PartyRef[];
  /** A natural person's name as the file gave it, so it can be masked wherever the row repeats it. */
  personName?(input: Record<string, unknown>, raw: Record<string, string>): string | undefined;
  /**
   * For types published as lists of tested batches: the fields holding a row's result, its
   * failed items and its product kind, so a list without a result column or with section rows
   * (`1、柴油机油`) can still be read.
   */
  list?: { resultField: string; itemsField: string; kindField: string };
  /**
   * For types read in several publishers' own shapes (foreign alerts): the publisher a table's
   * headers show, unless `--source` names it, and the values that publisher implies for the fields
   * no column gives (its authority, jurisdiction, licence).
   */
  sources?: { ids: readonly string[]; recognise(headers: string[]): string | undefined; values(id: string): Record<string, string> };
  /**
   * Links the records' parties by the type's own rule instead of finding or creating a profile by
   * USCC or name (foreign alerts link existing profiles on a strong match only): per table row
   * about to be written, the columns to set (its matches, `enterpriseIds`, `namedParties`…).
   */
  link?(db: Queryable, rows: Record<string, unknown>[]): Promise<Record<string, unknown>[]>;
}

/** A filter (and facet) a type adds to search: validated values only, never user syntax. */
export interface TypeFilter {
  schema: z.ZodType<string>;
  /** The document attribute in Meilisearch. */
  attribute: string;
  /** The same condition in SQL, for the degraded search. */
  sql(value: string): SQL;
  /** Facet heading and value labels on pages. */
  title: Bilingual;
  value(value: string): Bilingual | undefined;
}

/** What a type contributes to the facts behind an enterprise's verdict. */
export interface FactsDescriptor<F extends object = Record<string, unknown>> {
  /** The columns each record contributes (besides its parties). */
  columns: Record<string, Column>;
  empty(): F;
  /** Adds one record naming the enterprise; `made` is false where it only sold or was sampled. */
  add(facts: F, row: Record<string, unknown>, made: boolean, today: string): void;
  finish?(facts: F): void;
  /** How many of its records a profile counts. */
  count(facts: F): number;
  /** The facts that flag an enterprise (a repeat failure, a revoked licence): the API's `flags`. */
  flags?: readonly (keyof F & string)[];
  /** The counts screening reports for each match: the API's `records`. */
  counts?: readonly (keyof F & string)[];
  /** What each fact means, in English: the OpenAPI document's `Verdict`. */
  docs: Record<Exclude<keyof F, 'failureDates'> & string, string>;
}

/** Which of a type's records product screening may answer, and where each compared field is. */
export interface ProductScreeningDescriptor {
  /** The records it may answer (visible ones only are asked for besides): failed batches, every alert. */
  where: SQL;
  /** The row property holding each field; absent where the type does not publish it. */
  fields: {
    productName: string;
    brand: string;
    model: string;
    batch?: string;
    batchDate?: string;
    manufacturerName?: string;
    manufacturerUscc?: string;
    barcodes?: string;
    platform?: string;
    store?: string;
  };
  /** The records naming one of these enterprises as the maker (an indexed condition). */
  byMakers(ids: string[]): SQL;
  /** The enterprises a row names as the maker. */
  makers(row: Record<string, unknown>): string[];
  /** What the record found wrong, in its own words (the failed items, the hazard). */
  finding(row: Record<string, unknown>): string | undefined;
}

/** A chart's rows as CSV columns: codes, names in both languages, plain numbers. */
export type CsvTable = { head: string[]; rows: (string | number | null)[][] };

/** The statistics a type publishes (on /stats, as CSV, and through the API). */
export interface StatsDescriptor {
  /** Named aggregations over the type's visible records; the API caches each for a minute. */
  data: Record<string, (db: Database) => Promise<unknown>>;
  /** Its charts on /stats, each also a CSV (`/stats/<slug>.csv`), built from the (cached) data. */
  charts: { slug: string; /** Its entry in the list of charts. */ toc: Bilingual; csv(get: <T>(name: string) => Promise<T>): Promise<CsvTable> }[];
}

/** One published field, as the data dictionary, the OpenAPI document and the downloads' datapackage describe it. */
export interface FieldDoc {
  /** Its Chinese label, as the portal's pages and CSV headers name it. */
  zh: string;
  /** What it means, in English (a sentence; say where the value comes from and its unit or format). */
  en: string;
  /** A typical value, fictional where it would name a real company. */
  example?: unknown;
}

export interface RecordTypeDescriptor {
  /** The stable name used everywhere: URLs, API paths, index names, file names. */
  name: string;
  /** How pages, feeds and exports name the type (a list heading). */
  label: Bilingual;
  /** One record of the type ("spot-check record"), as a not-found page names it. */
  record: Bilingual;
  /** The entry in the site's navigation: where the type's list is. */
  nav: { path: string; label: Bilingual };
  table: RecordTable;
  import: ImportDescriptor;
  /** One record in words, in the language of its announcement (Chinese): search hits, feeds, timelines, related records. */
  title(row: Record<string, unknown>): string;
  subtitle(row: Record<string, unknown>): string | undefined;
  /** A one-line description for feeds. */
  summary(row: Record<string, unknown>): string;
  /** The record's own date (a decision date, or the publication date). */
  date(row: Record<string, unknown>): string;
  /** The record without its outcome, in a language (fixed vocabularies translated, published names as they are): beside its badge. */
  heading(row: Record<string, unknown>, lang: Lang): string;
  /**
   * What the record found, as its badge shows it everywhere (passed, failed, revoked, penalty…):
   * `adverse` counts against the enterprise it names, `clean` is a pass, `neutral` neither.
   */
  outcome(row: Record<string, unknown>): Outcome;
  /** Every field of its records beyond the common ones (types/shared/dictionary.ts), described once: see `fieldDocsOf`. */
  dictionary?: Record<string, FieldDoc>;
  /** The type's coded fields and how each value reads in both languages (result, penalty kinds…): the API's `labels`, CSV `_en` columns. */
  vocabularies?: Record<string, (value: string) => Bilingual | undefined>;
  search: {
    settings: Settings;
    document(row: Record<string, unknown>): { id: string };
    /** While Meilisearch is down: columns searched by substring, and those an identifier must equal. */
    fallback: { text: Column[]; identifiers: Column[] };
  };
  /**
   * Its own columns in `/export.csv`, in the order a reader wants them; the export puts the id and
   * status before them and what every record has (category, authority, region, announcement,
   * dates, URLs: `RECORD_CSV_TAIL`) after them.
   */
  csv: CsvColumn[];
  /** Filters and facets beyond the common ones (region, category, campaign, year, authority). */
  filters?: Record<string, TypeFilter>;
  /** Fields `/count` can group by beyond the common ones, as SQL over the type's table. */
  countable?: Record<string, SQL>;
  /** A disclosure period that ends: records past it expire (leave search, keep a tombstone). */
  expiry?: {
    column: Column;
    /** The reason written on expired records (stored, so it stays as it is). */
    reason: string;
    /** The same reason as pages show it. */
    label: Bilingual;
    /** What expires, in English: one and many. */
    noun: [string, string];
  };
  facts?: FactsDescriptor<any>;
  /** The records of the same announcement a reader of one wants next (its other failures). */
  announcementSiblings?: SQL;
  /** Other records about the same enterprise show these (penalty and licence decisions). */
  relatedByEnterprise?: true;
  /** Decision numbers a record carries, and the ones it cites (a typical case citing penalties). */
  decisionNumbers?: Column;
  citesDecisions?: Column;
  /** The failures each campaign counts among the type's records (failed spot checks), and the search query that lists them. */
  campaignFailures?: { count: SQL; query: string };
  /** Product screening answers platforms' listings from these records (api/services/screen-products.ts). */
  products?: ProductScreeningDescriptor;
  /** Identifiers screening answers from this type's records (licence numbers). */
  screening?: { query: 'licenseNo'; reason: string; key(raw: string): string; keySql: SQL };
  /** Campaign pages and the type's own listing show its records as cards (typical cases). */
  cards?: true;
  stats?: StatsDescriptor;
  /** Extra data an enterprise profile shows from this type's records about it (revoked licences…). */
  profile?(rows: Record<string, unknown>[], enterpriseId: string): Record<string, unknown>;
  /** Its records have a section of their own on a profile (site/types/<name>/profile.ts), not a place in its timeline or verdict. */
  ownSection?: true;
  /**
   * Matches the type's records again after profiles changed (new enterprises, English names from
   * a directory): the records whose links changed, and the profiles they were or now are linked to.
   */
  relink?(db: Queryable, enterpriseIds: string[]): Promise<{ records: { id: string; version: number }[]; enterprises: string[] }>;
  /** Records republished from publishers with licences of their own (kept on every record), for the data page. */
  licences?: { name: Bilingual; licence: string }[];
}

/** The lookups that need the database, bound per call (services pass their handle). */
export type WithDb<T> = (db: Database) => T;
