// Plain JavaScript: runtime/start.ts (through core/log.ts) and runtime/web-server.mjs (which runs
// without a TypeScript loader) write the same JSON lines.
import pino from 'pino';

/**
 * One JSON object per line on stdout: `level` (its name, not pino's number, so a reader needs no
 * table), `time` (ISO 8601), `role`, `msg`, and whatever fields the line adds (req_id…). Written
 * synchronously: a line logged just before process.exit (a failed start) is not lost.
 * @param {{ level?: string; role?: string }} options
 */
export function jsonLogger({ level = 'info', role = 'all' } = {}) {
  return pino({
    level,
    base: { role },
    messageKey: 'msg',
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  }, pino.destination({ dest: 1, sync: true }));
}
