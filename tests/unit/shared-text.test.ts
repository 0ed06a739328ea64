import { describe, expect, it } from 'vitest';
import { ftsQuery, indexTerms, queryTermGroups, stemWord, words } from '../../src/shared/text/searchTerms.js';

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

  it('groups each typed word with its stem, the groups the query joins by AND', () => {
    expect(queryTermGroups('Карты pay')).toEqual([['карты', 'карт'], ['pay']]);
    expect(queryTermGroups('"card" OR NEAR(')).toEqual([['card'], ['or'], ['near']]);
    expect(queryTermGroups('   ...  ')).toEqual([]);
    expect(queryTermGroups('a b c d e f g h i j k l m n')).toHaveLength(12);
  });
});
