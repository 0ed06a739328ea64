/**
 * The complaints register at scale (decision 0035): N complaints over a year (10 types, 2 000
 * customers, most resolved, some reopened, some left open past their deadline) written into the hub's
 * SQLite file through the register repository. Then a real hub answers over HTTP, end to end: the
 * report for a month, a quarter and the whole year; register pages with filters (status, overdue, a
 * type and period, a number, a word of the subject or the customer's name); and an export of up to
 * 5 000 complaints as CSV and XLSX.
 *
 * `npm run bench:register` (100 000 complaints, bench/register-report.json); `npm run bench` runs it scaled.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { uuidv7 } from '../../src/shared/ids.js';
import { createLogger, setLogLevel } from '../../src/shared/log.js';
import { EMPTY_CUSTOMER_MESSAGES, type ComplaintStatus } from '../../src/shared/register/registerSchemas.js';
import { createHub } from '../../src/server/hub.js';
import { openHubStore } from '../../src/server/storage/hubStore.js';
import { percentile } from './stats.js';
import { seededRandom } from './corpus.js';

const DAY = 86_400_000;
const YEAR_START = Date.parse('2026-01-01T00:00:00Z');
const SUBJECTS = [
  'Двойное списание по карте',
  'Не пришёл кешбэк',
  'Комиссия за перевод',
  'Заблокирована карта',
  'Ошибка в выписке',
  'Не зачислен перевод',
  'Навязанная страховка',
  'Card charged twice',
  'Refund not received',
  'ATM kept my card',
];
const NAMES = ['Ольга', 'Иван', 'Мария', 'Пётр', 'Анна', 'Сергей', 'Olga', 'John', 'Елена', 'Дмитрий'];
const SURNAMES = ['Петрова', 'Иванов', 'Смирнова', 'Кузнецов', 'Попова', 'Соколов', 'Smith', 'Brown', 'Волкова', 'Морозов'];


export interface Latency {
  runs: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
}

function latency(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    runs: sorted.length,
    medianMs: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    maxMs: round(sorted.at(-1) ?? Number.NaN),
  };
}

export interface RegisterBenchFigures {
  complaints: number;
  seedSeconds: number;
  hubDatabaseMiB: number;
  report: Record<'month' | 'quarter' | 'year', Latency & { received: number; resolved: number; overdue: number }>;
  list: Record<string, Latency & { total: number }>;
  export: Record<'csv' | 'xlsx', Latency & { rows: number; bytes: number }>;
}

/** Seeds `count` complaints into a hub data directory (the repository's own statements, one transaction). */
function seed(dataDir: string, count: number): void {
  const store = openHubStore(dataDir, Date.now, createLogger('bench'));
  const next = seededRandom(15);
  try {
    const typeIds: string[] = [];
    for (let t = 0; t < 10; t++) {
      const id = uuidv7(YEAR_START + t);
      store.register.saveType(
        {
          id,
          name: { en: `Type ${t + 1}`, ru: `Тип ${t + 1}` },
          fields: [],
          deadlineDays: 1 + (t % 10),
          ownerGroupId: null,
          customerMessages: EMPTY_CUSTOMER_MESSAGES,
          letterTemplate: { en: '', ru: '' },
          retired: false,
          updatedAt: YEAR_START,
        },
        YEAR_START,
      );
      typeIds.push(id);
    }
    const customers: { id: string; name: string }[] = [];
    store.write((tx) => {
      for (let c = 0; c < 2000; c++) {
        const id = uuidv7(YEAR_START + c);
        const name = `${NAMES[c % NAMES.length]} ${SURNAMES[Math.floor(c / NAMES.length) % SURNAMES.length]} ${c}`;
        store.customers.save(tx, { id, name, phone: null, email: null, createdAt: YEAR_START, updatedAt: YEAR_START });
        customers.push({ id, name });
      }
    });
    store.db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const createdAt = YEAR_START + Math.floor(next() * 365 * DAY);
        const typeIndex = Math.floor(next() ** 1.5 * typeIds.length);
        const deadlineAt = createdAt + (1 + (typeIndex % 10)) * 1.4 * DAY;
        const customer = customers[Math.floor(next() * customers.length)]!;
        const subject = SUBJECTS[Math.floor(next() * SUBJECTS.length)]!;
        const roll = next();
        let status: ComplaintStatus = 'closed';
        // Resolved somewhere between registration and half again past the deadline: about a third late.
        let firstResolvedAt: number | null = createdAt + next() * 1.5 * (deadlineAt - createdAt);
        if (roll < 0.08) {
          status = 'new';
          firstResolvedAt = null;
        } else if (roll < 0.16) {
          status = 'in_progress';
          firstResolvedAt = next() < 0.3 ? firstResolvedAt : null; // some reopened
        } else if (roll < 0.2) {
          status = 'waiting_customer';
          firstResolvedAt = null;
        } else if (roll < 0.35) {
          status = 'resolved';
        }
        const resolvedAt = status === 'resolved' || status === 'closed' ? firstResolvedAt : null;
        store.register.insert({
          id: uuidv7(createdAt),
          number: i + 1,
          typeId: typeIds[typeIndex]!,
          subject,
          fields: {},
          status,
          customerId: customer.id,
          originThreadId: null,
          originChannel: null,
          assigneeAgentId: null,
          assigneeGroupId: null,
          createdAt,
          createdBy: null,
          updatedAt: createdAt,
          updatedBy: null,
          version: 1,
          deadlineAt: Math.floor(deadlineAt),
          resolvedAt: resolvedAt === null ? null : Math.floor(resolvedAt),
          firstResolvedAt: firstResolvedAt === null ? null : Math.floor(firstResolvedAt),
          closedAt: status === 'closed' ? Math.floor(firstResolvedAt! + DAY) : null,
          searchText: `${subject} ${customer.name}`.toLocaleLowerCase('ru').replace(/ё/g, 'е'),
        });
      }
    })();
    store.db.exec('ANALYZE');
  } finally {
    store.close();
  }
}

export async function benchRegisterReport(root: string, count: number, rounds = 20): Promise<RegisterBenchFigures> {
  const dataDir = path.join(root, 'hub');
  mkdirSync(dataDir, { recursive: true });
  const started = performance.now();
  // A hub first, so the schema and the admin exist; then the seed writes into its file; then it serves.
  const password = 'bench-admin-password';
  const first = await createHub({ dataDir, port: 0, initialAdminPassword: password, seedDefaults: false });
  await first.close();
  seed(dataDir, count);
  const seedSeconds = Math.round(((performance.now() - started) / 1000) * 10) / 10;
  const hubDatabaseMiB = Math.round((statSync(path.join(dataDir, 'hub.sqlite')).size / 2 ** 20) * 10) / 10;

  const hub = await createHub({ dataDir, port: 0, initialAdminPassword: password, seedDefaults: false });
  try {
    const login = await fetch(`${hub.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'admin', password }),
    });
    const { token } = (await login.json()) as { token: string };
    const post = async <T>(route: string, json: unknown): Promise<T> => {
      const reply = await fetch(`${hub.url}/api/v1/register${route}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(json),
      });
      if (!reply.ok) throw new Error(`${route}: HTTP ${reply.status} ${await reply.text()}`);
      return reply.json() as Promise<T>;
    };
    const time = async <T>(n: number, work: () => Promise<T>): Promise<{ samples: number[]; last: T }> => {
      await work(); // warm up: statements prepared, pages cached
      const samples: number[] = [];
      let last!: T;
      for (let i = 0; i < n; i++) {
        const t = performance.now();
        last = await work();
        samples.push(performance.now() - t);
      }
      return { samples, last };
    };

    type Report = { total: { received: number; resolved: number; overdue: number } };
    const periods = { month: ['2026-06-01', '2026-06-30'], quarter: ['2026-04-01', '2026-06-30'], year: ['2026-01-01', '2026-12-31'] };
    const report = {} as RegisterBenchFigures['report'];
    for (const [name, [from, to]] of Object.entries(periods) as [keyof typeof periods, string[]][]) {
      const { samples, last } = await time(rounds, () => post<Report>('/report', { from, to, timeZone: 'Europe/Moscow' }));
      report[name] = { ...latency(samples), ...last.total };
    }

    const typeId = ((await (await fetch(`${hub.url}/api/v1/register/types`, {
      headers: { authorization: `Bearer ${token}` },
    })).json()) as { types: { id: string }[] }).types[0]!.id;
    const lists: Record<string, unknown> = {
      newest: {},
      open: { status: ['new', 'in_progress', 'waiting_customer'] },
      overdue: { overdue: true },
      typeAndMonth: { typeId, from: Date.parse('2026-06-01T00:00:00Z'), to: Date.parse('2026-07-01T00:00:00Z') },
      number: { query: `#${Math.floor(count / 2)}` },
      subjectWord: { query: 'кешбэк' },
      customerName: { query: 'петрова 1' },
    };
    const list: RegisterBenchFigures['list'] = {};
    for (const [name, filters] of Object.entries(lists)) {
      const { samples, last } = await time(rounds, () =>
        post<{ total: number }>('/complaints/search', { ...(filters as object), limit: 100 }),
      );
      list[name] = { ...latency(samples), total: last.total };
    }

    const exportFilters = { typeId, from: Date.parse('2026-06-01T00:00:00Z'), to: Date.parse('2026-06-20T00:00:00Z') };
    const exported = {} as RegisterBenchFigures['export'];
    for (const format of ['csv', 'xlsx'] as const) {
      const { samples, last } = await time(Math.max(3, Math.round(rounds / 4)), () =>
        post<{ dataBase64: string }>('/export', { filters: exportFilters, format }),
      );
      const listed = await post<{ total: number }>('/complaints/search', { ...exportFilters, limit: 1 });
      exported[format] = {
        ...latency(samples),
        rows: listed.total,
        bytes: Buffer.from(last.dataBase64, 'base64').length,
      };
    }
    return { complaints: count, seedSeconds, hubDatabaseMiB, report, list, export: exported };
  } finally {
    await hub.close();
  }
}

async function main(): Promise<void> {
  setLogLevel('error');
  const count = Number(process.env.OKNO_BENCH_COMPLAINTS ?? '100000');
  if (!Number.isInteger(count) || count < 1000) {
    throw new Error(
      `OKNO_BENCH_COMPLAINTS must be a whole number of at least 1000, got "${process.env.OKNO_BENCH_COMPLAINTS}"`,
    );
  }
  const root = mkdtempSync(path.join(os.tmpdir(), 'okno-bench-register-'));
  const results: Record<string, unknown> = {
    when: new Date().toISOString(),
    machine: { cpus: os.cpus().length, loadAverage: os.loadavg()[0], node: process.version },
  };
  try {
    console.log(`register: seeding ${count} complaints, then the report, register pages and exports on a real hub…`);
    results.registerReport = await benchRegisterReport(root, count);
    console.log(JSON.stringify(results.registerReport, null, 2));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  mkdirSync('bench', { recursive: true });
  writeFileSync(path.join('bench', 'register-report.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log('written to bench/register-report.json');
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename ?? '')) {
  void main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
