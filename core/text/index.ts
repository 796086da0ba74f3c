// Pure text helpers for search: script folding, pinyin spellings, enterprise-name cores and
// identifier recognition. No I/O; used both when building index documents and on queries.
export { foldForIndex, toSimplified } from './chinese.ts';
export { companyCore, companyNameParts, type CompanyNameParts } from './company.ts';
export { pinyinVariants } from './pinyin.ts';
export {
  canonicalDecisionNo,
  canonicalLicenceNo,
  detectIdentifier,
  type DetectedIdentifier,
  type IdentifierKind,
} from './identifiers.ts';
