/**
 * `npm run bench:calls`: only the call-queue figures (router decisions, a load of callers through the
 * real PBX, concurrent bridged calls), written to bench/call-queue.json. `npm run bench` runs them too.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setLogLevel } from '../../src/shared/log.js';
import { benchBridgedCalls, benchCallDecisions, benchCallLoad, callBenchMissing } from './callQueue.js';

async function main(): Promise<void> {
  setLogLevel('error');
  const root = mkdtempSync(path.join(os.tmpdir(), 'okno-bench-calls-'));
  const results: Record<string, unknown> = {
    when: new Date().toISOString(),
    machine: { cpus: os.cpus().length, loadAverage: os.loadavg()[0], node: process.version },
  };
  try {
    results.callDecisions = benchCallDecisions(path.join(root, 'decisions'), 500, 1000);
    console.log(JSON.stringify(results.callDecisions, null, 2));
    const missing = callBenchMissing();
    if (missing) {
      results.callLoad = { skipped: missing };
    } else {
      results.callLoad = await benchCallLoad(60, 10);
      console.log(JSON.stringify(results.callLoad, null, 2));
      results.bridgedCalls = await benchBridgedCalls([10, 25, 50, 100, 150, 200]);
      console.log(JSON.stringify(results.bridgedCalls, null, 2));
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  mkdirSync('bench', { recursive: true });
  writeFileSync(path.join('bench', 'call-queue.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log('written to bench/call-queue.json');
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
