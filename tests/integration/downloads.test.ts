import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { describe, expect, inject, it } from 'vitest';
import { containsUnmaskedPersonalData } from '../../core/normalize/mask.ts';

const base = inject('baseUrl');

/** The portal builds the files right after start; wait for the manifest. */
async function manifest(): Promise<any> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const response = await fetch(`${base}/api/v1/downloads`);
    if (response.status === 200) return response.json();
    expect(response.status).toBe(503);
    if (Date.now() > deadline) throw new Error('downloads never became available');
    await new Promise((r) => setTimeout(r, 500));
  }
}

describe('bulk downloads', () => {
  it('lists NDJSON.gz and CSV per type with size, record count, hash and time, and serves exactly those bytes', async () => {
    // Other test files publish records, and the files are rebuilt 30 s after each change: a
    // rebuild between reading the list and fetching a file is a new list, not a wrong one —
    // check again against it (a file that disagrees with an unchanged list still fails).
    for (let attempt = 1; ; attempt++) {
      const listed = await manifest();
      try {
        await checkFiles(listed);
        return;
      } catch (error) {
        const now = await manifest();
        const rebuilt = JSON.stringify(now.files.map((f: { generatedAt: string }) => f.generatedAt)) !== JSON.stringify(listed.files.map((f: { generatedAt: string }) => f.generatedAt));
        if (!rebuilt || attempt === 3) throw error;
      }
    }
  });

  async function checkFiles({ files, meta }: { files: any[]; meta: unknown }) {
    expect(meta).toMatchObject({ license: expect.any(String), disclaimer: expect.any(String) });
    expect(files).toHaveLength(10);
    expect(files.find((f: { name: string }) => f.name === 'cross-border-alerts.ndjson.gz')).toMatchObject({ records: 40 });
    for (const file of files) {
      expect(file).toMatchObject({ records: expect.any(Number), bytes: expect.any(Number), sha256: expect.stringMatching(/^[0-9a-f]{64}$/), generatedAt: expect.any(String) });
      const response = await fetch(`${base}${file.url}`);
      expect(response.status, file.name).toBe(200);
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(bytes.length).toBe(file.bytes);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256);
      const text = file.format === 'csv' ? bytes.toString('utf8') : gunzipSync(bytes).toString('utf8');
      const lines = text.split(file.format === 'csv' ? '\r\n' : '\n').filter(Boolean);
      expect(lines.length - (file.format === 'csv' ? 1 : 0), file.name).toBe(file.records);
      // Hex digests (content hashes, the source file's SHA-256) are not text a person wrote: about 1
      // in 300 holds a digit run shaped like a mobile number (…a13812345678b…), which the mask
      // would rightly leave alone in a hash but this whole-file scan would count.
      expect(containsUnmaskedPersonalData(text.replace(/\b[0-9a-f]{40,}\b/g, '')), file.name).toBe(false);
      const again = await fetch(`${base}${file.url}`, { headers: { 'if-none-match': response.headers.get('etag')! } });
      expect(again.status).toBe(304);
    }
  }

  it('answers unknown or traversal names with 404', async () => {
    await manifest();
    for (const name of ['nope.csv', '..%2Fmanifest.json', 'manifest.json']) {
      expect((await fetch(`${base}/api/v1/downloads/${name}`)).status, name).toBe(404);
    }
  });
});
