/**
 * Bank customer files for tests and the bench: valid card numbers (Luhn) made from a counter,
 * passports and accounts from the same counter, and the rows as CSV text or XLSX bytes (exceljs).
 */
import ExcelJS from 'exceljs';

export const HEADER_RU = [
  'ID клиента',
  'ФИО',
  'Телефон',
  'Email',
  'Дата рождения',
  'Адрес',
  'Паспорт',
  'Номер карты',
  'Номер счёта',
  'Кодовое слово',
  'Примечание',
];

/** The check digit that makes `body` + digit pass Luhn. */
export function luhnDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let digit = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return String((10 - (sum % 10)) % 10);
}

/** A 16-digit card number (passes Luhn), distinct for each n. */
export function cardNumber(n: number, prefix = '427638'): string {
  const body = prefix + String(n).padStart(15 - prefix.length, '0');
  return body + luhnDigit(body);
}

export function passportOf(n: number): string {
  return `45${String(n).padStart(8, '0')}`;
}

export function accountOf(n: number): string {
  return `40817810${String(n).padStart(12, '0')}`;
}

export function phoneOf(n: number): string {
  return `+7916${String(n).padStart(7, '0')}`;
}

const SURNAMES = [
  'Иванов',
  'Смирнов',
  'Кузнецов',
  'Попов',
  'Васильев',
  'Петров',
  'Соколов',
  'Михайлов',
  'Новиков',
  'Фёдоров',
  'Морозов',
  'Волков',
  'Алексеев',
  'Лебедев',
  'Семёнов',
  'Егоров',
  'Павлов',
  'Козлов',
  'Степанов',
  'Николаев',
];
const FIRST_NAMES = [
  'Александр',
  'Сергей',
  'Дмитрий',
  'Андрей',
  'Алексей',
  'Максим',
  'Евгений',
  'Иван',
  'Михаил',
  'Артём',
  'Николай',
  'Олег',
];
const PATRONYMICS = [
  'Александрович',
  'Сергеевич',
  'Дмитриевич',
  'Андреевич',
  'Петрович',
  'Иванович',
  'Николаевич',
  'Викторович',
];

/** A Russian full name for customer n: the words repeat across customers, as in a real base. */
export function nameOf(n: number): string {
  return `${SURNAMES[n % SURNAMES.length]} ${FIRST_NAMES[Math.floor(n / SURNAMES.length) % FIRST_NAMES.length]} ${PATRONYMICS[Math.floor(n / 7) % PATRONYMICS.length]}`;
}

/** One row per customer, columns as HEADER_RU. */
export function customerRow(n: number, name = nameOf(n)): string[] {
  return [
    `C${n}`,
    name,
    phoneOf(n),
    `client${n}@example.ru`,
    '17.05.1980',
    `Москва, ул. Тверская, д. ${n}`,
    passportOf(n),
    cardNumber(n),
    accountOf(n),
    `слово${n}`,
    `импорт ${n}`,
  ];
}

export function customerRows(count: number, from = 1): string[][] {
  return Array.from({ length: count }, (_, i) => customerRow(from + i));
}

function csvField(text: string): string {
  return /[",;\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(rows: readonly (readonly string[])[], delimiter = ';'): string {
  return rows.map((row) => row.map(csvField).join(delimiter)).join('\r\n') + '\r\n';
}

/** An XLSX workbook of the rows, every cell text (as a bank's export holds ids and numbers). */
export async function toXlsx(rows: readonly (readonly string[])[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Клиенты');
  for (const row of rows) sheet.addRow([...row]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
