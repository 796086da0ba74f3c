import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateSdk, SDK_GENERATED_DIR } from '../../cli/sdk.ts';

/**
 * The SDK in sdk/ is committed, so it must be what the OpenAPI document generates today: a
 * change to the document without `npm run sdk:generate` fails here. And the package stands alone:
 * a user installs sdk/ without the portal, so nothing in it may import the portal's code.
 */
const SDK_DIR = path.dirname(path.dirname(SDK_GENERATED_DIR));

async function filesUnder(dir: string): Promise<Map<string, string>> {
  const names = (await fs.readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
  const entries = await Promise.all(names.map(async (e) => {
    const file = path.join(e.parentPath, e.name);
    return [path.relative(dir, file), await fs.readFile(file, 'utf8')] as const;
  }));
  return new Map(entries.sort(([a], [b]) => a.localeCompare(b)));
}

describe('the SDK package', () => {
  it('is up to date with the OpenAPI document (else run npm run sdk:generate)', async () => {
    const fresh = await fs.mkdtemp(path.join(os.tmpdir(), 'sdk-fresh-'));
    try {
      await generateSdk(fresh);
      const [generated, committed] = await Promise.all([filesUnder(fresh), filesUnder(SDK_GENERATED_DIR)]);
      expect([...committed.keys()]).toEqual([...generated.keys()]);
      expect(generated.has('sdk.gen.ts')).toBe(true);
      const stale = [...generated].filter(([name, text]) => committed.get(name) !== text).map(([name]) => name);
      expect(stale, 'files that npm run sdk:generate would change').toEqual([]);
    } finally {
      await fs.rm(fresh, { recursive: true, force: true });
    }
  }, 120_000);

  it('imports nothing from outside sdk/: only its own files and the platform', async () => {
    const outside: string[] = [];
    for (const [name, text] of await filesUnder(path.join(SDK_DIR, 'src'))) {
      for (const [, spec] of text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*['"]([^'"]+)['"]/g)) {
        const inside = spec!.startsWith('.') && !path.relative(path.join(SDK_DIR, 'src'), path.resolve(SDK_DIR, 'src', path.dirname(name), spec!)).startsWith('..');
        if (!inside) outside.push(`${name}: ${spec}`);
      }
    }
    expect(outside).toEqual([]);
  });
});
