/**
 * `npm run bench:memory`: the workstation's memory with OKNO_BENCH_MESSAGES cached messages
 * (default 1 000 000) and over a simulated 8-hour shift of OKNO_BENCH_SHIFT_CONVERSATIONS chats
 * (default 96), written to bench/memory.json (tests/bench/memory.ts says what and how). Needs the
 * built renderer and widget (`npm run build`) and Chromium. OKNO_BENCH_MEMORY_DIR keeps the seeded
 * hub and cache there and starts from a copy of them next time; OKNO_BENCH_MEMORY_SNAPSHOTS writes heap
 * snapshots of the core's worker and of the window there, at the start and the end of the shift (a
 * diagnosis: the snapshots themselves cost the process memory, so that run's figures are not the
 * ones to keep). OKNO_BENCH_MEMORY_IDLE_MINUTES (default 5) is how long the window is then left open.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setLogLevel } from '../../src/shared/log.js';
import { benchMemory } from './memory.js';

async function main(): Promise<void> {
  setLogLevel('error');
  const messages = Number(process.env.OKNO_BENCH_MESSAGES ?? '1000000');
  const conversations = Number(process.env.OKNO_BENCH_SHIFT_CONVERSATIONS ?? '96');
  const idleMinutes = Number(process.env.OKNO_BENCH_MEMORY_IDLE_MINUTES ?? '5');
  if (!Number.isInteger(messages) || messages < 10_000)
    throw new Error(`OKNO_BENCH_MESSAGES must be a whole number of at least 10000, got "${process.env.OKNO_BENCH_MESSAGES}"`);
  if (!Number.isInteger(conversations) || conversations < 4)
    throw new Error(`OKNO_BENCH_SHIFT_CONVERSATIONS must be a whole number of at least 4, got "${process.env.OKNO_BENCH_SHIFT_CONVERSATIONS}"`);
  if (!(idleMinutes >= 0))
    throw new Error(`OKNO_BENCH_MEMORY_IDLE_MINUTES must be 0 or more, got "${process.env.OKNO_BENCH_MEMORY_IDLE_MINUTES}"`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'okno-bench-memory-'));
  try {
    const results = {
      when: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? 'unknown',
        memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
      },
      memory: await benchMemory(dir, {
        messages,
        conversations,
        idleMinutes,
        seedDir: process.env.OKNO_BENCH_MEMORY_DIR,
        snapshotDir: process.env.OKNO_BENCH_MEMORY_SNAPSHOTS,
      }),
    };
    console.log(JSON.stringify(results, null, 2));
    mkdirSync('bench', { recursive: true });
    writeFileSync(path.join('bench', 'memory.json'), `${JSON.stringify(results, null, 2)}\n`);
    console.log('written to bench/memory.json');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
