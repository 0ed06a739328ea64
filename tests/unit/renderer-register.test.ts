/**
 * The register's renderer parts: the shortcut, a new complaint's subject and typed fields, the list's
 * filters (the period in the agent's own zone, DST included), the 409 that names who changed what,
 * history lines in both languages, the report's rows, and the one data thunk (changes make readers
 * read again; failures keep the hub's ErrorInfo and change nothing).
 */
process.env.TZ = 'Europe/Berlin';

import { describe, expect, it } from 'vitest';
import type { ComplaintEvent, ComplaintType, FieldDef } from '../../src/shared/register/registerSchemas.js';
import { createAppStore } from '../../src/renderer/app/store.js';
import { createI18n } from '../../src/renderer/i18n/index.js';
import { sessionChanged } from '../../src/renderer/app/coreEvents.js';
import { complaintEventText } from '../../src/renderer/features/register/complaintEventText.js';
import { addHoliday } from '../../src/renderer/features/register/calendarModel.js';
import { runRegister, settleRegister } from '../../src/renderer/features/register/registerData.js';
import {
  assigneeChange,
  assigneeValue,
  base64Of,
  blobOf,
  changedFields,
  changedParts,
  conflictOf,
  draftsOf,
  EMPTY_FILTERS,
  fileRefusal,
  hubProblems,
  filtersInput,
  isRegisterShortcut,
  localDayStart,
  mimeOf,
  periodProblem,
  pickableTypes,
  startingSubject,
  statusMoves,
  typedFields,
} from '../../src/renderer/features/register/registerModel.js';
import { reportRows, startOfMonth } from '../../src/renderer/features/register/registerReportRows.js';
import {
  complaintCreated,
  createOpened,
  registerOpened,
  selectCreateContext,
  selectLastCreated,
  selectRegisterOpen,
  selectRegisterRevision,
} from '../../src/renderer/features/register/registerSlice.js';
import { agent, FakePlatform } from './renderer-fixtures.js';

const TYPE_ID = '01900000-0000-7000-8000-0000000000a1';
const COMPLAINT_ID = '01900000-0000-7000-8000-0000000000c1';
const THREAD_ID = '01900000-0000-7000-8000-0000000000d1';

const FIELDS: FieldDef[] = [
  { id: 'amount', label: { en: 'Amount', ru: 'Сумма' }, kind: 'number', required: true, options: [] },
  { id: 'paid_on', label: { en: 'Paid on', ru: 'Дата платежа' }, kind: 'date', required: false, options: [] },
  { id: 'card', label: { en: 'Card', ru: 'Карта' }, kind: 'choice', required: false, options: ['debit', 'credit'] },
  { id: 'note', label: { en: 'Note', ru: 'Примечание' }, kind: 'text', required: false, options: [] },
];

function complaintType(over: Partial<ComplaintType> = {}): ComplaintType {
  const empty = { en: '', ru: '' };
  return {
    id: TYPE_ID,
    name: { en: 'Complaint', ru: 'Жалоба' },
    fields: FIELDS,
    deadlineDays: 10,
    ownerGroupId: null,
    customerMessages: { new: empty, in_progress: empty, waiting_customer: empty, resolved: empty, closed: empty },
    letterTemplate: empty,
    retired: false,
    updatedAt: 1,
    ...over,
  };
}

describe('the shortcut', () => {
  const press = (over: Partial<Parameters<typeof isRegisterShortcut>[0]> = {}) => ({
    altKey: true,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    code: 'KeyR',
    ...over,
  });

  it('is Alt+R by the key’s place (the Russian layout types “к” there), and nothing else', () => {
    expect(isRegisterShortcut(press())).toBe(true);
    expect(isRegisterShortcut(press({ altKey: false }))).toBe(false);
    expect(isRegisterShortcut(press({ ctrlKey: true }))).toBe(false);
    expect(isRegisterShortcut(press({ shiftKey: true }))).toBe(false);
    expect(isRegisterShortcut(press({ code: 'KeyA' }))).toBe(false);
  });

  it('gives way to a template hotkey the composer already took', () => {
    expect(isRegisterShortcut(press({ defaultPrevented: true }))).toBe(false);
  });
});

describe('a new complaint', () => {
  it('starts from the thread’s subject, else the customer’s last words on one line, cut at 120', () => {
    expect(startingSubject('Card blocked', 'anything')).toBe('Card blocked');
    expect(startingSubject('  ', 'My card\nwas   charged twice')).toBe('My card was charged twice');
    const long = 'слово '.repeat(40);
    const subject = startingSubject(null, long);
    expect(subject.length).toBe(120);
    expect(subject.endsWith('…')).toBe(true);
    expect(startingSubject(undefined, null)).toBe('');
  });

  it('offers only types that are not retired', () => {
    const retired = complaintType({ id: '01900000-0000-7000-8000-0000000000a2', retired: true });
    expect(pickableTypes([complaintType(), retired]).map((t) => t.id)).toEqual([TYPE_ID]);
  });

  it('types its fields: a number with a comma, a date, an option; empty optional fields are left out', () => {
    const typed = typedFields(FIELDS, { amount: ' 1 500,50 ', paid_on: '2026-12-01', card: 'credit', note: '' });
    expect(typed).toEqual({ values: { amount: 1500.5, paid_on: '2026-12-01', card: 'credit' }, problems: {} });
  });

  it('names a missing required field and a value of the wrong kind, each by its field', () => {
    expect(typedFields(FIELDS, { paid_on: '01.12.2026', card: 'gold' }).problems).toEqual({
      amount: 'missing',
      paid_on: 'notDate',
      card: 'notOption',
    });
    expect(typedFields(FIELDS, { amount: 'a lot' }).problems).toEqual({ amount: 'notNumber' });
  });

  it('places the hub’s issues under their fields', () => {
    expect(
      hubProblems({
        code: 'bad_request',
        message: 'fields.amount: the required field "Amount" is empty',
        issues: [
          { path: 'fields.amount', message: 'the required field "Amount" is empty' },
          { path: 'fields.paid_on', message: 'expected a day written YYYY-MM-DD' },
          { path: 'subject', message: 'the subject is empty' },
        ],
      }),
    ).toEqual({ amount: 'missing', paid_on: 'expected a day written YYYY-MM-DD', subject: 'missing' });
  });

  it('is sent with only the fields that changed (a cleared one as empty)', () => {
    const stored = { amount: 100, note: 'old', card: 'debit' };
    const drafts = draftsOf(complaintType(), stored);
    expect(drafts).toEqual({ amount: '100', paid_on: '', card: 'debit', note: 'old' });
    const next = typedFields(FIELDS, { ...drafts, amount: '120', note: '' }).values;
    expect(changedFields(stored, next, FIELDS)).toEqual({ amount: 120, note: '' });
  });
});

describe('the register’s filters', () => {
  it('send the period as instants in the agent’s zone, [from, the day after to)', () => {
    const input = filtersInput({ ...EMPTY_FILTERS, from: '2026-12-01', to: '2026-12-07' });
    // Berlin is UTC+1 in December.
    expect(input).toEqual({ from: Date.UTC(2026, 10, 30, 23), to: Date.UTC(2026, 11, 7, 23) });
  });

  it('count a 23-hour day when the clocks go forward', () => {
    const input = filtersInput({ ...EMPTY_FILTERS, from: '2026-03-29', to: '2026-03-29' });
    expect(input.to! - input.from!).toBe(23 * 3600_000);
  });

  it('send status, type, assignee, overdue, search and customer; an empty form sends nothing', () => {
    expect(filtersInput(EMPTY_FILTERS)).toEqual({});
    expect(
      filtersInput(
        { ...EMPTY_FILTERS, query: ' #17 ', status: 'resolved', typeId: TYPE_ID, assignee: 'mine', overdue: true },
        THREAD_ID,
      ),
    ).toEqual({
      query: '#17',
      status: ['resolved'],
      typeId: TYPE_ID,
      mine: true,
      overdue: true,
      customerId: THREAD_ID,
    });
    expect(filtersInput({ ...EMPTY_FILTERS, assignee: `agent:${agent.id}` })).toEqual({ assigneeAgentId: agent.id });
    expect(filtersInput({ ...EMPTY_FILTERS, assignee: `group:${TYPE_ID}` })).toEqual({ assigneeGroupId: TYPE_ID });
  });

  it('refuse a period that ends before it starts, and a day that does not exist', () => {
    expect(periodProblem({ from: '2026-12-08', to: '2026-12-07' })).toBe('order');
    expect(periodProblem({ from: '2026-12-07', to: '2026-12-07' })).toBeNull();
    expect(localDayStart('2026-02-30')).toBeNull();
    expect(filtersInput({ ...EMPTY_FILTERS, from: '2026-02-30' })).toEqual({});
  });
});

describe('a complaint’s detail', () => {
  it('offers only the moves the workflow allows, reopen included', () => {
    expect(statusMoves('new')).toEqual(['in_progress']);
    expect(statusMoves('in_progress')).toEqual(['waiting_customer', 'resolved']);
    expect(statusMoves('closed')).toEqual(['in_progress']);
  });

  it('reads who changed it first, what and when from a 409; other errors are not conflicts', () => {
    expect(
      conflictOf({
        code: 'conflict',
        message: 'x',
        params: { by: 'Olga Lead', at: 1_700_000_000_000, changed: 'status' },
      }),
    ).toEqual({ by: 'Olga Lead', at: 1_700_000_000_000, changed: 'status' });
    expect(conflictOf({ code: 'conflict', message: 'x' })).toEqual({ by: '', at: null, changed: '' });
    expect(conflictOf({ code: 'bad_request', message: 'x' })).toBeNull();
    expect(conflictOf(null)).toBeNull();
  });

  it('splits what a 409 says was changed into parts the app words (fields by their id)', () => {
    expect(changedParts('status, field amount, assignee group, letter')).toEqual([
      { kind: 'status' },
      { kind: 'field', field: 'amount' },
      { kind: 'assignee_group' },
      { kind: 'other', text: 'letter' },
    ]);
    expect(changedParts('')).toEqual([]);
  });

  it('assigns to a person or a group, never both; nothing clears both', () => {
    expect(assigneeValue({ assigneeAgentId: agent.id, assigneeGroupId: TYPE_ID })).toBe(`agent:${agent.id}`);
    expect(assigneeValue({ assigneeAgentId: null, assigneeGroupId: TYPE_ID })).toBe(`group:${TYPE_ID}`);
    expect(assigneeChange(`group:${TYPE_ID}`)).toEqual({ assigneeAgentId: null, assigneeGroupId: TYPE_ID });
    expect(assigneeChange(`agent:${agent.id}`)).toEqual({ assigneeAgentId: agent.id, assigneeGroupId: null });
    expect(assigneeChange('')).toEqual({ assigneeAgentId: null, assigneeGroupId: null });
  });

  it('sends a file’s bytes as base64 and saves what comes back byte for byte', async () => {
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 7) % 256);
    const data = await base64Of(new Blob([bytes]));
    expect(Buffer.from(data, 'base64').equals(Buffer.from(bytes))).toBe(true);
    const back = blobOf({ mime: 'application/pdf', dataBase64: data });
    expect(back.type).toBe('application/pdf');
    expect(new Uint8Array(await back.arrayBuffer())).toEqual(bytes);
  });

  it('tells why the hub refused a file: not what its name says, a kind not kept, too large, empty', () => {
    expect(
      fileRefusal({
        code: 'bad_request',
        message: 'the file "receipt.pdf" is named as application/pdf but its content is image/png',
        issues: [{ path: 'dataBase64' }],
      }),
    ).toBe('notWhatNamed');
    expect(
      fileRefusal({
        code: 'bad_request',
        message: 'the file "a.exe" is not one of the kinds',
        issues: [{ path: 'name' }],
      }),
    ).toBe('kindNotKept');
    expect(fileRefusal({ code: 'payload_too_large', message: 'x' })).toBe('tooLarge');
    expect(fileRefusal({ code: 'bad_request', message: 'the file "a.txt" is empty' })).toBe('empty');
    expect(fileRefusal({ code: 'forbidden', message: 'x' })).toBeNull();
  });

  it('names a file’s type by its extension when the browser does not know it', () => {
    expect(mimeOf('claim.DOCX', '')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(mimeOf('scan.png', 'image/png')).toBe('image/png');
    expect(mimeOf('archive.rar', '')).toBe('application/octet-stream');
  });

  const event = (over: Partial<ComplaintEvent>): ComplaintEvent => ({
    id: COMPLAINT_ID,
    at: 1,
    agentId: agent.id,
    agentName: 'Lena Lead',
    kind: 'status',
    field: null,
    from: 'in_progress',
    to: 'resolved',
    fromLabel: null,
    toLabel: null,
    text: null,
    ...over,
  });
  const fieldName = (id: string | null) => (id === 'amount' ? 'Amount' : (id ?? ''));

  it('words its history in English and Russian: statuses by name, ids by the names the hub gave', () => {
    const en = createI18n('en').t;
    const ru = createI18n('ru').t;
    expect(complaintEventText(en, event({}), fieldName)).toBe('Lena Lead changed the status: In progress → Resolved.');
    expect(complaintEventText(ru, event({}), fieldName)).toBe('Lena Lead: статус В работе → Решено.');
    expect(
      complaintEventText(
        en,
        event({ kind: 'assignee_group', from: 'g1', to: 'g2', fromLabel: 'Cards', toLabel: 'Disputes' }),
        fieldName,
      ),
    ).toBe('Lena Lead changed the group: Cards → Disputes.');
    expect(complaintEventText(en, event({ kind: 'field', field: 'amount', from: null, to: '120' }), fieldName)).toBe(
      'Lena Lead changed “Amount”: — → 120.',
    );
    expect(
      complaintEventText(
        ru,
        event({ kind: 'customer_notified', agentName: null, to: 'webchat', text: 'Ваше обращение №3 решено' }),
        fieldName,
      ),
    ).toBe('Клиенту отправлено (Веб-чат): Ваше обращение №3 решено');
    expect(complaintEventText(en, event({ kind: 'created', agentName: null }), fieldName)).toBe('Okno registered it.');
  });
});

describe('the report and the calendar', () => {
  it('lists each type’s received / resolved / overdue with the total last', () => {
    const rows = reportRows(
      {
        fromMs: 0,
        toMs: 1,
        timeZone: 'Europe/Moscow',
        rows: [
          { typeId: TYPE_ID, typeName: { en: 'Complaint', ru: 'Жалоба' }, received: 3, resolved: 2, overdue: 1 },
          { typeId: COMPLAINT_ID, typeName: { en: 'Request', ru: 'Запрос' }, received: 1, resolved: 0, overdue: 0 },
        ],
        total: { received: 4, resolved: 2, overdue: 1 },
      },
      (row) => row.typeName.ru,
      'Итого',
    );
    expect(rows).toEqual([
      ['Жалоба', 3, 2, 1],
      ['Запрос', 1, 0, 0],
      ['Итого', 4, 2, 1],
    ]);
    expect(startOfMonth('2026-12-07')).toBe('2026-12-01');
  });

  it('keeps holidays sorted and each once; a malformed day is not added', () => {
    expect(addHoliday(['2027-01-07', '2027-01-01'], '2026-12-31')).toEqual(['2026-12-31', '2027-01-01', '2027-01-07']);
    expect(addHoliday(['2027-01-01'], '2027-01-01')).toEqual(['2027-01-01']);
    expect(addHoliday(['2027-01-01'], '1/1/2027')).toEqual(['2027-01-01']);
  });
});

describe('register state and data', () => {
  it('a read changes nothing; a refusal keeps the hub’s error and changes nothing; a comment makes readers read again', async () => {
    const platform = new FakePlatform()
      .on('register.types', () => ({ types: [complaintType()] }))
      .fail('register.update', {
        code: 'conflict',
        message: 'complaint #3 was changed by Lena Lead',
        params: { by: 'Lena Lead', at: 5, changed: 'status' },
      })
      .on('register.comment', (input) => {
        expect(input).toEqual({ id: COMPLAINT_ID, text: 'Called the customer' });
        return { complaint: {} as never, events: [] };
      });
    const store = createAppStore(platform);
    const revision = () => selectRegisterRevision(store.getState());

    await runRegister(store.dispatch, 'register.types', {});
    expect(revision()).toBe(0);

    const refused = await settleRegister(store.dispatch, 'register.update', {
      id: COMPLAINT_ID,
      baseVersion: 2,
      status: 'resolved',
    });
    expect(refused).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'conflict', params: { by: 'Lena Lead', at: 5, changed: 'status' } }),
    });
    expect(revision()).toBe(0);

    await runRegister(store.dispatch, 'register.comment', { id: COMPLAINT_ID, text: 'Called the customer' });
    expect(revision()).toBe(1);
  });

  it('bumps the revision after a change the hub accepted', async () => {
    const platform = new FakePlatform().on('register.saveCalendar', (input) => ({
      workingDays: input.workingDays,
      holidays: input.holidays,
      timeZone: 'Europe/Moscow',
      updatedAt: 2,
    }));
    const store = createAppStore(platform);
    const saved = await runRegister(store.dispatch, 'register.saveCalendar', {
      workingDays: [1, 2, 3, 4, 5],
      holidays: ['2027-01-01'],
    });
    expect(saved.timeZone).toBe('Europe/Moscow');
    expect(selectRegisterRevision(store.getState())).toBe(1);
    expect(platform.callsOf('register.saveCalendar')).toEqual([
      { workingDays: [1, 2, 3, 4, 5], holidays: ['2027-01-01'] },
    ]);
  });

  it('opens the form for a thread, says the number registered, and forgets it all when the session ends', () => {
    const store = createAppStore(new FakePlatform());
    store.dispatch(createOpened({ threadId: THREAD_ID, customerId: null, subject: 'Card blocked' }));
    expect(selectCreateContext(store.getState())).toEqual({
      threadId: THREAD_ID,
      customerId: null,
      subject: 'Card blocked',
    });
    store.dispatch(complaintCreated({ id: COMPLAINT_ID, number: 3, threadId: THREAD_ID, customerId: null }));
    expect(selectCreateContext(store.getState())).toBeNull();
    expect(selectLastCreated(store.getState())).toMatchObject({ number: 3, threadId: THREAD_ID });
    store.dispatch(registerOpened({ complaintId: COMPLAINT_ID }));
    expect(selectRegisterOpen(store.getState())).toBe(true);

    store.dispatch(sessionChanged({ signedIn: false, agent: null, hubUrl: null }));
    expect(selectRegisterOpen(store.getState())).toBe(false);
    expect(selectLastCreated(store.getState())).toBeNull();
  });
});
