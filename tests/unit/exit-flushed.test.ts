import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BYTES = 4_000_000;

/**
 * A command's last long line reaches a reader that is slow to take it. The child writes 4 MB and
 * exits while the parent is not reading yet; with a bare process.exit() the parent got none of it.
 * (On a machine too slow to write within the pause the test only checks less, it cannot fail.)
 */
describe('exitFlushed', () => {
  it('exits only after stdout has taken everything written to it', async () => {
    const script = `import { exitFlushed } from ${JSON.stringify(path.join(ROOT, 'runtime/exit-flushed.ts'))};
      process.stdout.write('x'.repeat(${BYTES}) + '\\n'); await exitFlushed(0);`;
    const child = spawn(process.execPath, ['--experimental-strip-types', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.pause();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    let bytes = 0;
    child.stdout.on('data', (chunk: Buffer) => (bytes += chunk.length));
    child.stdout.resume();
    const code = await new Promise((resolve) => child.once('close', resolve));
    expect(code).toBe(0);
    expect(bytes).toBe(BYTES + 1);
  });
});
