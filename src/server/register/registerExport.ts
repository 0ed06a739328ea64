/**
 * The register as a file (decision 0035): CSV (UTF-8 with a byte-order mark, so Excel reads Cyrillic;
 * cells a spreadsheet would run as a formula defused) or XLSX (exceljs), one row per complaint.
 */
import ExcelJS from 'exceljs';
import type { Complaint, ComplaintType } from '../../shared/register/registerSchemas.js';

type Cell = string | number | null;
export type ExportLanguage = 'en' | 'ru';

const HEADERS: Record<ExportLanguage, string[]> = {
  en: [
    'Number',
    'Type',
    'Subject',
    'Status',
    'Customer',
    'Channel',
    'Assignee',
    'Group',
    'Registered',
    'Deadline',
    'Resolved',
    'Closed',
    'Overdue',
    'Fields',
  ],
  ru: [
    'Номер',
    'Тип',
    'Тема',
    'Статус',
    'Клиент',
    'Канал',
    'Исполнитель',
    'Группа',
    'Зарегистрировано',
    'Срок',
    'Решено',
    'Закрыто',
    'Просрочено',
    'Поля',
  ],
};

const STATUS: Record<ExportLanguage, Record<Complaint['status'], string>> = {
  en: {
    new: 'new',
    in_progress: 'in progress',
    waiting_customer: 'waiting for the customer',
    resolved: 'resolved',
    closed: 'closed',
  },
  ru: {
    new: 'новое',
    in_progress: 'в работе',
    waiting_customer: 'ждёт клиента',
    resolved: 'решено',
    closed: 'закрыто',
  },
};

/** Times as ISO 8601 UTC: the file is read by machines as much as by people. */
function iso(at: number | null): string {
  return at === null ? '' : new Date(at).toISOString();
}

export function exportRows(
  items: readonly Complaint[],
  types: readonly ComplaintType[],
  language: ExportLanguage,
): Cell[][] {
  const typeNames = new Map(types.map((t) => [t.id, t.name[language]]));
  const yes = language === 'ru' ? 'да' : 'yes';
  return [
    HEADERS[language],
    ...items.map((c) => [
      c.number,
      typeNames.get(c.typeId) ?? c.typeId,
      c.subject,
      STATUS[language][c.status],
      c.customerName ?? '',
      c.originChannel ?? '',
      c.assigneeAgentName ?? '',
      c.assigneeGroupName ?? '',
      iso(c.createdAt),
      iso(c.deadlineAt),
      iso(c.resolvedAt),
      iso(c.closedAt),
      c.warning === 'overdue' ? yes : '',
      Object.entries(c.fields)
        .map(([k, v]) => `${k}=${v}`)
        .join('; '),
    ]),
  ];
}

function csvCell(value: Cell): string {
  if (value === null) return '';
  const text = String(value);
  const safe = typeof value === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(rows: Cell[][]): Buffer {
  const text = rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

export async function toXlsx(rows: Cell[][], sheetName: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  for (const row of rows) sheet.addRow(row.map((c) => (c === null ? '' : c)));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
