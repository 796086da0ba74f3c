import { publicOrigin } from '../../core/public-url.ts';
import type { DownloadFile } from '../../ops/downloads/manifest.ts';
import { TYPE_LABELS } from '../../types/registry.ts';
import { DATA_LICENSE_URL } from './list-meta.ts';

const ENCODING: Record<DownloadFile['format'], { type: string; words: string }> = {
  'ndjson.gz': { type: 'application/x-ndjson', words: 'NDJSON (one JSON record a line), gzipped' },
  'csv.gz': { type: 'text/csv', words: 'CSV (UTF-8 with BOM), gzipped' },
  csv: { type: 'text/csv', words: 'CSV (UTF-8 with BOM)' },
};

/**
 * The schema.org `Dataset` of the bulk downloads, for /data's JSON-LD: what search engines and
 * data catalogues read. Every URL from PUBLIC_URL (core/public-url.ts), never the request's Host:
 * the page is cached and served to everyone.
 */
export function datasetJsonLd(files: DownloadFile[], lang: 'zh' | 'en'): Record<string, unknown> {
  const origin = publicOrigin();
  const portal = { '@type': 'Organization', name: lang === 'en' ? 'Product Quality Disclosure Portal' : '产品质量信息公示平台', url: `${origin}/` };
  const from = files.map((f) => f.publishedFrom).filter((d): d is string => Boolean(d)).sort()[0];
  const to = files.map((f) => f.publishedTo).filter((d): d is string => Boolean(d)).sort().at(-1);
  return {
    '@context': 'https://schema.org',
    '@type': 'Dataset',
    name: lang === 'en' ? 'Product quality disclosures of Chinese market regulators' : '市场监管产品质量信息公示数据',
    description:
      lang === 'en'
        ? 'Every published product-quality spot check, administrative penalty, licence revocation and typical case of the market regulators, and foreign regulators’ alerts about products, as bulk CSV and NDJSON files per type with a data dictionary and a codebook.'
        : '各级市场监管部门公开发布的产品质量监督抽查、行政处罚、许可证吊销撤销、典型案例，以及境外监管机构的产品通报，按类型提供 CSV 与 NDJSON 全量文件，附数据字典和代码表。',
    url: `${origin}${lang === 'en' ? '/en' : ''}/data`,
    inLanguage: 'zh-CN',
    isAccessibleForFree: true,
    license: DATA_LICENSE_URL,
    creator: portal,
    publisher: portal,
    ...(from && to ? { temporalCoverage: `${from}/${to}` } : {}),
    spatialCoverage: { '@type': 'Place', name: lang === 'en' ? 'China' : '中国' },
    keywords: ['product quality', 'spot checks', 'administrative penalties', '产品质量', '监督抽查', '行政处罚'],
    ...(files.length ? { dateModified: files.map((f) => f.generatedAt).sort().at(-1) } : {}),
    distribution: files.map((file) => ({
      '@type': 'DataDownload',
      name: `${TYPE_LABELS[file.type][lang]} — ${file.name}`,
      description: `${ENCODING[file.format].words}; ${file.records} records`,
      contentUrl: `${origin}/api/v1/downloads/${file.name}`,
      encodingFormat: ENCODING[file.format].type,
      contentSize: `${file.bytes} B`,
      identifier: `sha256:${file.sha256}`,
      dateModified: file.generatedAt,
    })),
  };
}

/** The JSON-LD as the text of a `<script type="application/ld+json">`: `<` escaped so no value can close the element. */
export const jsonLdText = (data: unknown) => JSON.stringify(data).replace(/</g, '\\u003c');
