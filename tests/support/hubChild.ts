/**
 * The hub as a separate process, for the fault-injection suite: the parent kills it with SIGKILL
 * (a crash, a power-less `kill -9`) or asks it to stop in order (a restart), and starts it again on
 * the same data folder. Commands on stdin: `diskfull on` / `diskfull off` (its SQLite files capped
 * at their size: tests/support/diskCap.ts), `exit` (closes the hub in order).
 *
 * Run: node --import tsx tests/support/hubChild.ts '<json HubChildConfig>'
 * Lines on stdout: `listening <url> <hubId>`, `diskfull on <connections>`, `diskfull off <connections>`.
 */
import { createInterface } from 'node:readline';
import { createHub } from '../../src/server/hub.js';
import { setLogLevel } from '../../src/shared/log.js';
import { watchDisk } from './diskCap.js';
import { testDatabase } from './testDatabase.js';

export interface HubChildConfig {
  dataDir: string;
  widgetDir: string;
  adminPassword: string;
  heartbeatMs: number;
  /** PostgreSQL for this hub (else the run's test database: SQLite, or PostgreSQL in the PostgreSQL run). */
  databaseUrl?: string;
  /** The contact center's zone (a setting every instance of a cluster must share). */
  timeZone?: string;
  /** One instance of a cluster (tests/integration/hub-cluster.test.ts). */
  cluster?: { natsUrl: string; instanceId: string; leaseMs?: number; pollMs?: number; sessionCheckMs?: number };
  /** How long an agent may be without a live socket before going offline (hub default 30 s). */
  offlineGraceMs?: number;
}

const config = JSON.parse(process.argv[2] ?? '{}') as HubChildConfig;
setLogLevel('error');
const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const disk = watchDisk(config.dataDir);
  const hub = await createHub({
    dataDir: config.dataDir,
    widgetDir: config.widgetDir,
    initialAdminPassword: config.adminPassword,
    heartbeatMs: config.heartbeatMs,
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : testDatabase(config.dataDir)),
    ...(config.cluster ? { cluster: config.cluster } : {}),
    ...(config.offlineGraceMs ? { offlineGraceMs: config.offlineGraceMs } : {}),
    ...(config.timeZone ? { timeZone: config.timeZone } : {}),
  });
  say(`listening ${hub.url} ${hub.hubId}`);
  for await (const line of createInterface({ input: process.stdin })) {
    if (line === 'diskfull on') say(`diskfull on ${disk.fill()}`);
    else if (line === 'diskfull off') say(`diskfull off ${disk.free()}`);
    else if (line === 'exit') break;
  }
  await hub.close();
  process.exit(0);
}

void main().catch((error: unknown) => {
  process.stderr.write(
    `hub child failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
