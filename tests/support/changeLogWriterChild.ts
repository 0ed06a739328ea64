/**
 * A hub store in its own process that writes one change when told, for the change-log ordering
 * test on PostgreSQL: `write` records a customer change through the store's writer; with
 * `holdMs` the surrounding transaction stays open that long after the change-log append, as a hub
 * instance stalled just before its commit would.
 *
 * Run: node --import tsx tests/support/changeLogWriterChild.ts '<json config>'
 * Lines on stdout: `ready`, `appended <seq>`, `committed`.
 */
import { createInterface } from 'node:readline';
import { createLogger, setLogLevel } from '../../src/shared/log.js';
import { openHubStore } from '../../src/server/storage/hubStore.js';

interface Config {
  dataDir: string;
  databaseUrl: string;
  entityId: string;
  holdMs: number;
}

const config = JSON.parse(process.argv[2] ?? '{}') as Config;
setLogLevel('error');
const say = (line: string) => process.stdout.write(`${line}\n`);
const store = openHubStore(config.dataDir, Date.now, createLogger('writer'), { databaseUrl: config.databaseUrl });
say('ready');

for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'exit') break;
  if (line !== 'write') continue;
  store.db.transaction(() => {
    const { changes } = store.write((tx) => {
      // Only the change log is read in this test: the entity's data need not be a whole customer.
      tx.record('customer', { id: config.entityId } as never);
    });
    say(`appended ${changes[0]?.seq}`);
    if (config.holdMs > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, config.holdMs);
  })();
  say('committed');
}
store.close();
process.exit(0);
