import type { RecordType } from '../../types/registry.ts';

export const DOWNLOAD_FORMATS = ['ndjson.gz', 'csv.gz', 'csv'] as const;
export type DownloadFormat = (typeof DOWNLOAD_FORMATS)[number];

/** One bulk file as a manifest (the folder's, or a snapshot's) lists it. */
export interface DownloadFile {
  type: RecordType;
  format: DownloadFormat;
  name: string;
  records: number;
  bytes: number;
  sha256: string;
  generatedAt: string;
  /** The earliest and latest publication date of its records (YYYY-MM-DD); null when it holds none. */
  publishedFrom?: string | null;
  publishedTo?: string | null;
}

export const MANIFEST = 'manifest.json';

/** Where the downloads are in the storage: `downloads/<name>`, `downloads/manifest.json`, `downloads/snapshots/<date>/…`. */
export const DOWNLOADS = 'downloads';
export const MANIFEST_KEY = `${DOWNLOADS}/${MANIFEST}`;

export const CONTENT_TYPE: Record<DownloadFormat, string> = {
  'ndjson.gz': 'application/gzip',
  'csv.gz': 'application/gzip',
  csv: 'text/csv; charset=utf-8',
};
