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

/** Letters FTS5's tokenizer folds that Unicode decomposition does not. */
const TOKENIZER_FOLDS: Readonly<Record<string, string>> = { ſ: 's', ς: 'σ', µ: 'μ' };

/**
 * A word from indexTerms() folded at least as far as FTS5's `unicode61 remove_diacritics 2` tokenizer
 * folds it: Latin letters lose their diacritics ("café" → "cafe"), Cyrillic ones keep them (й stays
 * й; ё was folded by foldWord). A few rare Latin letters the tokenizer keeps (ǡ, ǣ, ǯ…) are folded
 * all the same, so a prefix finds at least what FTS5 would find for it.
 */
export function tokenKey(term: string): string {
  if (/^[0-9a-z\u0430-\u044f]*$/.test(term)) return term;
  return term
    .replace(/\p{Script=Latin}/gu, (c) => c.normalize('NFD'))
    .replace(/\p{M}/gu, '')
    .replace(/[ſςµ]/gu, (c) => TOKENIZER_FOLDS[c]!);
}

/** At most this many index terms stand for one typed word; more, and FTS5 expands the prefix itself. */
export const MAX_PREFIX_TERMS = 64;

/**
 * Rewrites an ftsQuery() expression so that each word's group (`"w"*` or `("w"* OR "stem"*)`) names
 * the index terms it matches, found by `termsStartingWith(tokenKey(prefix))`: `("телефон" OR
 * "телефона")` instead of `"телефон"*`. Same matches, but FTS5 walks exact terms' doclists newest
 * first and stops at the LIMIT, where a prefix query first merges every matching doclist in full.
 * A group keeps its prefixes when the lookup finds nothing (the prefix query is then as cheap, and
 * stays right if the lookup missed a folding) or more than MAX_PREFIX_TERMS terms (`null`).
 */
export function expandPrefixes(match: string, termsStartingWith: (key: string) => readonly string[] | null): string {
  return match
    .split(' AND ')
    .map((group) => {
      const terms = new Set<string>();
      for (const [, prefix] of group.matchAll(/"([^"]+)"\*/g)) {
        const found = termsStartingWith(tokenKey(prefix!));
        if (found === null) return group;
        for (const term of found) terms.add(term);
        if (terms.size > MAX_PREFIX_TERMS) return group;
      }
      if (terms.size === 0) return group;
      const quoted = [...terms].map((term) => `"${term.replaceAll('"', '""')}"`);
      return quoted.length === 1 ? quoted[0]! : `(${quoted.join(' OR ')})`;
    })
    .join(' AND ');
}
