import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from '../../../runtime/build.ts';
import { ensureHaproxy } from '../../setup/haproxy.ts';

/**
 * Each fault test starts its own servers; all they share is the built site, made once here so a
 * portal started by a test does not spend its start-up time building.
 */
export default async function setup() {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
  await ensureBuilt(root, (line) => console.log(`[faults] ${line}`));
  // The fleet test's load balancer, installed like the browser tests' Chromium.
  ensureHaproxy();
}
