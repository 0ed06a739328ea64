/**
 * Quality scoring at scale (decision 0042): N scores over a year (50 agents, 3 forms of 4–8 criteria,
 * about 5 % failing a critical criterion) written through QaRepo into a hub database; then the lead
 * report (per agent and per criterion) for a month, a quarter and the year, an agent's own scores and
 * a thread's scores, each timed in-process through QaDesk (the HTTP hop adds the same few ms to any of
 * them). Prints the figures and writes bench/qa-report.json. Not a timed test: it never fails on speed.
 *
 * `npx tsx tests/bench/qaReport.ts [scores]` (default 100 000).
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Agent } from '../../src/shared/domain.js';
import { uuidv7 } from '../../src/shared/ids.js';
import { createLogger, setLogLevel } from '../../src/shared/log.js';
import { Criterion } from '../../src/shared/qa/qaForm.js';
import { scoreAnswers } from '../../src/shared/qa/qaScoring.js';
import { QaDesk } from '../../src/server/qa/qaDesk.js';
import { openHubStore } from '../../src/server/storage/hubStore.js';
import { percentile } from './stats.js';
import { seededRandom } from './corpus.js';

const DAY = 86_400_000;
const YEAR_START = Date.parse('2026-01-01T00:00:00Z');


function timed(runs: number, work: () => unknown) {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    work();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 100) / 100;
  return { runs, medianMs: round(percentile(samples, 50)), p95Ms: round(percentile(samples, 95)) };
}

function formCriteria(n: number): Criterion[] {
  const weights = Array.from({ length: n }, () => Math.floor(100 / n));
  weights[0]! += 100 - weights.reduce((a, b) => a + b, 0);
  return Criterion.array().parse(
    weights.map((weight, i) => ({
      id: `c${i}`,
      label: `Criterion ${i + 1}`,
      kind: i % 2 === 0 ? 'yes_no' : 'scale',
      scaleMax: i % 2 === 0 ? null : 5,
      weight,
      critical: i === n - 1,
    })),
  );
}

const count = Number(process.argv[2] ?? 100_000);
setLogLevel('warn');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'okno-bench-qa-'));
const store = openHubStore(dataDir, Date.now, createLogger('bench'));
const next = seededRandom(42);
const seedStarted = performance.now();
const agents: Agent[] = Array.from({ length: 51 }, (_, i) => ({
  id: uuidv7(YEAR_START + i),
  login: `agent${i}`,
  name: i === 0 ? 'Admin' : `Agent ${i}`,
  role: i === 0 ? 'admin' : 'agent',
  status: 'offline',
  updatedAt: YEAR_START,
}));
const lead = agents[0]!;
const forms = [4, 6, 8].map((n, f) => ({ id: uuidv7(YEAR_START + f), criteria: formCriteria(n) }));
const threads: string[] = [];
let scoredThread = '';
store.write((tx) => {
  for (const agent of agents) store.agents.create(tx, agent, 'x');
  const customerId = uuidv7(YEAR_START);
  store.customers.save(tx, { id: customerId, name: 'Bench', phone: null, email: null, createdAt: YEAR_START, updatedAt: YEAR_START });
  for (let t = 0; t < Math.ceil(count / 2); t++) {
    const id = uuidv7(YEAR_START + t);
    const at = YEAR_START + t;
    store.threads.save(tx, {
      id,
      number: t + 1,
      channel: t % 3 === 0 ? 'phone' : 'webchat',
      status: 'closed',
      customerId,
      assigneeId: agents[1 + (t % 50)]!.id,
      subject: 'bench',
      slaDueAt: null,
      lastMessageAt: at,
      lastMessagePreview: '',
      createdAt: at,
      updatedAt: at,
    });
    threads.push(id);
  }
});
forms.forEach((form, f) => store.qa.createForm(form.id, `Form ${f + 1}`, form.criteria, lead.id, YEAR_START));
store.db.transaction(() => {
  for (let i = 0; i < count; i++) {
    const form = forms[i % forms.length]!;
    const thread = Math.floor(next() * threads.length);
    const fail = next() < 0.05;
    const answers = form.criteria.map((c) => ({
      criterionId: c.id,
      value:
        c.critical && fail ? (c.kind === 'yes_no' ? 0 : 1) : c.kind === 'yes_no' ? (next() < 0.8 ? 1 : 0) : 1 + Math.floor(next() * 5),
    }));
    if (i === 0) scoredThread = threads[thread]!;
    const scored = scoreAnswers(form.criteria, answers);
    if (!scored.ok) throw new Error(JSON.stringify(scored.problems));
    store.qa.insertScore({
      id: uuidv7(YEAR_START + i),
      threadId: threads[thread]!,
      agentId: agents[1 + (thread % 50)]!.id,
      formId: form.id,
      formVersion: 1,
      ...scored.scored,
      comment: '',
      scoredBy: lead.id,
      scoredAt: YEAR_START + Math.floor(next() * 365 * DAY),
    });
  }
})();
const seedSeconds = Math.round((performance.now() - seedStarted) / 100) / 10;

const desk = new QaDesk(store, Date.now);
const period = (from: string, to: string) => ({ from, to, timeZone: 'Europe/Moscow' });
const report = {
  month: { ...timed(20, () => desk.report(period('2026-06-01', '2026-06-30'))), scores: desk.report(period('2026-06-01', '2026-06-30')).scores },
  quarter: { ...timed(10, () => desk.report(period('2026-04-01', '2026-06-30'))), scores: desk.report(period('2026-04-01', '2026-06-30')).scores },
  year: { ...timed(5, () => desk.report(period('2026-01-01', '2026-12-31'))), scores: desk.report(period('2026-01-01', '2026-12-31')).scores },
};
const agent = agents[7]!;
const myScores = { ...timed(20, () => desk.myScores(agent)), rows: desk.myScores(agent).length };
const threadScores = { ...timed(50, () => desk.threadScores(lead, scoredThread)), rows: desk.threadScores(lead, scoredThread).scores.length };
const figures = {
  scores: count,
  threads: threads.length,
  agents: 50,
  seedSeconds,
  hubDatabaseMiB: Math.round((statSync(path.join(dataDir, 'hub.sqlite')).size / 1048576) * 10) / 10,
  report,
  myScores,
  threadScores,
  measuredAt: new Date().toISOString(),
  machine: { cpus: os.cpus().length, note: 'shared with other work while measured' },
};
store.close();
rmSync(dataDir, { recursive: true, force: true });
console.log(JSON.stringify(figures, null, 2));
mkdirSync('bench', { recursive: true });
writeFileSync(path.join('bench', 'qa-report.json'), JSON.stringify(figures, null, 2) + '\n');
