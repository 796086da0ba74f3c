// Pure normalization and validation helpers for imported data (no I/O, Node built-ins only).
export * from './result.ts';
export * from './text.ts';
export * from './uscc.ts';
export * from './dates.ts';
export * from './mask.ts';
export * from './money.ts';
export * from './result-values.ts';
export * from './placeholders.ts';
export * from './parties.ts';
