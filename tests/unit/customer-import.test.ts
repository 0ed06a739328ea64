/** The pure parts of the customer import: CSV, encodings, header guessing, mapping and row checks, duplicates, masking. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvRows, CsvFormatError, detectDelimiter } from '../../src/shared/customers/customerImportCsv.js';
import { DuplicateKeys } from '../../src/shared/customers/customerImportDuplicates.js';
import { decodeUtf8File, firstInvalidUtf8, guessEncoding } from '../../src/shared/customers/customerImportEncoding.js';
import { mappingProblems, type ImportMapping } from '../../src/shared/customers/customerImportFields.js';
import { guessMapping } from '../../src/shared/customers/customerImportGuess.js';
import { maskPans } from '../../src/shared/customers/customerImportMask.js';
import { checkRow, parseBirthDate, type ImportRecord } from '../../src/shared/customers/customerImportRow.js';
import { cellText, formatOf } from '../../src/server/customers/import/sheetReader.js';
import { ImportUploads } from '../../src/server/customers/import/importUploads.js';
import { cardNumber, HEADER_RU } from '../support/customerImportFiles.js';

const rows = (text: string) => [...csvRows(text)];

describe('CSV', () => {
  it('reads quoted fields with delimiters, quotes and line breaks, numbering rows as a spreadsheet does', () => {
    const text = 'a;b;c\r\n1;"x; y";"say ""hi"""\n\n2;"two\nlines";\n';
    expect(detectDelimiter(text)).toBe(';');
    expect(rows(text)).toEqual([
      { row: 1, cells: ['a', 'b', 'c'] },
      { row: 2, cells: ['1', 'x; y', 'say "hi"'] },
      { row: 4, cells: ['2', 'two\nlines', ''] },
    ]);
  });

  it('picks the delimiter the header uses most', () => {
    expect(detectDelimiter('a,b,c\n1;2;3')).toBe(',');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
    expect(detectDelimiter('"a,b";c;d')).toBe(';');
    expect(detectDelimiter('single')).toBe(',');
  });

  it('names the row where a quote is never closed', () => {
    expect(() => rows('a,b\n1,"open\n2,3\n')).toThrow(CsvFormatError);
    expect(() => rows('a,b\n1,"open\n2,3\n')).toThrow('row 2: a quoted field is never closed');
  });

  it('round-trips any table written with quotes', () => {
    const cell = fc.string({ maxLength: 8 });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (table) => {
        const width = table[0]!.length;
        const square = table.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
        const text = square.map((r) => r.map((c) => `"${c.replaceAll('"', '""')}"`).join(',')).join('\n');
        expect(rows(text).map((r) => r.cells)).toEqual(square);
      }),
    );
  });
});

describe('encoding', () => {
  const cp1251 = (text: string) =>
    Uint8Array.from([...text].map((c) => (c.charCodeAt(0) < 0x80 ? c.charCodeAt(0) : c.charCodeAt(0) - 0x410 + 0xc0)));

  it('takes UTF-8 with or without a byte-order mark', () => {
    const bytes = new TextEncoder().encode('ФИО;Паспорт\n');
    expect(decodeUtf8File(bytes)).toEqual({ ok: true, text: 'ФИО;Паспорт\n' });
    expect(decodeUtf8File(Uint8Array.from([0xef, 0xbb, 0xbf, ...bytes]))).toEqual({ ok: true, text: 'ФИО;Паспорт\n' });
  });

  it('finds the first byte that is not UTF-8 (overlong, surrogate, truncated)', () => {
    expect(firstInvalidUtf8(new TextEncoder().encode('абв€😀'))).toBe(-1);
    expect(firstInvalidUtf8(Uint8Array.from([0x41, 0xc0, 0x80]))).toBe(1);
    expect(firstInvalidUtf8(Uint8Array.from([0x41, 0xed, 0xa0, 0x80]))).toBe(1);
    expect(firstInvalidUtf8(Uint8Array.from([0x41, 0x42, 0xe2, 0x82]))).toBe(2);
  });

  it('names Windows-1251, KOI8-R, CP866 and UTF-16 with the byte and line where the file broke', () => {
    const refused = decodeUtf8File(cp1251('id;name\nC1;Иванов иван\n'));
    expect(refused).toMatchObject({ ok: false, encoding: 'windows-1251', byte: 12, line: 2 });
    expect(refused.ok ? '' : refused.message).toContain('Windows-1251');
    // KOI8-R puts lower-case letters at 0xC0–0xDF.
    expect(guessEncoding(Uint8Array.from([0xc9, 0xd7, 0xc1, 0xce, 0xcf, 0xd7, 0x20, 0xe9]))).toBe('koi8-r');
    expect(guessEncoding(Uint8Array.from([0x88, 0xa2, 0xa0, 0xad, 0xae, 0xa2]))).toBe('cp866');
    expect(decodeUtf8File(Uint8Array.from([0xff, 0xfe, 0x41, 0x00]))).toMatchObject({ ok: false, encoding: 'utf-16' });
  });
});

describe('header guessing and mapping', () => {
  it('maps Russian and English headers to fields', () => {
    expect(guessMapping(HEADER_RU)).toEqual([
      'externalId',
      'name',
      'phones',
      'emails',
      'birthDate',
      'address',
      'passport',
      'cards',
      'accounts',
      'codeWord',
      'notes',
    ]);
    expect(
      guessMapping([
        'Customer ID',
        'Full name',
        'Mobile',
        'Phone 2',
        'E-mail',
        'Date of birth',
        'Card number',
        'Card 2',
        'Something',
      ]),
    ).toEqual(['externalId', 'name', 'phones', 'phones', 'emails', 'birthDate', 'cards', 'cards', null]);
    // A single-value field goes to its first column only.
    expect(guessMapping(['ФИО', 'Ф.И.О. (латиницей)', 'Серия и номер паспорта'])).toEqual(['name', null, 'passport']);
  });

  it('refuses a mapping without name or key, with a single field twice, or beyond the file', () => {
    const header = ['ФИО', 'Паспорт', 'Телефон'];
    expect(mappingProblems(['name', 'passport', 'phones'], header)).toEqual([]);
    expect(mappingProblems([null, 'passport', null], header).map((p) => p.code)).toEqual(['name_missing']);
    expect(mappingProblems(['name', 'notes', null], header).map((p) => p.code)).toEqual(['key_missing']);
    expect(mappingProblems(['name', 'name', 'phones'], header)).toEqual([
      expect.objectContaining({ code: 'field_twice', columns: ['ФИО', 'Паспорт'] }),
    ]);
    const wide: ImportMapping = ['name', 'passport', 'phones', 'notes'];
    expect(mappingProblems(wide, header)).toEqual([expect.objectContaining({ code: 'column_missing', column: 4 })]);
  });
});

describe('row check', () => {
  const header = ['ID', 'ФИО', 'Телефоны', 'Карты', 'Паспорт', 'Счёт', 'Дата рождения', 'Email'];
  const mapping: ImportMapping = [
    'externalId',
    'name',
    'phones',
    'cards',
    'passport',
    'accounts',
    'birthDate',
    'emails',
  ];
  const good = [
    'C7',
    '  Иванов   Иван ',
    '8 916 123-45-67; +7 (916) 123-45-68',
    cardNumber(7),
    '45 06 123456',
    '40817810099910004312',
    '07.03.1985',
    'A@Example.ru',
  ];

  it('parses a good row into its fields', () => {
    const checked = checkRow(2, good, mapping, header, true);
    expect(checked).toEqual({
      ok: true,
      record: {
        row: 2,
        externalId: 'C7',
        name: 'Иванов Иван',
        phones: ['+79161234567', '+79161234568'],
        cards: [{ kind: 'card', value: cardNumber(7), masked: `**** ${cardNumber(7).slice(-4)}` }],
        passport: { kind: 'passport', value: '4506123456', masked: '45 ** ***456' },
        accounts: [{ kind: 'account', value: '40817810099910004312', masked: '40817 **** 4312' }],
        birthDate: '1985-03-07',
        emails: ['a@example.ru'],
      } satisfies ImportRecord,
    });
  });

  it('names each bad cell by row and column without echoing a card number', () => {
    const pan = cardNumber(8);
    const wrongDigit = pan.slice(0, 15) + ((Number(pan[15]) + 1) % 10);
    const bad = ['', 'Иванов', 'not a phone', wrongDigit, '45 06', '123', '31.02.1990', 'nobody'];
    const checked = checkRow(9, bad, mapping, header, true);
    expect(checked.ok).toBe(false);
    const problems = checked.ok ? [] : checked.problems;
    expect(problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [9, 'ID', 'required'],
      [9, 'Телефоны', 'phone_invalid'],
      [9, 'Карты', 'card_checksum'],
      [9, 'Паспорт', 'passport_format'],
      [9, 'Счёт', 'account_format'],
      [9, 'Дата рождения', 'birth_date_invalid'],
      [9, 'Email', 'email_invalid'],
    ]);
    expect(JSON.stringify(problems)).not.toContain(wrongDigit);
    expect(problems[2]!.message).toBe(
      `row 9, column "Карты": card number ending ${wrongDigit.slice(-4)} fails its check digit (Luhn): a digit is mistyped`,
    );
  });

  it('masks a card number typed into another column when quoting it', () => {
    const pan = cardNumber(9);
    const row = [...good];
    row[2] = pan.replace(/(\d{4})(?=\d)/g, '$1 ');
    const checked = checkRow(3, row, mapping, header, true);
    const text = JSON.stringify(checked);
    expect(text).not.toContain(pan);
    expect(text).toContain(`**** ${pan.slice(-4)}`);
  });

  it('refuses a CSV row whose cells do not match the header, and a row with no key', () => {
    expect(checkRow(4, ['C1', 'x'], mapping, header, true)).toMatchObject({
      ok: false,
      problems: [{ code: 'cell_count', params: { cells: 2, expected: 8 } }],
    });
    // XLSX leaves trailing empty cells out: not a problem there.
    expect(checkRow(4, ['C1', 'Иванов'], mapping, header, false).ok).toBe(true);
    const noId: ImportMapping = [null, 'name', 'phones', null, null, null, null, null];
    expect(checkRow(5, ['', 'Иванов', ''], noId, header, false)).toMatchObject({
      ok: false,
      problems: [{ code: 'no_key', column: null }],
    });
  });

  it('reads birth dates in ISO and Russian order and refuses dates that do not exist', () => {
    expect(parseBirthDate('1990-5-7')).toBe('1990-05-07');
    expect(parseBirthDate('07/05/1990')).toBe('1990-05-07');
    expect(parseBirthDate('29.02.2001')).toBeNull();
    expect(parseBirthDate('1850-01-01')).toBeNull();
  });
});

describe('duplicate keys', () => {
  it('names both rows, a card masked', () => {
    const keys = new DuplicateKeys(true, (field) => (field === 'cards' ? 'Карта' : 'ID'));
    const card = { kind: 'card' as const, value: cardNumber(5), masked: `**** ${cardNumber(5).slice(-4)}` };
    expect(keys.add({ row: 2, externalId: 'A', cards: [card] })).toEqual([]);
    expect(keys.add({ row: 3, externalId: 'B' })).toEqual([]);
    const problems = keys.add({ row: 7, externalId: 'A', cards: [card] });
    expect(problems.map((p) => [p.row, p.column, p.params.other])).toEqual([
      [7, 'ID', 2],
      [2, 'ID', 7],
      [7, 'Карта', 2],
      [2, 'Карта', 7],
    ]);
    expect(JSON.stringify(problems)).not.toContain(card.value);
  });

  it('counts a phone only on rows found by phone', () => {
    const byPhone = new DuplicateKeys(false, () => 'Телефон');
    expect(byPhone.add({ row: 2, phones: ['+79160000001'] })).toEqual([]);
    expect(byPhone.add({ row: 3, phones: ['+79160000001'] })).toHaveLength(2);
    const byId = new DuplicateKeys(true, () => 'Телефон');
    expect(byId.add({ row: 2, externalId: 'A', phones: ['+79160000001'] })).toEqual([]);
    expect(byId.add({ row: 3, externalId: 'B', phones: ['+79160000001'] })).toEqual([]);
  });
});

describe('masking and cells', () => {
  it('masks every 13–19-digit run and leaves phones, passports and accounts', () => {
    expect(maskPans(`card ${cardNumber(1)} and 4276-3800-0000-0013`)).toBe('card **** 0013 and **** 0013');
    expect(maskPans('+7 916 123-45-67, 45 06 123456, 40817810099910004312')).toBe(
      '+7 916 123-45-67, 45 06 123456, 40817810099910004312',
    );
  });

  it('turns XLSX cell values into the text the lead sees', () => {
    expect(cellText(4276380000000013)).toBe('4276380000000013');
    expect(cellText(new Date(Date.UTC(1980, 4, 17)))).toBe('1980-05-17');
    expect(cellText({ richText: [{ text: 'Ива' }, { text: 'нов' }] })).toBe('Иванов');
    expect(cellText({ formula: 'A1', result: 42 })).toBe('42');
    expect(cellText({ text: 'mail', hyperlink: 'mailto:x' })).toBe('mail');
    expect(formatOf(Uint8Array.from([0x50, 0x4b, 0x03, 0x04]))).toBe('xlsx');
    expect(formatOf(new TextEncoder().encode('a,b'))).toBe('csv');
  });
});

describe('upload chunks', () => {
  const chunk = (offset: number, text: string, last: boolean, size = 6) => ({
    name: 'f.csv',
    size,
    offset,
    dataBase64: Buffer.from(text).toString('base64'),
    last,
  });

  it('assembles chunks in order for their owner only', () => {
    const uploads = new ImportUploads(() => 0);
    const id = crypto.randomUUID();
    expect(uploads.receive('a', id, chunk(0, 'abc', false))).toEqual({ received: 3, bytes: null });
    expect(() => uploads.receive('b', id, chunk(3, 'def', true))).toThrow('is not yours');
    expect(() => uploads.receive('a', id, chunk(4, 'def', true))).toThrow('chunk at offset 4; expected 3');
    expect(uploads.receive('a', id, chunk(3, 'def', true)).bytes?.toString()).toBe('abcdef');
  });

  it('refuses a file that ends short or runs past its size, and one that does not start at 0', () => {
    const uploads = new ImportUploads(() => 0);
    expect(() => uploads.receive('a', crypto.randomUUID(), chunk(0, 'abc', true))).toThrow(
      'the file ended after 3 of 6 bytes',
    );
    expect(() => uploads.receive('a', crypto.randomUUID(), chunk(0, 'abcdefgh', false))).toThrow(
      'larger than the 6 bytes announced',
    );
    expect(() => uploads.receive('a', crypto.randomUUID(), chunk(3, 'abc', false))).toThrow('must start at offset 0');
  });

  it('forgets a held file after 30 idle minutes', () => {
    let now = 0;
    const uploads = new ImportUploads(() => now);
    const id = crypto.randomUUID();
    uploads.hold(id, { agentId: 'a', name: 'f.csv', bytes: Buffer.from('x'), header: ['x'] });
    expect(uploads.file('a', id).name).toBe('f.csv');
    expect(() => uploads.file('b', id)).toThrow('no uploaded file');
    now = 31 * 60_000;
    uploads.receive('a', crypto.randomUUID(), chunk(0, 'abc', false));
    expect(() => uploads.file('a', id)).toThrow('no uploaded file');
  });
});
