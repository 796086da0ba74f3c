import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface PortalProcess {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the URL from the "Portal ready on …" line. */
  ready: Promise<string>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Runs `npm start`'s command (cli/run.mjs start) exactly as npm does, with the given environment. */
export function startPortal(env: Record<string, string>, timeoutMs = 240_000): PortalProcess {
  // The same command as `npm start`, with the project's own Node.
  const child = spawn(path.join(ROOT, 'node_modules/.bin/node'), ['cli/run.mjs', 'start'], {
    cwd: ROOT,
    env: { ...process.env, ...env, PATH: `${path.join(ROOT, 'node_modules/.bin')}:${process.env.PATH}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const ready = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`portal not ready within ${timeoutMs} ms:\n${out}`)), timeoutMs);
    let waiting = true;
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      // Once ready, the output keeps growing by an access-log line per request: stop scanning it.
      if (!waiting) return;
      const match = /Portal ready on (\S+)/.exec(out);
      if (match) {
        waiting = false;
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`portal exited with code ${code} before it was ready:\n${out}`));
    });
  });
  ready.catch(() => {});
  return {
    child,
    output: () => out,
    ready,
    stop: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill(signal);
      }),
  };
}
