// The store's own tables. Each record type's table lives in its folder (types/<name>/table.ts);
// drizzle.config.ts reads both.
export * from './common.ts';
export * from './enterprises.ts';
export * from './lifecycle.ts';
export * from './announcements.ts';
export * from './access.ts';
export * from './watchlists.ts';
