/** The message index's vocabulary keys and prefix expansion (decision 0049), without a database. */
import { describe, expect, it } from 'vitest';
import { expandPrefixes, MAX_PREFIX_TERMS, tokenKey } from '../../src/main/core/store/messageTerms.js';
import { queryTermGroups, words } from '../../src/shared/text/searchTerms.js';

describe('message search vocabulary', () => {
  it('names the index terms each typed word stands for, keeping the AND of the words', () => {
    const vocabulary = ['карт', 'карта', 'карты', 'картой', 'payment', 'payments', 'pay'];
    const startingWith = (key: string) => vocabulary.filter((term) => term.startsWith(key));
    expect(expandPrefixes(queryTermGroups('карты pay'), startingWith)).toBe(
      '("карты" OR "карт" OR "карта" OR "картой") AND ("payment" OR "payments" OR "pay")',
    );
    expect(expandPrefixes(queryTermGroups('payments'), startingWith)).toBe('("payments" OR "payment")');
    expect(expandPrefixes([['карто']], startingWith)).toBe('"картой"');
  });

  it('leaves a word as a prefix when no term or too many terms start with it', () => {
    expect(expandPrefixes([['zz'], ['карт']], () => [])).toBe('"zz"* AND "карт"*');
    expect(expandPrefixes([['zz'], ['карт']], (key) => (key === 'zz' ? null : ['карта']))).toBe('"zz"* AND "карта"');
    const many = Array.from({ length: MAX_PREFIX_TERMS + 1 }, (_, i) => `a${i}`);
    expect(expandPrefixes([['ab', 'a']], (key) => (key === 'a' ? many : ['ab']))).toBe('("ab"* OR "a"*)');
  });

  it('keys Latin words without their diacritics and leaves Cyrillic letters as they are', () => {
    expect(tokenKey('café')).toBe('cafe');
    expect(tokenKey('müller')).toBe('muller');
    expect(tokenKey(words('İstanbul')[0]!)).toBe('istanbul');
    expect(tokenKey('мой')).toBe('мой');
    expect(tokenKey('їжак')).toBe('їжак');
    expect(tokenKey('x42')).toBe('x42');
  });
});
