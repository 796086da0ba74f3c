import { z } from 'zod';
import { PARTY_ROLES } from '../../core/normalize/parties.ts';
import { enterprises } from '../../db/schema/index.ts';
import type { FieldDoc } from '../../types/shared/descriptor.ts';
import { FLAG_NAMES, type EnterpriseFacts, type ProfileExtras } from '../../types/enterprise-facts.ts';
import { TYPES } from '../../types/registry.ts';
import { columnsShapeOf, typedSchema } from '../../types/shared/record-schema.ts';
import { bilingualSchema, outcomeSchema, recordTypeSchema } from './record-schemas.ts';

/** The enterprise register's fields, described once. */
export const ENTERPRISE_FIELD_DOCS: Record<string, FieldDoc> = {
  id: { zh: '企业编号', en: 'The profile’s stable id: /enterprises/<id>, or <uscc> when it has one.', example: 'ent-91330100' },
  uscc: { zh: '统一社会信用代码', en: 'Unified social credit code (18 characters); null when no record published it in full.', example: '91330110MA2XXXXX0X' },
  name: { zh: '企业名称', en: 'The registered name, as the records publish it.', example: '杭州示例电缆有限公司' },
  englishName: { zh: '英文名称', en: 'Its confirmed English name (from an enterprise directory); null when none is known.', example: 'Hangzhou Example Cable Co., Ltd.' },
  aliases: { zh: '曾用名及别名', en: 'Former names and other spellings the records use.', example: ['杭州示例线缆厂'] },
  brands: { zh: '品牌', en: 'Brands its products carry in the records.', example: ['示例牌'] },
  kind: { zh: '主体类型', en: 'An enterprise, or a natural person (an individual business).', example: 'enterprise' },
  regionCode: { zh: '行政区划代码', en: 'Six-digit administrative division code of its address; null when unknown.', example: '330110' },
  address: { zh: '地址', en: 'Its address, as published; null when unknown.', example: '浙江省杭州市余杭区示例路1号' },
};

type EnterpriseRow = typeof enterprises.$inferSelect;
export type Enterprise = Pick<EnterpriseRow, 'id' | 'uscc' | 'name' | 'englishName' | 'aliases' | 'brands' | 'kind' | 'regionCode' | 'address'>;
export const enterpriseSchema = typedSchema<Enterprise>(
  z
    .object(columnsShapeOf(enterprises, ENTERPRISE_FIELD_DOCS, 'enterprises', Object.keys(ENTERPRISE_FIELD_DOCS)))
    .meta({ id: 'Enterprise', description: 'An enterprise as the register knows it' }),
);

/** A fact's JSON type from its empty value: counts, yes/no, and dates that are null until a record sets them. */
const factSchema = (empty: unknown) => (typeof empty === 'boolean' ? z.boolean() : typeof empty === 'number' ? z.number() : z.string().nullable());
const FACT_SHAPE = Object.fromEntries(
  TYPES.flatMap((t) =>
    Object.entries((t.facts?.empty() ?? {}) as Record<string, unknown>).map(([name, empty]) => [
      name,
      factSchema(empty).describe((t.facts!.docs as Record<string, string>)[name] ?? `From its ${t.name} records`),
    ]),
  ),
);

/** The facts behind an enterprise's verdict: what each record type contributes (types/<name>/ `facts`). */
export const verdictSchema = typedSchema<EnterpriseFacts>(z.object(FACT_SHAPE).meta({ id: 'Verdict', description: 'The facts behind the enterprise’s verdict: counts of its records, failures, penalties, revoked licences… (published and corrected records only)' }));
export const flagsSchema = typedSchema<Record<string, unknown>>(
  z.object(Object.fromEntries(FLAG_NAMES.map((name) => [name, FACT_SHAPE[name]!]))).describe('The facts that flag it (a repeat failure, a revoked licence…)'),
);

export const timelineEntrySchema = z
  .object({
    type: recordTypeSchema,
    id: z.string().describe('The record’s id'),
    url: z.string().describe('Path of the record page'),
    date: z.string().describe('The record’s own date (YYYY-MM-DD)'),
    title: z.string().describe('Its title, in the language of its announcement'),
    summary: z.string().describe('A line of what the record says (the failed items, the penalty)'),
    heading: bilingualSchema.describe('The record without its outcome, in both languages'),
    outcome: outcomeSchema,
    adverse: z.boolean().describe('Whether it counts against the enterprise (outcome.tone is adverse)'),
    roles: z.array(z.enum(PARTY_ROLES)).describe('The enterprise’s roles in the record'),
    made: z.boolean().describe('False when it only sold, distributed, imported or was sampled: the product was not its own'),
  })
  .meta({ id: 'TimelineEntry', description: 'One record about the enterprise, on its timeline' });

const profileShape = {
  enterprise: enterpriseSchema,
  facts: verdictSchema,
  flags: flagsSchema,
  timeline: z.array(timelineEntrySchema).describe('Every visible record about it, newest first (foreign alerts are in their own section)'),
};

export type EnterpriseProfile = z.output<z.ZodObject<typeof profileShape>> & ProfileExtras;

/** An enterprise profile; the types add their own sections beside these (licences revoked, foreign alerts). */
export const enterpriseProfileSchema = typedSchema<EnterpriseProfile>(
  z.looseObject(profileShape).meta({ id: 'EnterpriseProfile', description: 'An enterprise, the facts behind its verdict, its flags and its timeline; record types may add sections of their own (crossBorderAlerts…)' }),
);
