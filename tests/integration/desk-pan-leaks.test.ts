/**
 * No full card number (PAN) anywhere it could leak (issue 14, decision 0031): a bank's file with card
 * numbers is imported (with a mistyped one refused), cards are searched on the hub and through a real
 * agent core (a mistyped one too), customers are exported as CSV and XLSX — and then every log line the
 * hub and the core wrote at debug level, every API reply, the export files, the hub's database and the
 * agent's cache file are searched for every card number in every spelling.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setLogLevel, setLogSink, type LogSink } from '../../src/shared/log.js';
import { cardNumber, customerRows, HEADER_RU, toCsv } from '../support/customerImportFiles.js';
import { addAgent, startAgent, type TestAgent } from './agent-harness.js';
import { exportCustomers, runImport } from './customer-import-support.js';
import { api, login, removeTempDirs, startHub, type Loose } from './hub-harness.js';
import { openHubDatabase, testEngine } from '../support/testDatabase.js';

const logged: string[] = [];
const replies: string[] = [];
const files: Buffer[] = [];
let hub: Awaited<ReturnType<typeof startHub>>;
let admin: string;
let vera: TestAgent;

const ROWS = customerRows(6);
/** Column 7 is the card number; row 6's last digit is changed so it fails Luhn. */
const GOOD_PANS = ROWS.slice(0, 5).map((row) => row[7]!);
const MISTYPED = (() => {
  const pan = ROWS[5]![7]!;
  return pan.slice(0, -1) + String((Number(pan.at(-1)) + 1) % 10);
})();
ROWS[5]![7] = MISTYPED;
const EVERY_PAN = [...GOOD_PANS, MISTYPED, cardNumber(99)];

beforeAll(async () => {
  const capture: LogSink = (level, scope, message, fields) =>
    logged.push(`${level} [${scope}] ${message} ${fields ? JSON.stringify(fields) : ''}`);
  setLogSink(capture);
  setLogLevel('debug');
  hub = await startHub();
  admin = await login(hub.url);
  await addAgent(hub.url, admin, 'vera', 'Vera');
  vera = await startAgent(hub.url, 'vera', 'vera-password');
}, 60_000);

afterAll(async () => {
  await vera?.close();
  await hub?.close();
  setLogLevel('info');
  removeTempDirs();
});

async function hubSearch(value: string): Promise<Loose> {
  const reply = await api(hub.url, '/api/v1/customer-search', { token: admin, json: { key: 'card', value } });
  replies.push(JSON.stringify(reply.body));
  return reply;
}

/** Every spelling a card number is typed or printed in: digits, groups of four, dashes. */
function spellings(pan: string): string[] {
  const groups = pan.match(/.{1,4}/g)!;
  return [pan, groups.join(' '), groups.join('-')];
}

/** Every file under a folder (databases, their WAL, keys, attachments) as bytes. */
function allFileBytes(dir: string): string {
  return (readdirSync(dir, { recursive: true }) as string[])
    .map((name) => path.join(dir, name))
    .filter((full) => statSync(full).isFile())
    .map((full) => readFileSync(full).toString('latin1'))
    .join('\n');
}

/** What the hub stores: its data folder, and on PostgreSQL every table's rows as JSON text too. */
function hubStoredText(dataDir: string): string {
  const files = allFileBytes(dataDir);
  if (testEngine() === 'sqlite') return files;
  const db = openHubDatabase(dataDir);
  try {
    const tables = db
      .prepare('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()')
      .all() as { name: string }[];
    const rows = tables.flatMap(({ name }) =>
      (db.prepare(`SELECT row_to_json(x)::text AS j FROM "${name}" x`).all() as { j: string }[]).map((r) => r.j),
    );
    return `${files}\n${rows.join('\n')}`;
  } finally {
    db.close();
  }
}

describe('no full card number leaks', () => {
  it('is nowhere: logs, replies, exports, the hub database or the agent cache', async () => {
    const bytes = Buffer.from(toCsv([HEADER_RU, ...ROWS]), 'utf8');
    const refused = await runImport(hub.url, admin, 'bank.csv', bytes);
    replies.push(JSON.stringify(refused.preview), JSON.stringify(refused.job));
    expect(refused.job.state).toBe('refused');
    expect(refused.job.problems.map((p) => p.row)).toContain(7); // header is row 1
    const imported = await runImport(hub.url, admin, 'bank.csv', bytes, { skipBadRows: true });
    replies.push(JSON.stringify(imported.preview), JSON.stringify(imported.job));
    expect(imported.job).toMatchObject({ state: 'done', created: 5 });

    const found = await hubSearch(spellings(GOOD_PANS[0]!)[1]!);
    expect(found.status).toBe(200);
    expect(found.body.results).toHaveLength(1);
    expect((await hubSearch(MISTYPED)).status).toBe(400);
    expect((await hubSearch(cardNumber(99))).body.results).toEqual([]);

    const throughCore = await vera.call<Loose>('customerSearch.search', { key: 'card', value: GOOD_PANS[1] });
    replies.push(JSON.stringify(throughCore));
    expect(throughCore.results).toHaveLength(1);
    const bad = await vera.call('customerSearch.search', { key: 'card', value: MISTYPED }).catch((e: unknown) => e);
    replies.push(JSON.stringify(bad), String(bad));

    files.push(await exportCustomers(hub.url, admin, 'csv'), await exportCustomers(hub.url, admin, 'xlsx'));
    await vera.close();
    await hub.close();

    const haystacks = {
      logs: logged.join('\n'),
      replies: replies.join('\n'),
      exports: files.map((f) => f.toString('latin1')).join('\n'),
      'hub data folder': hubStoredText(hub.dataDir),
      'agent cache folder': allFileBytes(vera.dataDir),
    };
    // The haystacks hold what they should: the searches were logged, the base is in the hub's files.
    expect(haystacks.logs).toContain('customer');
    expect(haystacks['hub data folder']).toContain('client1@example.ru');
    expect(haystacks['agent cache folder'].length).toBeGreaterThan(4096);
    expect(haystacks.exports).toContain(`**** ${GOOD_PANS[0]!.slice(-4)}`);
    for (const [where, text] of Object.entries(haystacks))
      for (const pan of EVERY_PAN)
        for (const spelling of spellings(pan)) expect(text.includes(spelling), `${spelling} in ${where}`).toBe(false);
  }, 120_000);
});
