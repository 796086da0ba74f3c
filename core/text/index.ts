// Pure text helpers for search: script folding, pinyin spellings, enterprise-name cores and
// identifier recognition. No I/O; used both when building index documents and on queries.
export { foldForIndex, toSimplified } from './chinese.ts';
export { companyCore } from './company.ts';
export { companyNameParts, type CompanyNameParts } from './company-parts.ts';
export { pinyinKey, pinyinSyllables, pinyinVariants } from './pinyin.ts';
export {
  canonicalDecisionNo,
  canonicalLicenceNo,
  detectIdentifier,
  type DetectedIdentifier,
  type IdentifierKind,
} from './identifiers.ts';
