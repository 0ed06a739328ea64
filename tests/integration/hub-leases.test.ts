/**
 * Leases (migration 25) on both engines: one holder at a time, renewed by its holder, taken by
 * another only once expired, released on a clean stop; and LeasedWork starting and stopping the
 * work as the lease comes and goes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/shared/log.js';
import { LeasedWork } from '../../src/server/cluster/leasedWork.js';
import { openHubStore, type HubStore } from '../../src/server/storage/hubStore.js';
import { LeasesRepo } from '../../src/server/storage/leasesRepo.js';
import { postgresMissing, startPostgres, type PostgresServer } from '../support/postgresServer.js';
import { removeTempDirs, tempDir } from './hub-harness.js';

const log = createLogger('leases');

function leaseRules(open: () => HubStore) {
  return () => {
    let store: HubStore;
    beforeAll(() => {
      store = open();
    });
    afterAll(() => store.close());

    it('gives a lease to one holder until it expires, then to another', () => {
      const leases = new LeasesRepo(store.db);
      expect(leases.claim('gw', 'a', 1000, 500)).toBe(true);
      expect(leases.claim('gw', 'b', 1200, 500)).toBe(false);
      expect(leases.claim('gw', 'a', 1400, 500)).toBe(true); // renewed to 1900
      expect(leases.claim('gw', 'b', 1800, 500)).toBe(false);
      expect(leases.claim('gw', 'b', 1901, 500)).toBe(true);
      expect(leases.holder('gw')).toEqual({ holder: 'b', expiresAt: 2401 });
      leases.release('gw', 'a'); // not the holder: nothing happens
      expect(leases.holder('gw')?.holder).toBe('b');
      leases.release('gw', 'b');
      expect(leases.claim('gw', 'a', 1902, 500)).toBe(true);
    });

    it('starts work when its lease is taken and stops it when another instance holds it', async () => {
      const leases = new LeasesRepo(store.db);
      let clock = 10_000;
      const ran: string[] = [];
      const work = new LeasedWork(leases, 'one', () => clock, log, 60_000);
      work.add('job', { start: () => void ran.push('start'), stop: () => void ran.push('stop') });
      leases.claim('job', 'other', clock, 1000);
      await work.start();
      expect(work.held()).toEqual([]);
      clock += 1001; // the other holder's lease has run out
      await work.renew();
      expect(work.held()).toEqual(['job']);
      await work.stop();
      expect(ran).toEqual(['start', 'stop']);
      expect(leases.holder('job')).toBeNull();
    });
  };
}

describe(
  'leases on SQLite',
  leaseRules(() => openHubStore(tempDir(), Date.now, log)),
);

const missing = postgresMissing();
describe.skipIf(missing)('leases on PostgreSQL', () => {
  let server: PostgresServer;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await server?.stop();
    removeTempDirs();
  });
  describe(
    'rules',
    leaseRules(() => openHubStore(tempDir(), Date.now, log, { databaseUrl: server.url })),
  );
});
