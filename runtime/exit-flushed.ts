/**
 * process.exit() once stdout and stderr have taken everything written to them. A bare exit drops
 * what a pipe has not taken yet: a long `--json` line read by a busy process came out cut short
 * (the benchmark, reading an import's report while the machine was loaded).
 */
export async function exitFlushed(code: number): Promise<never> {
  await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((resolve) => stream.write('', resolve))));
  process.exit(code);
}
