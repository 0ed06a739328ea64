/**
 * `npm run bench:search`: customer search over OKNO_BENCH_CUSTOMERS customers (default 1 000 000) on
 * a real hub, written to bench/customer-search.json. `npm run bench` runs it too, scaled.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setLogLevel } from '../../src/shared/log.js';
import { benchCustomerSearch } from './customerSearch.js';

async function main(): Promise<void> {
  setLogLevel('error');
  const customers = Number(process.env.OKNO_BENCH_CUSTOMERS ?? '1000000');
  if (!Number.isInteger(customers) || customers < 1000)
    throw new Error(`OKNO_BENCH_CUSTOMERS must be a whole number of at least 1000, got "${process.env.OKNO_BENCH_CUSTOMERS}"`);
  // OKNO_BENCH_SEARCH_DIR keeps the seeded hub there and searches it again on the next run.
  const kept = process.env.OKNO_BENCH_SEARCH_DIR;
  if (kept) mkdirSync(kept, { recursive: true });
  const root = kept ?? mkdtempSync(path.join(os.tmpdir(), 'okno-bench-search-'));
  const results: Record<string, unknown> = {
    when: new Date().toISOString(),
    machine: { cpus: os.cpus().length, loadAverage: os.loadavg()[0], node: process.version },
  };
  try {
    console.log(`customer search: seeding ${customers} customers, then searching by every key…`);
    results.customerSearch = await benchCustomerSearch(root, customers, { reuse: kept !== undefined });
    console.log(JSON.stringify(results.customerSearch, null, 2));
  } finally {
    if (!kept) rmSync(root, { recursive: true, force: true });
  }
  mkdirSync('bench', { recursive: true });
  writeFileSync(path.join('bench', 'customer-search.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log('written to bench/customer-search.json');
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
