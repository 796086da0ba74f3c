import { createConfig, lintFromString } from '@redocly/openapi-core';
import spectralCore from '@stoplight/spectral-core';
import spectralParsers from '@stoplight/spectral-parsers';
import spectralRulesets from '@stoplight/spectral-rulesets';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../api/openapi/index.ts';
import { RECORD_TYPES } from '../../types/registry.ts';
import { COUNT_FIELDS_BY_TYPE } from '../../api/services/count.ts';

/**
 * The document platforms generate clients from: both linters a platform would run report nothing,
 * every schema compiles with Ajv (JSON Schema 2020-12, as OpenAPI 3.1 uses), and every example an
 * operation shows is valid against the schema it illustrates.
 */
const doc = openApiDocument() as {
  paths: Record<string, Record<string, { operationId: string; parameters?: { name: string; schema: Record<string, unknown> }[]; responses: Record<string, { content?: Record<string, { schema: unknown; example?: unknown }> } | { $ref: string }> }>>;
  components: { schemas: Record<string, unknown> };
};
const text = JSON.stringify(doc);

function ajvWithComponents() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema({ $id: 'doc', components: doc.components }, 'doc');
  return ajv;
}
/** A schema of the document, its `#/components/...` refs resolved inside the document. */
const resolvable = (schema: unknown) => JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/'));

describe('the OpenAPI document', () => {
  it('has no problem Redocly’s recommended rules find', async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: text, absoluteRef: '/openapi.json', config });
    expect(problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} @ ${p.location[0]?.pointer}`)).toEqual([]);
  }, 60_000);

  it('has no problem Spectral’s spectral:oas ruleset finds', async () => {
    const spectral = new spectralCore.Spectral();
    spectral.setRuleset(spectralRulesets.oas as never);
    const results = await spectral.run(new spectralCore.Document(text, spectralParsers.Json));
    expect(results.map((r) => `${r.severity} ${r.code}: ${r.message} @ ${r.path.join('.')}`)).toEqual([]);
  }, 60_000);

  it('names a component per record type and for each shared concept, every field described', () => {
    const schemas = doc.components.schemas as Record<string, { properties?: Record<string, { description?: string; $ref?: string }> }>;
    for (const name of ['SpotCheckRecord', 'PenaltyRecord', 'LicenseRevocationRecord', 'TypicalCaseRecord', 'CrossBorderAlertRecord', 'Enterprise', 'EnterpriseProfile', 'Verdict', 'ScreeningAnswer', 'ChangeEntry', 'SearchHit', 'SearchResponse', 'Meta', 'Error']) {
      expect(schemas[name], name).toBeDefined();
    }
    // Every property anywhere (components, parameters, bodies) and every parameter says what it holds.
    const undescribed: string[] = [];
    const walk = (node: unknown, at: string): void => {
      if (Array.isArray(node)) return node.forEach((item, i) => walk(item, `${at}/${i}`));
      if (!node || typeof node !== 'object') return;
      const { properties, in: where, name, description } = node as { properties?: Record<string, { description?: string; $ref?: string }>; in?: string; name?: string; description?: string };
      if (where && name && !description) undescribed.push(`${at} (parameter ${name})`);
      for (const [field, p] of Object.entries(properties ?? {})) if (!p.description && !p.$ref) undescribed.push(`${at}/properties/${field}`);
      for (const [key, value] of Object.entries(node)) walk(value, `${at}/${key}`);
    };
    walk(doc, '#');
    expect(undescribed).toEqual([]);
  });

  it('compiles every schema with Ajv 2020, and every operation’s example is valid against its schema', () => {
    const ajv = ajvWithComponents();
    for (const name of Object.keys(doc.components.schemas)) expect(() => ajv.compile({ $ref: `doc#/components/schemas/${name}` }), name).not.toThrow();
    let checked = 0;
    for (const item of Object.values(doc.paths)) {
      for (const op of Object.values(item)) {
        for (const [status, response] of Object.entries(op.responses)) {
          if ('$ref' in response) continue;
          for (const media of Object.values(response.content ?? {})) {
            if (media.example === undefined) continue;
            const validate = ajv.compile(resolvable(media.schema));
            expect(validate(media.example), `${op.operationId} ${status}: ${ajv.errorsText(validate.errors)}`).toBe(true);
            checked += 1;
          }
        }
        expect(Object.values(op.responses).some((r) => !('$ref' in r) && Object.values(r.content ?? {}).some((m) => m.example !== undefined)) || !('application/json' in ((op.responses['200'] as { content?: object }).content ?? {})), `${op.operationId} has an example`).toBe(true);
      }
    }
    expect(checked).toBeGreaterThanOrEqual(13);
  });

  it('publishes, per type, exactly the fields /count accepts', () => {
    const field = doc.paths['/count']!.get!.parameters!.find((p) => p.name === 'field')!;
    expect(field.schema['x-countable-fields']).toEqual(COUNT_FIELDS_BY_TYPE);
    for (const type of RECORD_TYPES) expect(COUNT_FIELDS_BY_TYPE[type].length).toBeGreaterThan(0);
  });
});
