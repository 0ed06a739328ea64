/**
 * Importing the bank's customers into a real hub over HTTP (decision 0031): CSV and XLSX, a
 * re-import updating instead of duplicating, bad rows named with nothing written, a file in the wrong
 * encoding, mappings missing columns, duplicate keys named on both rows, leads only; and the hub's
 * SQLite file, every API reply and the exported CSV/XLSX bytes searched for the card numbers imported.
 */
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportMapping } from '../../src/shared/customers/customerImportFields.js';
import { customerImportApi } from '../../src/shared/hubApi/customerImportApi.js';
import {
  HEADER_RU,
  accountOf,
  cardNumber,
  customerRow,
  customerRows,
  nameOf,
  passportOf,
  toCsv,
  toXlsx,
} from '../support/customerImportFiles.js';
import { api, login, removeTempDirs, startHub, type ApiReply } from './hub-harness.js';
import { exportCustomers, jobResult, preview, runImport, startJob, uploadFile } from './customer-import-support.js';
import { openHubDatabase } from '../support/testDatabase.js';

type RunningHub = Awaited<ReturnType<typeof startHub>>;

let hub: RunningHub;
let admin: string;
let lead: string;
let agent: string;
/** Every reply the hub gave in this file, searched for card numbers at the end. */
const replies: unknown[] = [];
/** Every card number imported. */
const pans = new Set<string>();

const utf8 = (text: string) => Buffer.from(text, 'utf8');

async function addAgent(loginName: string, role: 'agent' | 'lead'): Promise<string> {
  const reply = await api(hub.url, '/api/v1/agents', {
    token: admin,
    json: { login: loginName, name: loginName, password: 'password-123', role },
  });
  expect(reply.status).toBe(201);
  return login(hub.url, loginName, 'password-123');
}

function keep(reply: ApiReply): ApiReply {
  replies.push(reply.body);
  return reply;
}

function readDb<T>(sql: string, ...params: (string | number)[]): T[] {
  const db = openHubDatabase(hub.dataDir);
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

const countCustomers = () => readDb<{ n: number }>('SELECT count(*) AS n FROM customers')[0]!.n;

function rowsWithCards(rows: string[][]): string[][] {
  for (const row of rows) pans.add(row[7]!);
  return rows;
}

/** Windows-1251: what a Russian Excel writes as plain "CSV". */
function windows1251(text: string): Buffer {
  return Buffer.from(
    [...text].map((char) => {
      const code = char.codePointAt(0)!;
      if (code < 0x80) return code;
      if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
      if (char === 'ё') return 0xb8;
      if (char === 'Ё') return 0xa8;
      return 0x3f;
    }),
  );
}

beforeAll(async () => {
  hub = await startHub();
  admin = await login(hub.url);
  lead = await addAgent('lena', 'lead');
  agent = await addAgent('anton', 'agent');
});

afterAll(async () => {
  await hub?.close();
  removeTempDirs();
});

describe('customer import', { timeout: 120_000 }, () => {
  it('imports a CSV with Russian headers, then the same file again updates the customers instead of duplicating them', async () => {
    const rows = rowsWithCards(customerRows(20, 1));
    const file = utf8(toCsv([HEADER_RU, ...rows]));
    const before = countCustomers();
    const first = await runImport(hub.url, lead, 'base.csv', file);
    replies.push(first.preview, first.job);
    expect(first.preview.format).toBe('csv');
    expect(first.preview.header).toEqual(HEADER_RU);
    expect(first.preview.rows[0]).toMatchObject({ row: 2 });
    expect(first.preview.guessed).toEqual([
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
    expect(first.job).toMatchObject({ state: 'done', total: 20, validated: 20, written: 20, created: 20, updated: 0 });
    expect(countCustomers()).toBe(before + 20);
    // The file is not kept once it is imported.
    const reused = await startJob(hub.url, lead, {
      uploadId: first.preview.uploadId,
      mapping: first.preview.guessed,
      mode: 'check',
    });
    expect(reused.status).toBe(404);

    const [stored] = readDb<{ id: string; name: string; kind: string; birth_date: string; address: string }>(
      "SELECT id, name, kind, birth_date, address FROM customers WHERE external_id = 'C1'",
    );
    expect(stored).toMatchObject({ name: nameOf(1), kind: 'customer', birth_date: '1980-05-17' });
    const documents = readDb<{ kind: string; shown: string; value: string | null }>(
      'SELECT kind, shown, value FROM customer_documents WHERE customer_id = ? ORDER BY kind',
      stored!.id,
    );
    expect(documents).toEqual([
      { kind: 'account', shown: expect.stringMatching(/^40817 \*\*\*\* \d{4}$/), value: accountOf(1) },
      { kind: 'card', shown: `**** ${cardNumber(1).slice(-4)}`, value: null },
      { kind: 'passport', shown: expect.stringContaining('**'), value: passportOf(1) },
    ]);
    expect(readDb('SELECT 1 FROM customer_secrets WHERE customer_id = ?', stored!.id)).toHaveLength(1);
    expect(
      readDb<{ kind: string; value: string }>(
        'SELECT kind, value FROM customer_identities WHERE customer_id = ? ORDER BY kind',
        stored!.id,
      ),
    ).toEqual([
      { kind: 'email', value: 'client1@example.ru' },
      { kind: 'phone', value: '+79160000001' },
    ]);

    // The bank renamed customer C1: the same file again finds every row by its id.
    rows[0]![1] = 'Иванова Мария';
    const again = await runImport(hub.url, lead, 'base.csv', utf8(toCsv([HEADER_RU, ...rows])));
    replies.push(again.job);
    expect(again.job).toMatchObject({ state: 'done', created: 0, updated: 20 });
    expect(countCustomers()).toBe(before + 20);
    expect(readDb<{ name: string }>("SELECT name FROM customers WHERE external_id = 'C1'")[0]!.name).toBe(
      'Иванова Мария',
    );
  });

  it('imports an XLSX workbook the same way', async () => {
    const rows = rowsWithCards(customerRows(15, 101));
    const before = countCustomers();
    const { preview: shown, job } = await runImport(hub.url, lead, 'base.xlsx', await toXlsx([HEADER_RU, ...rows]));
    replies.push(shown, job);
    expect(shown.format).toBe('xlsx');
    expect(shown.header).toEqual(HEADER_RU);
    expect(job).toMatchObject({ state: 'done', created: 15, updated: 0 });
    expect(countCustomers()).toBe(before + 15);
    const again = await runImport(hub.url, lead, 'base.xlsx', await toXlsx([HEADER_RU, ...rows]));
    expect(again.job).toMatchObject({ state: 'done', created: 0, updated: 15 });
    expect(countCustomers()).toBe(before + 15);
  });

  it('without a customer id column, a re-import finds customers by passport', async () => {
    const header = ['ФИО', 'Паспорт', 'Телефон'];
    const rows = [
      ['Петров Пётр', '45 01 900001', '+7 916 900-00-01'],
      ['Сидорова Анна', '4501900002', '89169000002'],
    ];
    const before = countCustomers();
    const first = await runImport(hub.url, lead, 'no-id.csv', utf8(toCsv([header, ...rows], ',')));
    expect(first.preview.guessed).toEqual(['name', 'passport', 'phones']);
    expect(first.job).toMatchObject({ state: 'done', created: 2 });
    rows[1]![0] = 'Сидорова Анна Викторовна';
    const again = await runImport(hub.url, lead, 'no-id.csv', utf8(toCsv([header, ...rows], ',')));
    expect(again.job).toMatchObject({ state: 'done', created: 0, updated: 2 });
    expect(countCustomers()).toBe(before + 2);
  });

  it('names every bad row (row, column, what is wrong), writes nothing, and imports the good rows only when told to skip the bad', async () => {
    const rows = customerRows(6, 201);
    const badCard = cardNumber(203).slice(0, 15) + ((Number(cardNumber(203).at(-1)) + 1) % 10);
    rows[1]![7] = badCard; // row 3: Luhn fails
    rows[3]![6] = '45 01 12345'; // row 5: passport too short
    rows[4]![8] = '4081781000000000000'; // row 6: 19-digit account
    rows[5]![2] = 'звонить вечером'; // row 7: not a phone
    rowsWithCards(rows);
    pans.add(badCard);
    const before = countCustomers();
    const { job } = await runImport(hub.url, lead, 'bad.xlsx', await toXlsx([HEADER_RU, ...rows]));
    replies.push(job);
    expect(job.state).toBe('refused');
    expect(job.written).toBe(0);
    expect(job.badRows).toBe(4);
    expect(job.problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [3, 'Номер карты', 'card_checksum'],
      [5, 'Паспорт', 'passport_format'],
      [6, 'Номер счёта', 'account_format'],
      [7, 'Телефон', 'phone_invalid'],
    ]);
    expect(job.problems[0]!.message).toBe(
      `row 3, column "Номер карты": card number ending ${badCard.slice(-4)} fails its check digit (Luhn): a digit is mistyped`,
    );
    expect(job.problems[0]!.params).toEqual({ last4: badCard.slice(-4) });
    expect(countCustomers()).toBe(before);

    // The lead's explicit choice: the two good rows go in, the four named ones stay out.
    const skipped = await runImport(hub.url, lead, 'bad.xlsx', await toXlsx([HEADER_RU, ...rows]), {
      skipBadRows: true,
    });
    expect(skipped.job).toMatchObject({ state: 'done', badRows: 4, written: 2, created: 2 });
    expect(countCustomers()).toBe(before + 2);
  });

  it('refuses a CSV that is not UTF-8, naming the encoding and the byte and line where it broke', async () => {
    const text = toCsv([HEADER_RU, customerRow(301)]);
    const reply = keep(await uploadFile(hub.url, lead, 'excel.csv', windows1251(text)));
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('bad_request');
    expect(reply.body.error.message).toMatch(/not UTF-8: it looks like Windows-1251/);
    // "ID клиента": the fourth byte is the first Cyrillic letter.
    expect(reply.body.error.message).toContain('byte 4, on line 1');
    expect(reply.body.error.params).toEqual({ encoding: 'windows-1251', byte: 4, line: 1 });
    // An ASCII header and a Cyrillic second line: the place is the second line.
    const late = windows1251(`id;name\r\nC1;Ёлкин\r\n`);
    const lateReply = keep(await uploadFile(hub.url, lead, 'late.csv', late));
    expect(lateReply.body.error.params).toEqual({ encoding: 'windows-1251', byte: 13, line: 2 });
  });

  it('refuses a mapping without the name or with a column the file lacks, and a CSV row with cells missing', async () => {
    const shown = await preview(hub.url, lead, 'cols.csv', utf8(toCsv([HEADER_RU, customerRow(401)])));
    const noName = [...shown.guessed];
    noName[1] = null;
    const refused = keep(await startJob(hub.url, lead, { uploadId: shown.uploadId, mapping: noName, mode: 'import' }));
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain("no column is mapped to the customer's name");
    const tooWide: ImportMapping = [...shown.guessed, 'notes'];
    const wide = keep(await startJob(hub.url, lead, { uploadId: shown.uploadId, mapping: tooWide, mode: 'check' }));
    expect(wide.status).toBe(400);
    expect(wide.body.error.message).toContain('column 12 is mapped to notes but the file has only 11 columns');

    const short = customerRow(402).slice(0, 8);
    const { job } = await runImport(hub.url, lead, 'short.csv', utf8(toCsv([HEADER_RU, customerRow(403), short])));
    pans.add(cardNumber(402));
    pans.add(cardNumber(403));
    expect(job.state).toBe('refused');
    expect(job.problems).toEqual([
      expect.objectContaining({ row: 3, column: null, code: 'cell_count', params: { cells: 8, expected: 11 } }),
    ]);
  });

  it('names a key twice in the file on both rows', async () => {
    const rows = customerRows(6, 501);
    rows[3]![0] = rows[0]![0]!; // rows 2 and 5: one customer id
    rows[4]![7] = rows[1]![7]!; // rows 3 and 6: one card
    rowsWithCards(rows);
    const before = countCustomers();
    const { job } = await runImport(hub.url, lead, 'dups.csv', utf8(toCsv([HEADER_RU, ...rows])));
    replies.push(job);
    expect(job.state).toBe('refused');
    const named = job.problems.map((p) => [p.row, p.column, p.code, p.params.other]);
    expect(named).toEqual(
      expect.arrayContaining([
        [2, 'ID клиента', 'duplicate', 5],
        [5, 'ID клиента', 'duplicate', 2],
        [3, 'Номер карты', 'duplicate', 6],
        [6, 'Номер карты', 'duplicate', 3],
      ]),
    );
    expect(job.problems.find((p) => p.row === 6)!.message).toBe(
      `row 6, column "Номер карты": the same card (**** ${rows[1]![7]!.slice(-4)}) is also on row 3`,
    );
    expect(countCustomers()).toBe(before);
  });

  it('lets only leads and admins import and export (an agent gets 403)', async () => {
    const file = utf8(toCsv([HEADER_RU, customerRow(601)]));
    expect((await uploadFile(hub.url, agent, 'x.csv', file)).status).toBe(403);
    expect(
      (await api(hub.url, customerImportApi.createExport.path, { token: agent, json: { format: 'csv' } })).status,
    ).toBe(403);
    const shown = await preview(hub.url, admin, 'x.csv', file);
    const started = await startJob(hub.url, agent, { uploadId: shown.uploadId, mapping: shown.guessed, mode: 'check' });
    expect(started.status).toBe(403);
    // Another lead's upload is not found for this one.
    const other = await startJob(hub.url, lead, { uploadId: shown.uploadId, mapping: shown.guessed, mode: 'check' });
    expect(other.status).toBe(404);
    const checked = await startJob(hub.url, admin, { uploadId: shown.uploadId, mapping: shown.guessed, mode: 'check' });
    const done = await jobResult(hub.url, admin, checked.body.id);
    expect(done).toMatchObject({ state: 'checked', validated: 1, written: 0, badRows: 0 });
  });

  it('exports CSV and XLSX with documents masked, records each export, and no card number is anywhere', async () => {
    const csv = await exportCustomers(hub.url, lead, 'csv');
    const xlsx = await exportCustomers(hub.url, lead, 'xlsx');
    const text = csv.toString('utf8');
    expect(text.startsWith('\uFEFFCustomer ID,Name,Phones')).toBe(true);
    expect(text).toContain(`C1,Иванова Мария,+79160000001,client1@example.ru,1980-05-17`);
    expect(text).toContain(`**** ${cardNumber(1).slice(-4)}`);
    expect(text).not.toContain(passportOf(1));
    expect(text).not.toContain(accountOf(1));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('Customer ID');
    const cards = sheet.getColumn(8).values.map(String);
    expect(cards).toContain(`**** ${cardNumber(1).slice(-4)}`);

    const audit = readDb<{ agent_id: string; action: string; detail: string }>(
      "SELECT agent_id, action, detail FROM desk_audit WHERE action = 'customers.exported' ORDER BY at",
    );
    expect(audit.map((row) => JSON.parse(row.detail) as { format: string; rows: number })).toEqual([
      { format: 'csv', rows: countCustomers() },
      { format: 'xlsx', rows: countCustomers() },
    ]);
    // Imports are in the audit too (a refused one wrote nothing and is not).
    const imports = readDb<{ action: string; detail: string }>(
      "SELECT action, detail FROM desk_audit WHERE action = 'customers.imported' ORDER BY at",
    );
    expect(imports.length).toBeGreaterThan(0);
    expect(JSON.parse(imports[0]!.detail)).toMatchObject({ state: 'done', created: expect.any(Number) });

    // The bytes: the hub's database (and its WAL), every reply, both exports (the XLSX is a zip: read its sheet XML).
    const files = ['hub.sqlite', 'hub.sqlite-wal']
      .map((name) => path.join(hub.dataDir, name))
      .filter((file) => existsSync(file))
      .map((file) => readFileSync(file));
    const sheetXml = await xlsxText(xlsx);
    const haystacks: [string, Buffer][] = [
      ...files.map((bytes, i) => [`database file ${i}`, bytes] as [string, Buffer]),
      ['CSV export', csv],
      ['XLSX export', xlsx],
      ['XLSX cells', Buffer.from(sheetXml)],
      ['API replies', Buffer.from(JSON.stringify(replies))],
    ];
    expect(pans.size).toBeGreaterThan(40);
    const leaks = [...pans].flatMap((pan) =>
      haystacks.filter(([, bytes]) => bytes.includes(pan)).map(([where]) => `${where} holds ${pan}`),
    );
    expect(leaks).toEqual([]);
  });
});

describe('an import stopped half-way', { timeout: 180_000 }, () => {
  it('is completed by running the same file again after the hub restarts: no customer twice', async () => {
    const own = await startHub();
    const dataDir = own.dataDir;
    let restarted: RunningHub | null = null;
    try {
      const token = await login(own.url);
      const rows = customerRows(3000, 10_001);
      const file = utf8(toCsv([HEADER_RU, ...rows]));
      const shown = await preview(own.url, token, 'big.csv', file);
      const started = await startJob(own.url, token, {
        uploadId: shown.uploadId,
        mapping: shown.guessed,
        mode: 'import',
      });
      // Wait until some rows are in, then stop the hub under the running job.
      for (;;) {
        const view = await api(own.url, `/api/v1/customer-imports/${started.body.id}`, { token });
        if (view.body.written > 0) break;
        expect(view.body.state).not.toBe('done');
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      await own.close();
      const db = openHubDatabase(dataDir);
      const half = (db.prepare("SELECT count(*) AS n FROM customers WHERE kind = 'customer'").get() as { n: number }).n;
      db.close();
      expect(half).toBeGreaterThan(0);
      expect(half).toBeLessThan(3000);

      restarted = await startHub({ dataDir });
      const again = await runImport(restarted.url, await login(restarted.url), 'big.csv', file);
      expect(again.job).toMatchObject({ state: 'done', written: 3000, created: 3000 - half, updated: half });
      const after = openHubDatabase(dataDir);
      const counts = after
        .prepare("SELECT count(*) AS n, count(DISTINCT external_id) AS ids FROM customers WHERE kind = 'customer'")
        .get() as { n: number; ids: number };
      after.close();
      expect(counts).toEqual({ n: 3000, ids: 3000 });
    } finally {
      await restarted?.close();
    }
  });
});

/** Every cell of the workbook as text (the zip itself is compressed, so search this too). */
async function xlsxText(bytes: Buffer): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const cells: string[] = [];
  workbook.worksheets[0]!.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))));
  return cells.join('\n');
}
