/**
 * `npx tsx tests/bench/statsOnly.ts`: only the stats day (500 agents, 200 000 contacts at scale 1),
 * merged into bench/results.json beside the other parts' figures, with the machine's load average
 * (the figures of a shared, busy machine are not those of a quiet one). `npm run bench` measures the
 * same part (benchStatsDay) among all the others.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setLogLevel } from '../../src/shared/log.js';
import { benchStatsDay } from './statsDay.js';

setLogLevel('error');
const scale = Number(process.env.OKNO_BENCH_SCALE ?? '1');
if (!(scale > 0)) throw new Error(`OKNO_BENCH_SCALE must be a positive number, got "${process.env.OKNO_BENCH_SCALE}"`);
const root = mkdtempSync(path.join(os.tmpdir(), 'okno-bench-stats-'));
try {
  const agents = Math.max(5, Math.round(500 * scale));
  const contacts = Math.max(100, Math.round(200_000 * scale));
  const loadBefore = os.loadavg()[0]!;
  const figures = benchStatsDay(path.join(root, 'stats'), agents, contacts);
  const statsDay = {
    ...figures,
    when: new Date().toISOString(),
    scale,
    loadAverage: { before: Math.round(loadBefore * 10) / 10, after: Math.round(os.loadavg()[0]! * 10) / 10 },
    note: 'period stats read precomputed contact rows (hub migration 0008); precomputeSeconds derives every row once, as a hub does at start over an older database',
  };
  console.log(JSON.stringify(statsDay, null, 2));
  const file = path.join('bench', 'results.json');
  const results = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  writeFileSync(file, `${JSON.stringify({ ...results, statsDay }, null, 2)}\n`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
