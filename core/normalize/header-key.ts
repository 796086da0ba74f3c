import { normalizeName } from './text.ts';

/**
 * The comparison key of a header: width, case, spaces, line breaks, `_`, every kind of bracket
 * and the 标称 / 标识标注的 / 标示 prefixes do not matter, so `标识标注的生产单位`, `标称生产单位`
 * and `生产单位` are one header, and so are `法定代表人(负责人)姓名` and `法定代表人（负责人）姓名`.
 */
export const headerKey = (header: string) =>
  normalizeName(header)
    .replace(/[_\s\-—·・:：*＊"“”'‘’]/g, '')
    .replace(/[()[\]{}<>（）【】〔〕《》]/g, '')
    .replace(/标识标注的|标识标注|标注的|标称的|标称|标示的|标示/g, '');
