import { describe, expect, it } from 'vitest';
import { ftsQuery, indexTerms, stemWord, words } from '../../src/shared/text/searchTerms.js';

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
});
