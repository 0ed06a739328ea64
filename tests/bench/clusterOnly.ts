/**
 * `npm run bench:cluster`: only the figures of hub instances on one PostgreSQL and one NATS
 * (tests/bench/cluster.ts), written to bench/cluster.json. `npm run bench` runs them too.
 * OKNO_BENCH_VISITORS and OKNO_BENCH_MESSAGES size the inbound run (default 60 × 50).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setLogLevel } from '../../src/shared/log.js';
import { removeTempDirs } from '../integration/hub-harness.js';
import { benchCluster, clusterBenchMissing } from './cluster.js';

async function main(): Promise<void> {
  setLogLevel('error');
  const missing = clusterBenchMissing();
  if (missing) throw new Error(`the cluster bench needs PostgreSQL and nats-server: ${missing}`);
  const visitors = Number(process.env.OKNO_BENCH_VISITORS ?? '60');
  const perVisitor = Number(process.env.OKNO_BENCH_MESSAGES ?? '50');
  const results = {
    when: new Date().toISOString(),
    machine: { cpus: os.cpus().length, loadAverage: os.loadavg()[0], node: process.version },
    visitors,
    perVisitor,
    cluster: await benchCluster(visitors, perVisitor).finally(removeTempDirs),
  };
  console.log(JSON.stringify(results, null, 2));
  mkdirSync('bench', { recursive: true });
  writeFileSync(path.join('bench', 'cluster.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log('written to bench/cluster.json');
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
