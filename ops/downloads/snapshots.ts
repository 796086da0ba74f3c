import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { MANIFEST, type DownloadFile } from './manifest.ts';

/** Dated copies of the downloads live in DOWNLOADS/snapshots/YYYY-MM-DD/, each with its manifest. */
export const SNAPSHOTS = 'snapshots';
export const SNAPSHOT_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** How many days back every daily snapshot is kept (today included). */
export const DAILY_SNAPSHOTS = 7;

const dayNumber = (date: string) => Math.floor(Date.parse(`${date}T00:00:00Z`) / 86_400_000);

/** The dated snapshot folders, newest first; anything else in the folder is not a snapshot. */
export async function snapshotDates(dir: string): Promise<string[]> {
  const entries = await fs.readdir(path.join(dir, SNAPSHOTS), { withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isDirectory() && SNAPSHOT_DATE.test(e.name) && !Number.isNaN(dayNumber(e.name)))
    .map((e) => e.name)
    .sort()
    .reverse();
}

/**
 * Today's snapshot of the files just built (`pathOf` says where each is), replacing an earlier
 * one of the same day: hard links (the live files are replaced by rename, so a link keeps the
 * bytes it was made with), a copy where the file system cannot link; built in a temporary
 * folder, renamed into place.
 */
export async function takeSnapshot(dir: string, date: string, files: DownloadFile[], pathOf: (name: string) => string): Promise<void> {
  const root = path.join(dir, SNAPSHOTS);
  const building = path.join(root, `.${date}.${randomUUID()}`);
  await fs.mkdir(building, { recursive: true });
  for (const file of files) {
    const from = pathOf(file.name);
    await fs.link(from, path.join(building, file.name)).catch(() => fs.copyFile(from, path.join(building, file.name)));
  }
  await fs.writeFile(path.join(building, MANIFEST), JSON.stringify({ date, files }, null, 2));
  const target = path.join(root, date);
  // Two builds of one day (the portal's and `npm run downloads`) may swap at once: the later wins.
  for (let attempt = 1; ; attempt++) {
    const old = path.join(root, `.${date}.${randomUUID()}.old`);
    await fs.rename(target, old).catch(() => undefined);
    try {
      await fs.rename(building, target);
      await fs.rm(old, { recursive: true, force: true });
      return;
    } catch (error) {
      await fs.rm(old, { recursive: true, force: true });
      if (attempt === 3) {
        await fs.rm(building, { recursive: true, force: true });
        throw error;
      }
    }
  }
}

/**
 * Which dated snapshots to keep on `today`: every one of the last 7 days, and the first of each
 * month (the 1st when a build ran that day, else the month's earliest) — a month-by-month history
 * that costs twelve folders a year. Later dates than today are kept: no build removes what a
 * clock set back would see as the future.
 */
export function snapshotsToKeep(dates: string[], today: string): Set<string> {
  const keep = new Set(dates.filter((d) => dayNumber(d) > dayNumber(today) - DAILY_SNAPSHOTS));
  const firstOfMonth = new Map<string, string>();
  for (const date of [...dates].sort()) if (!firstOfMonth.has(date.slice(0, 7))) firstOfMonth.set(date.slice(0, 7), date);
  for (const date of firstOfMonth.values()) keep.add(date);
  return keep;
}

/** Removes the snapshots `snapshotsToKeep` does not keep, and leftovers of interrupted builds. */
export async function pruneSnapshots(dir: string, today: string): Promise<string[]> {
  const root = path.join(dir, SNAPSHOTS);
  const dates = await snapshotDates(dir);
  const keep = snapshotsToKeep(dates, today);
  const pruned = dates.filter((d) => !keep.has(d));
  for (const date of pruned) await fs.rm(path.join(root, date), { recursive: true, force: true });
  return pruned;
}
