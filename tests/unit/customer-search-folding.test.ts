/** Name folding, typo bounds and key parsing of the customer search (decision 0031, ## Search). */
import { describe, expect, it } from 'vitest';
import {
  deletions,
  editDistance,
  foldWord,
  nameScore,
  nameWords,
  typoBound,
} from '../../src/shared/customers/nameFolding.js';
import { parseSearch } from '../../src/shared/customers/searchKeys.js';

describe('name folding', () => {
  it('makes Russian and English spellings of one name the same word', () => {
    for (const [a, b] of [
      ['Иванов', 'Ivanov'],
      ['Пётр', 'Петр'],
      ['Ёлкина', 'Elkina'],
      ['Юрий', 'Yuri'],
      ['Сергей', 'Sergey'],
      ['Наталья', 'Natalya'],
      ['Александр', 'Aleksandr'],
      ['Alexandr', 'Aleksandr'],
      ['Хабаров', 'Khabarov'],
      ['Михаил', 'Mikhail'],
      ['Sarah', 'Сара'],
      ['Джон', 'John'],
      ['Пётр', 'Pyotr'],
      ['Фёдор', 'Fyodor'],
      ['Смит', 'Smith'],
      ['Жуков', 'Zhukov'],
      ['Кирилл', 'Kirill'],
      ['O’Brien', 'obrien'],
    ])
      expect(foldWord(a!), `${a} / ${b}`).toBe(foldWord(b!));
    expect(foldWord('Иванов')).not.toBe(foldWord('Петров'));
  });

  it('splits a name into distinct folded words, order kept, hyphens splitting', () => {
    expect(nameWords('Анна-Мария  Ёлкина, Ёлкина')).toEqual(['ana', 'maria', 'elkina']);
    expect(nameWords(' -- ')).toEqual([]);
  });

  it('allows more typos in longer words', () => {
    expect([3, 4, 6, 7, 12].map(typoBound)).toEqual([0, 1, 1, 2, 2]);
  });

  it('measures edit distance with neighbour swaps as one typo, stopping past the bound', () => {
    expect(editDistance('ivanov', 'ivanov')).toBe(0);
    expect(editDistance('ivanov', 'ivnaov')).toBe(1);
    expect(editDistance('ivanov', 'ivanof')).toBe(1);
    expect(editDistance('ivanov', 'petrov')).toBe(4);
    expect(editDistance('ivanov', 'petrova', 1)).toBe(2);
  });

  it('finds a typo through shared deletion variants', () => {
    const typed = new Set(deletions('ivnaov'));
    expect(deletions('ivanov').some((v) => typed.has(v))).toBe(true);
    expect(deletions('abc')).toEqual(['abc']);
    expect(deletions('sergeevich').length).toBeGreaterThan(40);
  });

  it('scores a name by its typed words in any order, a typo costing its distance, the last word a prefix', () => {
    const name = nameWords('Иванов Пётр Сергеевич');
    expect(nameScore(nameWords('петр иванов'), name)).toBe(0);
    expect(nameScore(nameWords('Иваноф Петр'), name)).toBe(1);
    expect(nameScore(nameWords('Иванов Серг'), name)).toBe(0.5);
    expect(nameScore(nameWords('Петров'), name)).toBeNull();
    // An extra letter in a short word: the typed word's bound decides.
    expect(nameScore(nameWords('Jhon'), nameWords('John Smith'))).toBe(1);
    // Cyrillic х is not a silent h: a swap next to it stays one typo.
    expect(nameScore(nameWords('Порхорин'), nameWords('Прохорин Никита'))).toBe(1);
  });
});

describe('search keys', () => {
  it('reads every key into one spelling', () => {
    expect(parseSearch('phone', '8 (916) 123-45-67')).toEqual({ ok: true, key: 'phone', value: '+79161234567' });
    expect(parseSearch('passport', '45 06 123456')).toEqual({ ok: true, key: 'passport', value: '4506123456' });
    expect(parseSearch('email', ' A@B.ru ')).toEqual({ ok: true, key: 'email', value: 'a@b.ru' });
    expect(parseSearch('name', 'Ёлкина')).toEqual({ ok: true, key: 'name', words: ['elkina'] });
  });

  it('names what is wrong, never echoing a card number', () => {
    const card = parseSearch('card', '4111 1111 1111 1112');
    expect(card).toMatchObject({ ok: false, problem: 'card_checksum' });
    expect(JSON.stringify(card)).not.toContain('4111111111111112');
    expect(parseSearch('account', '123')).toMatchObject({ ok: false, problem: 'account_format' });
    expect(parseSearch('phone', '12')).toMatchObject({ ok: false, problem: 'phone_invalid' });
    expect(parseSearch('telegram', 'abc')).toMatchObject({ ok: false, problem: 'messenger_invalid' });
    expect(parseSearch('name', '...')).toMatchObject({ ok: false, problem: 'name_empty' });
  });
});
