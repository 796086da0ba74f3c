import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPortal } from '../setup/portal-process.ts';

/**
 * `npm start` with a DATA_DIR it cannot use: one clear line naming the folder and the problem,
 * exit code 1, no stack trace. A read-only and a full file system are real tmpfs mounts (the tests
 * run as root); where mounting is not allowed those two cases are skipped and say so.
 */
let dir: string;
const mounts: string[] = [];

function mountTmpfs(at: string, options: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', at], { stdio: 'ignore' });
    mounts.push(at);
    return true;
  } catch {
    return false;
  }
}

let canMount = false;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'portal-fault-data-dir-'));
  await fs.mkdir(path.join(dir, 'probe'));
  canMount = mountTmpfs(path.join(dir, 'probe'), 'size=64k');
});
afterAll(async () => {
  for (const at of mounts.reverse()) execFileSync('umount', ['-l', at], { stdio: 'ignore' });
  await fs.rm(dir, { recursive: true, force: true });
});

/** Starts the portal with DATA_DIR and no servers of its own configured; returns what it printed and its exit code. */
async function startWith(dataDir: string): Promise<{ code: number | null; output: string }> {
  const portal = startPortal({ DATA_DIR: dataDir, DATABASE_URL: '', MEILI_URL: '', MEILI_MASTER_KEY: '', HOST: '127.0.0.1', PORT: '1' }, 60_000);
  await expect(portal.ready).rejects.toThrow(/exited with code 1/);
  return { code: portal.child.exitCode, output: portal.output() };
}

function expectOneClearLine(output: string, dataDir: string, problem: RegExp) {
  const lines = output.trim().split('\n');
  expect(lines, output).toHaveLength(1);
  expect(lines[0]).toContain(`Cannot use DATA_DIR ${dataDir}:`);
  expect(lines[0]).toMatch(problem);
  expect(output).not.toMatch(/\n\s+at |Error:/);
}

describe('npm start with a DATA_DIR it cannot use', () => {
  it('a path under a file', async () => {
    const file = path.join(dir, 'a-file');
    await fs.writeFile(file, 'not a folder');
    const dataDir = path.join(file, 'data');
    const { code, output } = await startWith(dataDir);
    expect(code).toBe(1);
    expectOneClearLine(output, dataDir, /is a file, not a folder/);
  });

  it('a read-only file system', async ({ skip }) => {
    const at = path.join(dir, 'read-only');
    await fs.mkdir(at);
    if (!canMount || !mountTmpfs(at, 'ro,size=64k')) return skip('mount is not allowed here');
    const dataDir = path.join(at, 'data');
    const { code, output } = await startWith(dataDir);
    expect(code).toBe(1);
    expectOneClearLine(output, dataDir, /read-only file system/);
  });

  it('a full disk', async ({ skip }) => {
    const at = path.join(dir, 'full');
    await fs.mkdir(at);
    if (!canMount || !mountTmpfs(at, 'size=64k')) return skip('mount is not allowed here');
    await fs.mkdir(path.join(at, 'data'));
    // Fill it to the last byte.
    await fs.writeFile(path.join(at, 'filler'), Buffer.alloc(64 * 1024)).catch(() => {});
    const dataDir = path.join(at, 'data');
    const { code, output } = await startWith(dataDir);
    expect(code).toBe(1);
    expectOneClearLine(output, dataDir, /the disk is full/);
  });

  it('a disk with too little room for the embedded servers', async ({ skip }) => {
    const at = path.join(dir, 'small');
    await fs.mkdir(at);
    if (!canMount || !mountTmpfs(at, 'size=4m')) return skip('mount is not allowed here');
    const dataDir = path.join(at, 'data');
    const { code, output } = await startWith(dataDir);
    expect(code).toBe(1);
    expectOneClearLine(output, dataDir, /only 4\.0 MB free on its disk; the embedded PostgreSQL and Meilisearch need at least 64 MB/);
  });
});
