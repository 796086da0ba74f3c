import type { DbHandle } from '../../db/client.ts';
import type { Storage } from '../../storage/storage.ts';
import { buildDownloads, type BuildOptions } from './build.ts';

/** Rebuilds the bulk downloads once changes stop arriving for a while; one build at a time. */
export function downloadsScheduler(db: DbHandle, storage: Storage, logger: { info(line: string): void; warn(line: string): void }, options: Pick<BuildOptions, 'scratchDir'> = {}) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  const build = async () => {
    if (running) {
      again = true;
      return;
    }
    running = buildDownloads(db, storage, options)
      .then((files) => logger.info(`bulk downloads rebuilt (${files.length} files)`))
      .catch((e: Error) => logger.warn(`bulk downloads failed: ${e.message}`))
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          void build();
        }
      });
  };
  return {
    schedule(delayMs: number) {
      clearTimeout(timer);
      timer = setTimeout(() => void build(), delayMs);
    },
    async stop() {
      clearTimeout(timer);
      await running;
    },
  };
}

