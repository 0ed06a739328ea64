/**
 * `npm run bench:channels`: only the inbound figures (messages per second through the webhook, VK,
 * Telegram and email gateways into the queue, tests/bench/channelIngest.ts), written to
 * bench/channel-ingest.json with the machine's load average (a shared, busy machine's figures are
 * not a quiet one's). `npm run bench` measures the same part. OKNO_BENCH_MESSAGES sets the number of
 * messages per gateway (default 5 000); OKNO_BENCH_IN_FLIGHT the webhook and VK calls in flight (default 64).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setLogLevel } from '../../src/shared/log.js';
import { benchChannelIngest } from './channelIngest.js';

async function main(): Promise<void> {
  setLogLevel('error');
  const messages = Number(process.env.OKNO_BENCH_MESSAGES ?? '5000');
  if (!(messages >= 20)) throw new Error(`OKNO_BENCH_MESSAGES must be at least 20, got "${process.env.OKNO_BENCH_MESSAGES}"`);
  const inFlight = Number(process.env.OKNO_BENCH_IN_FLIGHT ?? '64');
  if (!(inFlight >= 1)) throw new Error(`OKNO_BENCH_IN_FLIGHT must be at least 1, got "${process.env.OKNO_BENCH_IN_FLIGHT}"`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'okno-bench-channels-'));
  try {
    const loadBefore = os.loadavg()[0]!;
    const channelIngest = await benchChannelIngest(dir, messages, inFlight);
    const results = {
      when: new Date().toISOString(),
      machine: { cpus: os.cpus().length, node: process.version },
      loadAverage: { before: Math.round(loadBefore * 10) / 10, after: Math.round(os.loadavg()[0]! * 10) / 10 },
      messages,
      inFlight,
      channelIngest,
    };
    console.log(JSON.stringify(results, null, 2));
    mkdirSync('bench', { recursive: true });
    writeFileSync(path.join('bench', 'channel-ingest.json'), `${JSON.stringify(results, null, 2)}\n`);
    console.log('written to bench/channel-ingest.json');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
