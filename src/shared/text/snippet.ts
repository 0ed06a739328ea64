import { foldWord, stemWord, words } from './searchTerms.js';

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * A short piece of a text (a message, an article) around the first word that matched the query. FTS
 * indexes hold folded stems, not the text, so the snippet is cut from the text itself with the same
 * folding and stemming as the search.
 */
export function makeSnippet(text: string, query: string, maxLength = 140): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= maxLength) return flat;
  const wanted = words(query).map((word) => ({ word, stem: stemWord(word) }));
  let at = 0;
  for (const match of flat.matchAll(WORD)) {
    const folded = foldWord(match[0]);
    const stem = stemWord(folded);
    if (wanted.some((q) => folded.startsWith(q.word) || folded.startsWith(q.stem) || stem.startsWith(q.stem))) {
      at = match.index;
      break;
    }
  }
  let start = Math.max(0, at - Math.floor(maxLength / 3));
  if (start > 0) {
    const space = flat.indexOf(' ', start);
    start = space >= 0 && space < at ? space + 1 : start;
  }
  start = Math.min(start, Math.max(0, flat.length - maxLength));
  const end = Math.min(flat.length, start + maxLength);
  return `${start > 0 ? '…' : ''}${flat.slice(start, end).trim()}${end < flat.length ? '…' : ''}`;
}
