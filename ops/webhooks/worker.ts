import type { DbHandle } from '../../db/client.ts';
import { deliverStep } from './deliver.ts';
import { matchStep } from './match.ts';
import type { TargetPolicy } from './target.ts';

/** Only one process matches and delivers at a time (search/sync.ts holds 4243 for the same reason). */
export const WEBHOOK_LOCK = 4244;

export interface WebhookWorker {
  stop(): Promise<void>;
}

/**
 * Matches new audit entries to watchlists and delivers due events: woken by `portal_changed`
 * (every audit insert notifies, db/migrations/0003) and by a poll every `intervalMs`, which also
 * brings retries when they are due. Runs under a session advisory lock, so any number of portal
 * processes deliver each event from one of them. Errors are logged once per outage.
 */
export function startWebhookWorker(
  handle: DbHandle,
  policy: TargetPolicy,
  { intervalMs = 1000, log = (line: string) => console.log(line) } = {},
): WebhookWorker {
  let stopped = false;
  let failing = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let again = false;
  let listening: { unlisten(): Promise<void> } | undefined;

  const step = async () => {
    const lockSql = await handle.sql.reserve();
    try {
      const [lock] = await lockSql<{ locked: boolean }[]>`select pg_try_advisory_lock(${WEBHOOK_LOCK}) as locked`;
      if (!lock?.locked) return;
      try {
        while (!stopped && (await matchStep(handle)).read > 0);
        while (!stopped && (await deliverStep(handle, policy)) > 0);
      } finally {
        await lockSql`select pg_advisory_unlock(${WEBHOOK_LOCK})`;
      }
    } finally {
      lockSql.release();
    }
  };
  const tick = async () => {
    clearTimeout(timer);
    try {
      do {
        again = false;
        await step();
      } while (again && !stopped);
      if (failing) log('webhooks: recovered');
      failing = false;
    } catch (error) {
      if (!failing) log(`webhooks: ${(error as Error).message}; retrying`);
      failing = true;
    }
    if (!stopped) timer = setTimeout(() => (running = tick()), failing ? Math.max(intervalMs, 5000) : intervalMs);
  };
  const wake = () => {
    if (stopped) return;
    again = true;
    clearTimeout(timer);
    // Chained after the running step, never beside it.
    running = running.then(() => (stopped ? undefined : tick()));
  };
  handle.sql
    .listen('portal_changed', wake)
    .then((l) => {
      listening = l;
      if (stopped) void l.unlisten().catch(() => {});
    })
    .catch((error: Error) => log(`webhooks: cannot listen for changes (${error.message}); polling only`));
  running = tick();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await listening?.unlisten().catch(() => {});
      await running;
    },
  };
}
