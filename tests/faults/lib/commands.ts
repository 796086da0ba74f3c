import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { TOOLS } from '../../../cli/run.mjs';
import { ROOT } from '../../setup/portal-process.ts';

export interface CommandRun {
  child: ChildProcess;
  output: () => string;
  /** Resolves when the command has exited. */
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/**
 * Runs one of the project's command-line tools (`file` is its source, e.g. cli/import.ts) exactly as
 * its npm script does (`node cli/run.mjs TOOL ARGS`, with the project's Node), with `env` added to the environment.
 */
export function runTool(file: string, args: string[], env: Record<string, string>): CommandRun {
  const tool = Object.entries(TOOLS).find(([, source]) => source === file)?.[0];
  if (!tool) throw new Error(`${file} is not one of the tools in cli/run.mjs`);
  const child = spawn(path.join(ROOT, 'node_modules/.bin/node'), [path.join(ROOT, 'cli/run.mjs'), tool, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, output: () => stdout + stderr, done };
}
