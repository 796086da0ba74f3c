import { jsonLogger } from './json-log.mjs';

/** The levelled logger of the start-up process and the background work (LOG_LEVEL): JSON lines (core/json-log.mjs). */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(line: string): void;
  info(line: string): void;
  warn(line: string): void;
  error(line: string): void;
}

export function createLogger(level: LogLevel, role = 'all'): Logger {
  const log = jsonLogger({ level, role });
  // Bound, so callers can pass `logger.warn` on as a plain function.
  return {
    debug: (line) => log.debug(line),
    info: (line) => log.info(line),
    warn: (line) => log.warn(line),
    error: (line) => log.error(line),
  };
}
