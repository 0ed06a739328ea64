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

/**
 * An FTS5 MATCH expression for what an agent typed: every word must match, as itself or by
 * its stem, as a prefix (so a half-typed word already finds). Returns null when nothing
 * searchable was typed. Terms are quoted, so FTS5 syntax in the input is inert.
 */
export function ftsQuery(input: string): string | null {
  const parts = words(input)
    .slice(0, 12)
    .map((word) => {
      const stem = stemWord(word);
      return stem !== word && stem.length >= 2 ? `("${word}"* OR "${stem}"*)` : `"${word}"*`;
    });
  return parts.length > 0 ? parts.join(' AND ') : null;
}
