/**
 * The first `length` characters of highlighted HTML (escaped text with <mark> tags, as search
 * returns it), with any open mark closed: a hit's highlighted title cut to its heading, so the
 * outcome the badge beside it shows is not said twice.
 */
export function cutHighlight(html: string, length: number): string {
  let out = '';
  let seen = 0;
  let open = false;
  for (const token of html.match(/<\/?mark>|&#?\w+;|[\s\S]/gu) ?? []) {
    if (token === '<mark>' || token === '</mark>') {
      open = token === '<mark>';
      out += token;
      continue;
    }
    if (seen >= length) break;
    out += token;
    // An entity stands for one character; a character outside the BMP counts as two, as in JS strings.
    seen += token.startsWith('&') && token.length > 1 ? 1 : token.length;
  }
  return open ? `${out}</mark>` : out.replace(/<mark><\/mark>$/, '');
}
