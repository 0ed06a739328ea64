import { describe, expect, it } from 'vitest';
import {
  expandPrefixes,
  ftsQuery,
  indexTerms,
  MAX_PREFIX_TERMS,
  stemWord,
  tokenKey,
  words,
} from '../../src/shared/text/searchTerms.js';

describe('search terms', () => {
  it('folds case and ё', () => {
    expect(words('Ёлка ПРИШЛА, Card!')).toEqual(['елка', 'пришла', 'card']);
  });

  it('stems Russian and English words by their script', () => {
    expect(stemWord('карты')).toBe(stemWord('картой'));
    expect(stemWord('blocked')).toBe(stemWord('blocking'));
    expect(stemWord('42')).toBe('42');
  });

  it('indexes each word and its stem', () => {
    expect(indexTerms('Карты')).toBe('карты карт');
  });

  it('builds a quoted prefix query so FTS syntax in the input is inert', () => {
    expect(ftsQuery('"card" OR NEAR(')).toBe('"card"* AND "or"* AND "near"*');
    expect(ftsQuery('   ...  ')).toBeNull();
    expect(ftsQuery('карты')).toBe('("карты"* OR "карт"*)');
  });

  it('names the index terms each typed word stands for, keeping the AND of the words', () => {
    const vocabulary = ['карт', 'карта', 'карты', 'картой', 'payment', 'payments', 'pay'];
    const startingWith = (key: string) => vocabulary.filter((term) => term.startsWith(key));
    expect(expandPrefixes(ftsQuery('карты pay')!, startingWith)).toBe(
      '("карты" OR "карт" OR "карта" OR "картой") AND ("payment" OR "payments" OR "pay")',
    );
    expect(expandPrefixes(ftsQuery('payments')!, startingWith)).toBe('("payments" OR "payment")');
    expect(expandPrefixes('"карто"*', startingWith)).toBe('"картой"');
  });

  it('leaves a word as a prefix when no term or too many terms start with it', () => {
    expect(expandPrefixes('"zz"* AND "карт"*', () => [])).toBe('"zz"* AND "карт"*');
    expect(expandPrefixes('"zz"* AND "карт"*', (key) => (key === 'zz' ? null : ['карта']))).toBe('"zz"* AND "карта"');
    const many = Array.from({ length: MAX_PREFIX_TERMS + 1 }, (_, i) => `a${i}`);
    expect(expandPrefixes('("ab"* OR "a"*)', (key) => (key === 'a' ? many : ['ab']))).toBe('("ab"* OR "a"*)');
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
