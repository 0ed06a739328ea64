/**
 * The message index's vocabulary keys and prefix expansion (decision 0049): a typed prefix is
 * searched as the exact index terms that start with it, found in message_terms by tokenKey().
 */
import { prefixMatch, type TermGroup } from '../../../shared/text/searchTerms.js';

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
 * The FTS5 MATCH expression for queryTermGroups(): every group must match, and each names the index
 * terms its prefixes stand for, found by `termsStartingWith(tokenKey(prefix))`: `("телефон" OR
 * "телефона")` instead of `"телефон"*`. Same matches as ftsQuery(), but FTS5 walks exact terms'
 * doclists newest first and stops at the LIMIT, where a prefix query first merges every matching
 * doclist in full. A group keeps its prefixes (prefixMatch) when the lookup finds nothing (the prefix
 * query is then as cheap, and stays right if the lookup missed a folding) or more than
 * MAX_PREFIX_TERMS terms (`null`).
 */
export function expandPrefixes(
  groups: readonly TermGroup[],
  termsStartingWith: (key: string) => readonly string[] | null,
): string {
  return groups
    .map((group) => {
      const terms = new Set<string>();
      for (const prefix of group) {
        const found = termsStartingWith(tokenKey(prefix));
        if (found === null) return prefixMatch(group);
        for (const term of found) terms.add(term);
        if (terms.size > MAX_PREFIX_TERMS) return prefixMatch(group);
      }
      if (terms.size === 0) return prefixMatch(group);
      const quoted = [...terms].map((term) => `"${term.replaceAll('"', '""')}"`);
      return quoted.length === 1 ? quoted[0]! : `(${quoted.join(' OR ')})`;
    })
    .join(' AND ');
}
