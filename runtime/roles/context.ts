import type { Env } from '../../core/env.ts';
import type { Logger } from '../../core/log.ts';

/** What runtime/start.ts hands each role. */
export interface RoleContext {
  root: string;
  env: Env;
  dataDir: string;
  logger: Logger;
  /** Registers a step of the shutdown; steps run in reverse order. */
  onStop(stop: () => Promise<void>): void;
  /** True once shutdown has begun (a child that exits then is expected to). */
  stopping(): boolean;
  /** Stops everything and exits with `code`. */
  shutdown(code: number): Promise<void>;
}
