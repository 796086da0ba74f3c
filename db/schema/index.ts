export * from './common.ts';
export * from './enterprises.ts';
export * from './spot-checks.ts';
export * from './license-revocations.ts';
export * from './penalties.ts';
export * from './typical-cases.ts';
export * from './lifecycle.ts';
export * from './access.ts';
