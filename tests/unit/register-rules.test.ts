/**
 * The register's pure rules (decision 0035): the status workflow and its refusal, business days over
 * weekends and holidays, deadlines in a time zone, field values against a type, placeholders, and
 * files checked by their bytes.
 */
import { describe, expect, it } from 'vitest';
import { OknoError } from '../../src/shared/errors.js';
import { addBusinessDays, isBusinessDay } from '../../src/shared/register/businessDays.js';
import { fillCustomerText, pickText } from '../../src/shared/register/customerText.js';
import { checkFieldValues } from '../../src/shared/register/fieldValues.js';
import { COMPLAINT_STATUSES, FieldDef } from '../../src/shared/register/registerSchemas.js';
import { allowedMoves, canMove, checkMove } from '../../src/shared/register/workflow.js';
import { deadlineOf, warningOf } from '../../src/server/register/deadlines.js';
import { checkComplaintFile, sniff } from '../../src/server/register/fileCheck.js';

const WEEK = { workingDays: [1, 2, 3, 4, 5], holidays: [] as string[] };

function thrown(fn: () => unknown): OknoError {
  try {
    fn();
  } catch (error) {
    if (error instanceof OknoError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the status workflow', () => {
  it('allows the forward path and the reopen, nothing else', () => {
    expect(canMove('new', 'in_progress')).toBe(true);
    expect(canMove('in_progress', 'waiting_customer')).toBe(true);
    expect(canMove('waiting_customer', 'resolved')).toBe(true);
    expect(canMove('resolved', 'closed')).toBe(true);
    expect(canMove('resolved', 'in_progress')).toBe(true);
    expect(canMove('closed', 'in_progress')).toBe(true);
    expect(canMove('new', 'closed')).toBe(false);
    expect(canMove('new', 'resolved')).toBe(false);
    expect(canMove('closed', 'resolved')).toBe(false);
    for (const s of COMPLAINT_STATUSES) expect(allowedMoves(s)).not.toContain(s);
  });

  it('refuses a jump naming from, to and the allowed moves', () => {
    const error = thrown(() => checkMove('new', 'closed'));
    expect(error.code).toBe('bad_request');
    expect(error.message).toContain('"new"');
    expect(error.message).toContain('"closed"');
    expect(error.message).toContain('"in_progress"');
    expect(error.params).toEqual({ from: 'new', to: 'closed', allowed: 'in_progress' });
    expect(() => checkMove('resolved', 'in_progress')).not.toThrow();
  });
});

describe('business days', () => {
  it('skips weekends: Friday + 1 is Monday, Wednesday + 3 is the next Monday', () => {
    expect(addBusinessDays('2026-12-04', 1, WEEK)).toBe('2026-12-07'); // Fri → Mon
    expect(addBusinessDays('2026-12-02', 3, WEEK)).toBe('2026-12-07'); // Wed → Mon
    expect(addBusinessDays('2026-12-05', 1, WEEK)).toBe('2026-12-07'); // Sat → Mon
    expect(addBusinessDays('2026-12-07', 5, WEEK)).toBe('2026-12-14');
  });

  it('skips holidays like weekends (the Russian New Year week)', () => {
    const calendar = {
      workingDays: [1, 2, 3, 4, 5],
      holidays: ['2027-01-01', '2027-01-04', '2027-01-05', '2027-01-06', '2027-01-07', '2027-01-08'],
    };
    // Thursday 31 December + 1 business day: Friday 1 Jan is a holiday, the week of 4–8 Jan too.
    expect(addBusinessDays('2026-12-31', 1, calendar)).toBe('2027-01-11');
    expect(addBusinessDays('2026-12-30', 2, calendar)).toBe('2027-01-11');
    expect(isBusinessDay('2027-01-05', calendar)).toBe(false);
    expect(isBusinessDay('2027-01-11', calendar)).toBe(true);
  });

  it('follows the working weekdays (a six-day week)', () => {
    expect(addBusinessDays('2026-12-04', 1, { workingDays: [1, 2, 3, 4, 5, 6], holidays: [] })).toBe('2026-12-05');
  });

  it('refuses a calendar with no working day and a count below one', () => {
    expect(() => addBusinessDays('2026-12-04', 1, { workingDays: [1], holidays: allMondays() })).toThrow(
      /no working day/,
    );
    expect(() => addBusinessDays('2026-12-04', 0, WEEK)).toThrow(/above 0/);
  });

  it('puts the deadline at the end of the day in the hub’s zone', () => {
    // Friday 4 Dec 2026 22:30 UTC is already Saturday 01:30 in Moscow: + 1 business day = Monday 7 Dec, Moscow.
    const created = Date.parse('2026-12-04T22:30:00Z');
    expect(new Date(deadlineOf(created, 1, WEEK, 'Europe/Moscow')).toISOString()).toBe('2026-12-07T20:59:59.999Z');
    expect(new Date(deadlineOf(created, 1, WEEK, 'UTC')).toISOString()).toBe('2026-12-07T23:59:59.999Z');
  });

  it('warns: due soon within a day, overdue once passed, nothing once resolved', () => {
    const deadline = Date.parse('2026-12-07T23:59:59.999Z');
    expect(warningOf('in_progress', deadline, deadline - 2 * 86_400_000)).toBe('none');
    expect(warningOf('in_progress', deadline, deadline - 3_600_000)).toBe('due_soon');
    expect(warningOf('new', deadline, deadline + 1)).toBe('overdue');
    expect(warningOf('resolved', deadline, deadline + 1)).toBe('none');
  });
});

function allMondays(): string[] {
  const days: string[] = [];
  const d = new Date(Date.UTC(2026, 11, 7));
  for (let i = 0; i < 600; i++) {
    days.push(d.toISOString().slice(0, 10));
    d.setUTCDate(d.getUTCDate() + 7);
  }
  return days;
}

describe('field values', () => {
  const defs = [
    { id: 'amount', label: { en: 'Amount', ru: 'Сумма' }, kind: 'number', required: true, options: [] },
    {
      id: 'card',
      label: { en: 'Card type', ru: 'Тип карты' },
      kind: 'choice',
      required: false,
      options: ['debit', 'credit'],
    },
    { id: 'when', label: { en: 'Operation day', ru: 'Дата операции' }, kind: 'date', required: false, options: [] },
  ].map((d) => FieldDef.parse(d));

  it('names a missing required field by its label and id', () => {
    const { problems } = checkFieldValues(defs, { card: 'debit' });
    expect(problems).toEqual([{ path: 'fields.amount', message: 'the required field "Amount" (amount) is empty' }]);
  });

  it('checks kinds and normalizes numbers typed as text', () => {
    const ok = checkFieldValues(defs, { amount: '1500,50', card: 'credit', when: '2026-12-01' });
    expect(ok.problems).toEqual([]);
    expect(ok.values).toEqual({ amount: 1500.5, card: 'credit', when: '2026-12-01' });
    const bad = checkFieldValues(defs, { amount: 'a lot', card: 'gold', when: '2026-02-30', extra: 'x' });
    expect(bad.problems.map((p) => p.path).sort()).toEqual([
      'fields.amount',
      'fields.card',
      'fields.extra',
      'fields.when',
    ]);
  });

  it('a choice field needs options', () => {
    expect(FieldDef.safeParse({ id: 'x', label: { en: 'X', ru: 'Х' }, kind: 'choice', options: [] }).success).toBe(
      false,
    );
  });
});

describe('customer texts', () => {
  const values = {
    number: 17,
    status: 'resolved' as const,
    deadline: '7 декабря 2026 г.',
    subject: 'Двойное списание',
    customer: 'Анна',
    type: 'Жалоба',
    date: '7 декабря 2026 г.',
    fields: { amount: 1500 },
  };
  it('fills the placeholders in the customer’s language', () => {
    expect(
      fillCustomerText('Обращение № {number}: {status}, до {deadline}. Сумма {field:amount}. {unknown}', 'ru', values),
    ).toBe('Обращение № 17: решено, до 7 декабря 2026 г.. Сумма 1500. {unknown}');
    expect(fillCustomerText('Request #{number} is {status}', 'en', values)).toBe('Request #17 is resolved');
  });
  it('falls back to the other language, and says nothing when both are empty', () => {
    expect(pickText({ en: 'Hello', ru: '' }, 'ru')).toBe('Hello');
    expect(pickText({ en: ' ', ru: '' }, 'en')).toBe('');
  });
});

describe('complaint files', () => {
  const b64 = (bytes: Buffer) => bytes.toString('base64');
  it('keeps a PDF, a PNG and a text file that are what their names say', () => {
    expect(checkComplaintFile('scan.pdf', 'application/pdf', b64(Buffer.from('%PDF-1.7\n...'))).mime).toBe(
      'application/pdf',
    );
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
    expect(checkComplaintFile('photo.PNG', 'image/png', b64(png)).mime).toBe('image/png');
    expect(checkComplaintFile('note.txt', 'text/plain', b64(Buffer.from('Привет'))).mime).toBe('text/plain');
  });
  it('refuses a file that is not what its name says, naming it', () => {
    const error = thrown(() => checkComplaintFile('contract.docx', 'x', b64(Buffer.from('%PDF-1.4 not a docx'))));
    expect(error.code).toBe('bad_request');
    expect(error.message).toContain('contract.docx');
    expect(error.message).toContain('application/pdf');
    const exe = thrown(() => checkComplaintFile('tool.exe', 'x', b64(Buffer.from('MZ'))));
    expect(exe.message).toContain('tool.exe');
  });
  it('tells a DOCX from an XLSX by the folders inside the ZIP', () => {
    const zip = (name: string) =>
      Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from(name)]);
    expect(sniff(zip('word/document.xml'))).toContain('wordprocessingml');
    expect(sniff(zip('xl/workbook.xml'))).toContain('spreadsheetml');
  });
  it('refuses a file over the cap', () => {
    const error = thrown(() => checkComplaintFile('big.txt', 'text/plain', b64(Buffer.alloc(600 * 1024, 0x41))));
    expect(error.code).toBe('payload_too_large');
  });
});
