import { openSessionLock, type SessionLock } from '../db/session-lock.ts';
import type { Logger } from '../core/log.ts';

/** The session advisory lock whose holder is the leader worker (search/sync.ts uses 4243, webhooks 4244). */
export const LEADER_LOCK = 4245;
/** A standby tries the lock this often, and the leader checks it still holds it as often. */
export const LEADER_RETRY_MS = 1_000;
/** A leader that cannot confirm its lock within this steps down. */
const CHECK_TIMEOUT_MS = 3_000;

export interface Leadership {
  isLeader(): boolean;
  /** When this worker last became leader (ISO 8601), if it is one now. */
  leaderSince(): string | undefined;
  /** Stops competing; a leader stops its work and releases the lock. */
  stop(): Promise<void>;
}

/**
 * Leader election among `worker`s: the one that holds LEADER_LOCK on a connection of its own runs
 * the background work (`lead()`, which returns how to stop it); the others try again every
 * second, so one takes over within about a second of the leader's session ending (a killed
 * process's connection is closed by the kernel at once). The leader gives up the work as soon as
 * its lock connection closes, or when a check that the lock is still held fails, so two leaders
 * never run: the lock is released on the server only when that session ends.
 */
export function electLeader(url: string, lead: () => Promise<() => Promise<void>>, logger: Logger): Leadership {
  let running = true;
  let session: SessionLock | undefined;
  let since: string | undefined;
  let stopWork: Promise<() => Promise<void>> | undefined;
  let wake: (() => void) | undefined;

  /** Steps down: stops the work now (even while it is still starting), then a fresh session competes again. */
  const stepDown = async (why: string) => {
    if (!stopWork) return;
    (why === 'stopping' ? logger.info : logger.warn)(`leadership given up (${why}): stopping the background work`);
    const work = stopWork;
    stopWork = undefined;
    since = undefined;
    const old = session;
    session = undefined;
    await old?.close();
    await (await work.catch(() => async () => {}))().catch((e: Error) => logger.error(`stopping the background work failed: ${e.message}`));
    wake?.();
  };

  const loop = async () => {
    while (running) {
      try {
        if (!session) {
          const mine: SessionLock = openSessionLock(url, LEADER_LOCK, () => {
            if (session === mine) void stepDown('the lock connection closed');
          });
          session = mine;
        }
        if (!stopWork) {
          if (await session.tryAcquire()) {
            since = new Date().toISOString();
            logger.info('elected leader: running sync, expiry, downloads and webhook deliveries');
            stopWork = lead();
            stopWork.catch((e: Error) => void stepDown(`the background work failed to start: ${e.message}`));
          }
        } else if (!(await session.stillHeld(CHECK_TIMEOUT_MS))) {
          await stepDown('the lock is no longer held by this session');
        }
      } catch (error) {
        // The database is unreachable: a standby keeps trying; a fresh session next time.
        logger.debug(`leader election: ${(error as Error).message}`);
        if (!stopWork) {
          await session?.close();
          session = undefined;
        }
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, LEADER_RETRY_MS);
      });
    }
  };
  const looping = loop();

  return {
    isLeader: () => stopWork !== undefined,
    leaderSince: () => since,
    async stop() {
      running = false;
      wake?.();
      await looping;
      if (stopWork) await stepDown('stopping');
      await session?.close();
      session = undefined;
    },
  };
}
