import type { ImportProgressInfo } from './import-file.ts';

const formatSeconds = (s: number) => (s >= 90 ? `${Math.round(s / 60)} min` : `${Math.max(1, Math.round(s))} s`);

/**
 * Import progress for a person watching: a live line (share done, rows, rows/s, errors, time left) on a terminal, plain
 * periodic lines (every 10 s) when the output is a file or a CI log.
 */
export class ImportProgress {
  private readonly started = Date.now();
  private lastLine = 0;
  private shown = false;
  private readonly label: string;
  private readonly out: NodeJS.WriteStream;

  constructor(label: string, out: NodeJS.WriteStream = process.stderr) {
    this.label = label;
    this.out = out;
  }

  update({ rows, errors, bytesRead, totalBytes }: ImportProgressInfo): void {
    const seconds = (Date.now() - this.started) / 1000;
    // Small files finish before anyone could read a progress line.
    if (seconds < 2) return;
    const rate = seconds > 0 ? Math.round(rows / seconds) : 0;
    const share = totalBytes > 0 ? Math.min(1, bytesRead / totalBytes) : 0;
    const eta = share > 0 && share < 1 ? `, about ${formatSeconds((seconds * (1 - share)) / share)} left` : '';
    const text = `${this.label}: ${Math.round(share * 100)}% ${rows.toLocaleString('en')} rows, ${rate.toLocaleString('en')} rows/s, ${errors} errors${eta}`;
    if (this.out.isTTY) {
      this.out.write(`\r${text.padEnd(this.out.columns ? Math.min(this.out.columns - 1, 100) : 80)}`);
      this.shown = true;
    } else if (Date.now() - this.lastLine >= 10_000) {
      // Plain lines for logs: one every 10 s.
      this.out.write(`${text}\n`);
      this.lastLine = Date.now();
    }
  }

  done(): void {
    if (this.shown) this.out.write('\n');
  }
}
