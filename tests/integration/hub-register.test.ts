/**
 * The complaints and requests register on a real hub with an injected clock (decision 0035): a lead
 * sets up a type and the calendar; a complaint registered from a web chat gets its deadline in business
 * days (weekend and holiday skipped, the hub's zone), refuses a missing required field, a forbidden
 * jump and a stale edit (409 naming who changed what), tells the customer in the widget on a status
 * change, keeps comments, files (checked by their bytes) and every change in its history, and the
 * register filters, searches, exports (CSV, XLSX), writes letters (PDF, DOCX) and reports.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from '../../src/server/hub.js';
import { api, closeAll, customerSays, login, removeTempDirs, startHub, type Loose } from './hub-harness.js';
import { addAgent, customerWrites, messagesOf, type TeamAgent } from './hub-routing-support.js';
import { pdfText } from './register-support.js';

// Friday 4 December 2026, 10:00 in Moscow.
let now = Date.parse('2026-12-04T07:00:00Z');
let hub: Hub & { dataDir: string };
let admin: string;
let anna: TeamAgent;
let claims: string;
let typeId: string;
let origin: Loose;
let widget: Parameters<typeof closeAll>[0];

const R = '/api/v1/register';

/** Sessions end 12 h after sign-in: after the clock jumps days ahead, everyone signs in again. */
async function signInAgain(): Promise<void> {
  admin = await login(hub.url);
  anna = { ...anna, token: await login(hub.url, 'anna', 'password-123') };
}
const call = (token: string, route: string, init: { method?: string; json?: unknown } = {}) =>
  api(hub.url, `${R}${route}`, { token, ...init });

const MESSAGES = {
  new: { en: '', ru: '' },
  in_progress: {
    en: 'Your request #{number} is {status}; we answer by {deadline}.',
    ru: 'Ваше обращение № {number}: {status}. Ответим до {deadline}.',
  },
  waiting_customer: { en: '', ru: '' },
  resolved: { en: 'Request #{number} is {status}.', ru: 'Обращение № {number}: {status}. Сумма {field:amount} ₽.' },
  closed: { en: '', ru: '' },
};

beforeAll(async () => {
  hub = await startHub({ clockMs: 0, now: () => now, timeZone: 'Europe/Moscow' });
  admin = await login(hub.url);
  anna = await addAgent(hub.url, admin, 'anna', 'Anna');
  claims = (await api(hub.url, '/api/v1/groups', { token: admin, json: { name: 'Claims', memberIds: [anna.id] } })).body
    .id;
  const written = await customerWrites(hub.url, admin, 'Здравствуйте, с карты дважды списали деньги', 'Ольга Петрова');
  widget = written.widget;
  origin = written.thread;
});
afterAll(async () => {
  closeAll(widget);
  await hub.close();
  removeTempDirs();
});

describe('register setup', () => {
  it('leads save types and the calendar; agents read them and may not change them', async () => {
    const type = {
      name: { en: 'Complaint', ru: 'Жалоба' },
      fields: [
        { id: 'amount', label: { en: 'Amount', ru: 'Сумма' }, kind: 'number', required: true },
        { id: 'card', label: { en: 'Card', ru: 'Карта' }, kind: 'choice', options: ['debit', 'credit'] },
      ],
      deadlineDays: 3,
      ownerGroupId: claims,
      customerMessages: MESSAGES,
      letterTemplate: {
        en: 'Dear {customer},\n\nYour request #{number} is {status}.',
        ru: 'Уважаемая {customer}!\n\nВаше обращение № {number} «{subject}»: {status}.\n\nСумма: {field:amount} ₽.',
      },
    };
    expect((await call(anna.token, '/types', { method: 'PUT', json: type })).status).toBe(403);
    const saved = await call(admin, '/types', { method: 'PUT', json: type });
    expect(saved.status).toBe(200);
    typeId = saved.body.id;
    expect(saved.body).toMatchObject({ deadlineDays: 3, ownerGroupId: claims, retired: false });
    const noGroup = await call(admin, '/types', {
      method: 'PUT',
      json: { ...type, ownerGroupId: crypto.randomUUID() },
    });
    expect(noGroup.status).toBe(400);
    expect(noGroup.body.error.message).toContain('owner group');

    const badDay = await call(admin, '/calendar', {
      method: 'PUT',
      json: { workingDays: [1, 2, 3, 4, 5], holidays: ['2026-02-30'] },
    });
    expect(badDay.status).toBe(400);
    expect(badDay.body.error.message).toContain('2026-02-30');
    // Tuesday 8 December is a holiday this year.
    const calendar = await call(admin, '/calendar', {
      method: 'PUT',
      json: { workingDays: [5, 4, 3, 2, 1], holidays: ['2026-12-08'] },
    });
    expect(calendar.body).toMatchObject({
      workingDays: [1, 2, 3, 4, 5],
      holidays: ['2026-12-08'],
      timeZone: 'Europe/Moscow',
    });
    expect((await call(anna.token, '/calendar')).body.holidays).toEqual(['2026-12-08']);
    expect((await call(anna.token, '/types')).body.types.map((t: Loose) => t.id)).toEqual([typeId]);
  });
});

let complaint: Loose;

describe('a complaint from a web chat', () => {
  it('refuses a missing required field naming it, and a thread out of the agent’s reach', async () => {
    const missing = await call(admin, '/complaints', {
      json: { typeId, threadId: origin.id, customerId: null, subject: 'Двойное списание', fields: { card: 'debit' } },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain('"Amount" (amount)');
    expect(missing.body.error.issues).toEqual([
      { path: 'fields.amount', message: expect.stringContaining('required') },
    ]);
    // The admin takes the chat: it is no longer in Anna's reach.
    expect((await api(hub.url, `/api/v1/threads/${origin.id}/take`, { method: 'POST', token: admin })).status).toBe(
      200,
    );
    const foreign = await call(anna.token, '/complaints', {
      json: { typeId, threadId: origin.id, customerId: null, subject: 'x', fields: { amount: 1 } },
    });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.message).toContain(`#${origin.number}`);
  });

  it('registers it linked to the thread and customer, owned by the type’s group, due in 3 business days', async () => {
    const created = await call(admin, '/complaints', {
      json: {
        typeId,
        threadId: origin.id,
        customerId: null,
        subject: 'Двойное списание',
        fields: { amount: '1500', card: 'debit' },
      },
    });
    expect(created.status).toBe(200);
    complaint = created.body;
    expect(complaint).toMatchObject({
      number: 1,
      status: 'new',
      customerId: origin.customerId,
      customerName: 'Ольга Петрова',
      originThreadId: origin.id,
      originChannel: 'webchat',
      threadIds: [origin.id],
      assigneeAgentId: null,
      assigneeGroupId: claims,
      assigneeGroupName: 'Claims',
      fields: { amount: 1500, card: 'debit' },
      version: 1,
      warning: 'none',
      createdByName: 'Administrator',
    });
    // Friday → Monday 7 (1), Tuesday 8 is a holiday, Wednesday 9 (2), Thursday 10 (3): end of the day in Moscow.
    expect(new Date(complaint.deadlineAt).toISOString()).toBe('2026-12-10T20:59:59.999Z');
    // The conversation's own history says so (worded by the renderer from kind + data).
    const threadEvents = (await api(hub.url, `/api/v1/threads/${origin.id}/events`, { token: admin })).body
      .events as Loose[];
    expect(threadEvents.find((e) => e.kind === 'complaint_registered')?.data).toEqual({
      complaintId: complaint.id,
      number: 1,
      title: 'Двойное списание',
      agentName: 'Administrator',
    });
    // The type says nothing to the customer for "new".
    const history = (await call(admin, `/complaints/${complaint.id}`)).body.events as Loose[];
    expect(history.map((e) => e.kind)).toEqual(['created']);
  });

  it('refuses a jump the workflow forbids, naming from, to and the allowed moves', async () => {
    const jump = await call(admin, `/complaints/${complaint.id}`, {
      method: 'PUT',
      json: { baseVersion: 1, status: 'closed' },
    });
    expect(jump.status).toBe(400);
    expect(jump.body.error.message).toContain('from "new" to "closed"');
    expect(jump.body.error.message).toContain('"in_progress"');
  });

  it('moves to in progress, and the customer reads it in the widget in Russian', async () => {
    now += 3600_000;
    const moved = await call(admin, `/complaints/${complaint.id}`, {
      method: 'PUT',
      json: { baseVersion: 1, status: 'in_progress', assigneeAgentId: anna.id },
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ status: 'in_progress', version: 2, assigneeAgentName: 'Anna' });
    const frame = await widget.next(
      (f) => f.type === 'message' && f.message.direction === 'out' && /обращение № 1/.test(f.message.text),
    );
    expect(frame.message.text).toBe('Ваше обращение № 1: в работе. Ответим до 10 декабря 2026 г..');
    expect(frame.message.authorName).toBe('Обращения и жалобы');
    // The agents see it in the thread too.
    const inThread = (await messagesOf(hub.url, admin, origin.id)).map((m) => m.text);
    expect(inThread).toContain('Ваше обращение № 1: в работе. Ответим до 10 декабря 2026 г..');
    const events = (await call(admin, `/complaints/${complaint.id}`)).body.events as Loose[];
    expect(events.map((e) => e.kind)).toEqual(['created', 'status', 'assignee_agent', 'customer_notified']);
    expect(events[1]).toMatchObject({ from: 'new', to: 'in_progress', agentName: 'Administrator' });
    expect(events[2]).toMatchObject({ from: null, to: anna.id, toLabel: 'Anna' });
    expect(events[3]).toMatchObject({ to: 'webchat', text: expect.stringContaining('в работе') });
  });

  it('refuses a stale edit with 409 naming who changed what; nothing saved is lost', async () => {
    const stale = await call(anna.token, `/complaints/${complaint.id}`, {
      method: 'PUT',
      json: { baseVersion: 1, subject: 'Двойное списание по карте' },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('conflict');
    expect(stale.body.error.message).toContain('Administrator');
    expect(stale.body.error.params).toMatchObject({ by: 'Administrator', number: 1, version: 2 });
    expect(stale.body.error.params.changed).toContain('status');
    expect(stale.body.error.params.changed).toContain('assignee agent');
    const current = (await call(anna.token, `/complaints/${complaint.id}`)).body.complaint;
    expect(current).toMatchObject({ subject: 'Двойное списание', status: 'in_progress', version: 2 });
    // Made again on the current version, it goes through.
    const again = await call(anna.token, `/complaints/${complaint.id}`, {
      method: 'PUT',
      json: { baseVersion: 2, subject: 'Двойное списание по карте', fields: { amount: 1700 } },
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ version: 3, subject: 'Двойное списание по карте', fields: { amount: 1700 } });
  });

  it('keeps comments and files; a file that is not what its name says is refused naming it', async () => {
    const commented = await call(anna.token, `/complaints/${complaint.id}/comments`, {
      json: { text: 'Запросила выписку в процессинге' },
    });
    expect(commented.status).toBe(200);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF');
    const attached = await call(anna.token, `/complaints/${complaint.id}/files`, {
      json: { name: 'выписка.pdf', mime: 'application/pdf', dataBase64: pdf.toString('base64') },
    });
    expect(attached.status).toBe(200);
    const file = attached.body.complaint.files[0];
    expect(file).toMatchObject({ name: 'выписка.pdf', mime: 'application/pdf', size: pdf.length });
    const back = await call(admin, `/files/${file.id}`);
    expect(Buffer.from(back.body.dataBase64, 'base64').equals(pdf)).toBe(true);
    const fake = await call(anna.token, `/complaints/${complaint.id}/files`, {
      json: { name: 'договор.docx', mime: 'application/msword', dataBase64: pdf.toString('base64') },
    });
    expect(fake.status).toBe(400);
    expect(fake.body.error.message).toContain('договор.docx');
    const events = (await call(admin, `/complaints/${complaint.id}`)).body.events as Loose[];
    expect(events.filter((e) => e.kind === 'comment').map((e) => e.text)).toEqual(['Запросила выписку в процессинге']);
    expect(events.filter((e) => e.kind === 'file').map((e) => e.text)).toEqual(['выписка.pdf']);
    expect(events.filter((e) => e.kind === 'field')).toMatchObject([{ field: 'amount', from: '1500', to: '1700' }]);
    expect(events.filter((e) => e.kind === 'subject')).toMatchObject([
      { from: 'Двойное списание', to: 'Двойное списание по карте', agentName: 'Anna' },
    ]);
    // A comment does not move the version: a lead's edit on version 3 is not refused because of it.
    expect((await call(admin, `/complaints/${complaint.id}`)).body.complaint.version).toBe(3);
  });

  it('links a later contact of the same customer', async () => {
    await customerSays(widget, 'Есть новости по списанию?');
    const linked = await call(admin, `/complaints/${complaint.id}/threads`, { json: { threadId: origin.id } });
    expect(linked.status).toBe(200);
    expect(linked.body.complaint.threadIds).toEqual([origin.id]);
    const other = await customerWrites(hub.url, admin, 'Другой клиент, другой вопрос', 'Иван');
    const refused = await call(admin, `/complaints/${complaint.id}/threads`, { json: { threadId: other.thread.id } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain(`#${other.thread.number}`);
    closeAll(other.widget);
  });

  it('flags due soon and overdue as the clock moves, and the overdue filter finds it', async () => {
    now = Date.parse('2026-12-10T10:00:00Z');
    await signInAgain();
    expect((await call(anna.token, `/complaints/${complaint.id}`)).body.complaint.warning).toBe('due_soon');
    now = Date.parse('2026-12-10T21:00:00Z');
    await signInAgain();
    expect((await call(anna.token, `/complaints/${complaint.id}`)).body.complaint.warning).toBe('overdue');
    const overdue = await call(anna.token, '/complaints/search', { json: { overdue: true } });
    expect(overdue.body).toMatchObject({ total: 1, items: [{ number: 1, warning: 'overdue' }] });
    const mine = await call(anna.token, '/complaints/search', { json: { mine: true } });
    expect(mine.body.total).toBe(1);
  });

  it('resolves: the customer is told with the field filled in, and the warning goes', async () => {
    const resolved = await call(admin, `/complaints/${complaint.id}`, {
      method: 'PUT',
      json: { baseVersion: 3, status: 'resolved' },
    });
    expect(resolved.body).toMatchObject({ status: 'resolved', resolvedAt: now, warning: 'none' });
    await widget.next((f) => f.type === 'message' && f.message.text === 'Обращение № 1: решено. Сумма 1700 ₽.');
    // Reopen and close again follow the workflow.
    const reopened = await call(admin, `/complaints/${complaint.id}`, {
      method: 'PUT',
      json: { baseVersion: 4, status: 'in_progress' },
    });
    expect(reopened.body).toMatchObject({ status: 'in_progress', resolvedAt: null });
    const again = await call(admin, `/complaints/${complaint.id}`, {
      method: 'PUT',
      json: { baseVersion: 5, status: 'resolved' },
    });
    const closed = await call(admin, `/complaints/${complaint.id}`, {
      method: 'PUT',
      json: { baseVersion: 6, status: 'closed' },
    });
    expect(again.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', closedAt: now, version: 7 });
  });
});

describe('the register', () => {
  it('finds by number, by a word of the subject in any case, and by the customer’s name', async () => {
    const fromCard = await call(anna.token, '/complaints', {
      json: {
        typeId,
        threadId: null,
        customerId: origin.customerId,
        subject: 'Не пришёл кешбэк',
        fields: { amount: 90 },
      },
    });
    expect(fromCard.status).toBe(200);
    expect(fromCard.body).toMatchObject({
      number: 2,
      originThreadId: null,
      threadIds: [],
      customerName: 'Ольга Петрова',
    });
    const search = async (query: string) =>
      ((await call(anna.token, '/complaints/search', { json: { query } })).body.items as Loose[]).map((c) => c.number);
    expect(await search('#2')).toEqual([2]);
    expect(await search('1')).toEqual([1]);
    expect(await search('СПИСАНИЕ')).toEqual([1]);
    expect(await search('кешбэк')).toEqual([2]);
    expect(await search('ольга')).toEqual([2, 1]);
    expect(await search('100%_')).toEqual([]);
    const byStatus = await call(anna.token, '/complaints/search', { json: { status: ['closed'] } });
    expect(byStatus.body.items.map((c: Loose) => c.number)).toEqual([1]);
    const byCustomer = await call(anna.token, '/complaints/search', {
      json: { customerId: origin.customerId, limit: 1 },
    });
    expect(byCustomer.body).toMatchObject({ total: 2, items: [{ number: 2 }] });
    // Moving it tells nobody: it was registered from a customer card (recorded in the history).
    now += 60_000;
    await call(anna.token, `/complaints/${fromCard.body.id}`, {
      method: 'PUT',
      json: { baseVersion: 1, status: 'in_progress' },
    });
    const events = (await call(anna.token, `/complaints/${fromCard.body.id}`)).body.events as Loose[];
    expect(events.at(-1)).toMatchObject({
      kind: 'customer_not_notified',
      text: expect.stringContaining('customer card'),
    });
  });

  it('exports CSV and XLSX that read back', async () => {
    const csv = await call(anna.token, '/export', { json: { filters: {}, format: 'csv', language: 'ru' } });
    expect(csv.status).toBe(200);
    const text = Buffer.from(csv.body.dataBase64, 'base64').toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trim().split('\r\n');
    expect(lines[0]).toContain('Номер,Тип,Тема,Статус');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toContain('Двойное списание по карте');
    expect(lines[2]).toContain('закрыто');
    const xlsx = await call(anna.token, '/export', { json: { filters: { status: ['in_progress'] }, format: 'xlsx' } });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(xlsx.body.dataBase64, 'base64') as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(3).value).toBe('Не пришёл кешбэк');
    expect(sheet.getRow(2).getCell(4).value).toBe('in progress');
  });

  it('writes the letter as a PDF holding its Cyrillic text and as a DOCX that unzips', async () => {
    const pdf = await call(anna.token, `/complaints/${complaint.id}/letter`, {
      json: { format: 'pdf', language: 'ru' },
    });
    expect(pdf.status).toBe(200);
    const bytes = Buffer.from(pdf.body.dataBase64, 'base64');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(bytes).replace(/\s+/g, ' ');
    expect(text).toContain('Уважаемая Ольга Петрова!');
    expect(text).toContain('Ваше обращение № 1 «Двойное списание по карте»: закрыто.');
    expect(text).toContain('Сумма: 1700 ₽.');
    const docx = await call(anna.token, `/complaints/${complaint.id}/letter`, {
      json: { format: 'docx', language: 'en' },
    });
    const zip = await JSZip.loadAsync(Buffer.from(docx.body.dataBase64, 'base64'));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('Dear Ольга Петрова,');
    expect(xml).toContain('Your request #1 is closed.');
    expect(docx.body).toMatchObject({ name: 'letter-1.docx' });
    const events = (await call(admin, `/complaints/${complaint.id}`)).body.events as Loose[];
    expect(events.filter((e) => e.kind === 'letter').map((e) => e.text)).toEqual(['pismo-1.pdf', 'letter-1.docx']);
  });
});
