/**
 * A first mapping guessed from the file's headers in Russian or English ("ФИО", "Паспорт", "Номер
 * карты", "Customer ID"…): the lead checks it in the preview and changes what is wrong.
 */
import type { ImportField, ImportMapping } from './customerImportFields.js';
import { MULTI_FIELDS } from './customerImportFields.js';

/**
 * Word starts (after folding case, ё and punctuation) that name each field, so "телефона" and "Cards"
 * match too; the first field whose word starts a word of the header wins.
 */
const WORDS: readonly [ImportField, readonly string[]][] = [
  ['codeWord', ['кодовое слово', 'кодовое', 'code word', 'codeword', 'secret word', 'пароль клиента']],
  [
    'externalId',
    [
      'external id',
      'externalid',
      'customer id',
      'client id',
      'id клиента',
      'ид клиента',
      'код клиента',
      'номер клиента',
      'идентификатор',
      'cif',
    ],
  ],
  ['birthDate', ['дата рождения', 'birth date', 'birthdate', 'date of birth', 'dob', 'рождения']],
  ['passport', ['паспорт', 'passport', 'серия']],
  ['cards', ['карт', 'card', 'pan']],
  ['accounts', ['счет', 'account', 'acct']],
  ['phones', ['тел', 'мобильн', 'phone', 'mobile']],
  ['emails', ['email', 'e mail', 'почт', 'mail']],
  ['address', ['адрес', 'address', 'прописк']],
  ['notes', ['примечан', 'коммент', 'заметк', 'note', 'comment', 'remark']],
  ['name', ['фио', 'ф и о', 'имя', 'клиент', 'full name', 'fullname', 'name', 'customer', 'client']],
];

/** Lower case, ё → е, punctuation and underscores to spaces, spaces collapsed. */
export function foldHeader(header: string): string {
  return header
    .toLowerCase()
    .replaceAll('ё', 'е')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function fieldOf(header: string): ImportField | null {
  const folded = ` ${foldHeader(header)} `;
  if (folded.trim() === '') return null;
  for (const [field, words] of WORDS) if (words.some((word) => folded.includes(` ${word}`))) return field;
  // "ID" alone is the bank's id when nothing else claimed it.
  if (folded.trim() === 'id') return 'externalId';
  return null;
}

/** The guessed field of each column; a single-value field goes to the first column that names it. */
export function guessMapping(header: readonly string[]): ImportMapping {
  const taken = new Set<ImportField>();
  return header.map((text) => {
    const field = fieldOf(text);
    if (field === null) return null;
    if (!MULTI_FIELDS.has(field) && taken.has(field)) return null;
    taken.add(field);
    return field;
  });
}
