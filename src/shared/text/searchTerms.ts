/**
 * Search terms for Russian and English text. Every word is folded (lower case, ё → е)
 * and stemmed with the Snowball stemmer of its script, so "карты" finds "картой" and
 * "blocked" finds "blocking". The store indexes these terms in FTS5; queries go through
 * the same function, so index and query can never disagree.
 */
import snowball from 'snowball-stemmers';

const russian = snowball.newStemmer('russian');
const english = snowball.newStemmer('english');

const WORD = /[\p{L}\p{N}]+/gu;
const CYRILLIC = /[\u0400-\u04ff]/;
const MAX_WORD = 40;

export function foldWord(word: string): string {
  return word.toLowerCase().replaceAll('ё', 'е');
}

// Stemming costs tens of microseconds a word while real text repeats a small vocabulary
// (Zipf), so stems are remembered; the cache is bounded by starting over when it is full.
const STEM_CACHE_MAX = 100_000;
const stemCache = new Map<string, string>();

export function stemWord(folded: string): string {
  if (folded.length < 3 || /^\p{N}+$/u.test(folded)) return folded;
  let stem = stemCache.get(folded);
  if (stem === undefined) {
    stem = CYRILLIC.test(folded) ? russian.stem(folded) : english.stem(folded);
    if (stemCache.size >= STEM_CACHE_MAX) stemCache.clear();
    stemCache.set(folded, stem);
  }
  return stem;
}

export function words(text: string): string[] {
  return (text.match(WORD) ?? []).map((w) => foldWord(w).slice(0, MAX_WORD));
}

/** Text to index: each word followed by its stem when the stem differs. */
export function indexTerms(text: string): string {
  const out: string[] = [];
  for (const word of words(text)) {
    out.push(word);
    const stem = stemWord(word);
    if (stem !== word) out.push(stem);
  }
  return out.join(' ');
}

/** One typed word as the prefixes any of which may match it: the word and, when it differs, its stem. */
export type TermGroup = readonly string[];

/**
 * What an agent typed, as search terms: one group per word (the first 12), every group must match,
 * each by any of its prefixes (so a half-typed word already finds). Empty when nothing searchable
 * was typed. Prefixes are words() and stems: letters and digits only.
 */
export function queryTermGroups(input: string): TermGroup[] {
  return words(input)
    .slice(0, 12)
    .map((word) => {
      const stem = stemWord(word);
      return stem !== word && stem.length >= 2 ? [word, stem] : [word];
    });
}

/** A term group as an FTS5 expression: `"word"*`, or `("word"* OR "stem"*)`. */
export function prefixMatch(group: TermGroup): string {
  const prefixes = group.map((prefix) => `"${prefix}"*`);
  return prefixes.length === 1 ? prefixes[0]! : `(${prefixes.join(' OR ')})`;
}

/**
 * An FTS5 MATCH expression for what an agent typed (queryTermGroups(), the groups joined by AND).
 * Returns null when nothing searchable was typed. Terms are quoted, so FTS5 syntax in the input is inert.
 */
export function ftsQuery(input: string): string | null {
  const groups = queryTermGroups(input);
  return groups.length > 0 ? groups.map(prefixMatch).join(' AND ') : null;
}
