/**
 * `npm run bench:core`: only the window thread's figures during a first sync, with the core on that
 * thread and in its worker (tests/bench/coreResponsiveness.ts), and a message's way across Okno
 * (tests/bench/messageLatency.ts), written to bench/core-responsiveness.json. `npm run bench` runs
 * them too. OKNO_BENCH_MESSAGES sets the size of the pull (default 100 000).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setLogLevel } from '../../src/shared/log.js';
import { benchCoreResponsiveness } from './coreResponsiveness.js';
import { benchMessageLatency } from './messageLatency.js';

async function main(): Promise<void> {
  setLogLevel('error');
  const messages = Number(process.env.OKNO_BENCH_MESSAGES ?? '100000');
  if (!(messages >= 20)) throw new Error(`OKNO_BENCH_MESSAGES must be at least 20, got "${process.env.OKNO_BENCH_MESSAGES}"`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'okno-bench-core-'));
  try {
    const results = {
      when: new Date().toISOString(),
      machine: { cpus: os.cpus().length, loadAverage: os.loadavg()[0], node: process.version },
      coreResponsiveness: await benchCoreResponsiveness(path.join(dir, 'pull'), Math.round(messages / 20), 20),
      messageLatency: await benchMessageLatency(path.join(dir, 'latency'), 40, 4),
    };
    console.log(JSON.stringify(results, null, 2));
    mkdirSync('bench', { recursive: true });
    writeFileSync(path.join('bench', 'core-responsiveness.json'), `${JSON.stringify(results, null, 2)}\n`);
    console.log('written to bench/core-responsiveness.json');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
