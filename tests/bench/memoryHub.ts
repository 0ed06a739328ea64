/**
 * The hub for the memory bench (tests/bench/memory.ts), in a process of its own so that none of its
 * memory is counted as the workstation's. Its clock is the wall clock plus an offset that the bench
 * moves forward (`advance <ms>` on stdin, answered with `now <ms>`): eight hours of a shift pass in
 * minutes, the way `npm run simulate` compresses time. `exit` closes it in order.
 *
 * Run: node <bundle of this file> '<json MemoryHubConfig>'. First line on stdout: `listening <url> <hubId>`.
 */
import { createInterface } from 'node:readline';
import { createHub } from '../../src/server/hub.js';
import { setLogLevel } from '../../src/shared/log.js';

export interface MemoryHubConfig {
  dataDir: string;
  widgetDir: string;
  adminPassword: string;
  /**
   * How long the agent may be without a live socket before the hub calls them offline. The bench
   * jumps the hub's clock by minutes between two heartbeats, so the default 30 s would take the
   * agent offline at every jump; the bench passes more than a shift.
   */
  offlineGraceMs: number;
}

const config = JSON.parse(process.argv[2] ?? '{}') as MemoryHubConfig;
setLogLevel('error');
const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  let offset = 0;
  const now = () => Date.now() + offset;
  const hub = await createHub({
    dataDir: config.dataDir,
    widgetDir: config.widgetDir,
    initialAdminPassword: config.adminPassword,
    offlineGraceMs: config.offlineGraceMs,
    now,
  });
  say(`listening ${hub.url} ${hub.hubId}`);
  for await (const line of createInterface({ input: process.stdin })) {
    const [command, value] = line.split(' ');
    if (command === 'advance') {
      offset += Number(value);
      // The auto-reply clock (no answer, wait estimates) sees the new time at once.
      hub.tick();
      say(`now ${now()}`);
    } else if (command === 'exit') break;
  }
  await hub.close();
  process.exit(0);
}

void main().catch((error: unknown) => {
  process.stderr.write(`memory hub failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
