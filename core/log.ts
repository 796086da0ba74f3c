/** A tiny levelled logger for the start-up process and the sync worker (LOG_LEVEL). */
const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;
export type LogLevel = keyof typeof LEVELS;

export interface Logger {
  debug(line: string): void;
  info(line: string): void;
  warn(line: string): void;
  error(line: string): void;
}

export function createLogger(level: LogLevel, prefix = 'portal'): Logger {
  const at = (l: LogLevel, write: (line: string) => void) => (line: string) => {
    if (LEVELS[l] >= LEVELS[level]) write(`[${prefix}] ${line}`);
  };
  return {
    debug: at('debug', console.log),
    info: at('info', console.log),
    warn: at('warn', console.warn),
    error: at('error', console.error),
  };
}
