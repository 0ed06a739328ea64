/**
 * A PostgreSQL hub when its database is not what it should be: unreachable at start, on a schema
 * newer than the hub, or gone in the middle of work and back again. Each gives a message naming
 * what is wrong; the hub answers 503 on /readyz while the database is away and carries on after.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/shared/log.js';
import { SYNC_API } from '../../src/shared/sync.js';
import { openHubStore } from '../../src/server/storage/hubStore.js';
import { PostgresDatabase } from '../../src/server/storage/postgres/pgDatabase.js';
import { freePort } from '../support/freePort.js';
import { postgresMissing, startPostgres, type PostgresServer } from '../support/postgresServer.js';
import { api, closeAll, customerSays, login, openWidget, removeTempDirs, startHub, tempDir } from './hub-harness.js';

const missing = postgresMissing();
const log = createLogger('bad-input');

describe.skipIf(missing)('a PostgreSQL hub database that is not right', () => {
  let server: PostgresServer;

  beforeAll(async () => {
    process.env.OKNO_TEST_FAST_PASSWORDS = '1';
    server = await startPostgres();
  });

  afterAll(async () => {
    await server?.stop();
    removeTempDirs();
  });

  it('names the server it cannot reach at start, without its password', async () => {
    const port = await freePort();
    expect(() =>
      openHubStore(tempDir(), Date.now, log, { databaseUrl: `postgres://okno:secret@127.0.0.1:${port}/okno` }),
    ).toThrow(new RegExp(`cannot reach the hub database at postgres://okno:\\*\\*\\*@127\\.0\\.0\\.1:${port}/okno`));
    expect(() => openHubStore(tempDir(), Date.now, log, { databaseUrl: 'mysql://x@y/z' })).toThrow(
      /must start with postgres:\/\//,
    );
  });

  it('refuses a database on a newer schema than this hub knows', () => {
    const admin = new PostgresDatabase(server.url);
    admin.exec('CREATE DATABASE newer');
    admin.close();
    const url = server.urlOf('newer');
    openHubStore(tempDir(), Date.now, log, { databaseUrl: url }).close();
    const db = new PostgresDatabase(url);
    db.exec('UPDATE okno_schema SET version = 999');
    db.close();
    expect(() => openHubStore(tempDir(), Date.now, log, { databaseUrl: url })).toThrow(
      /schema version 999, newer than this hub understands/,
    );
  });

  it('answers 503 while the database is away and works again when it is back', async () => {
    const admin = new PostgresDatabase(server.url);
    admin.exec('CREATE DATABASE away');
    admin.close();
    const hub = await startHub({ databaseUrl: server.urlOf('away') });
    try {
      const token = await login(hub.url);
      expect((await api(hub.url, '/readyz')).status).toBe(200);
      await server.kill();
      const down = await api(hub.url, '/readyz');
      expect(down.status).toBe(503);
      expect(down.body.reasons.join(' ')).toMatch(/the database does not answer/);
      const refused = await api(hub.url, `${SYNC_API.pull}?after=0`, { token });
      expect(refused.status).toBe(503);
      expect(refused.body.error.message).toMatch(/cannot reach its database/);
      await server.restart();
      expect((await api(hub.url, '/readyz')).status).toBe(200);
      const { widget } = await openWidget(hub.url, { name: 'Back' });
      const stored = await customerSays(widget, 'Снова работает?');
      closeAll(widget);
      expect(stored.type).toBe('message');
    } finally {
      await hub.close();
    }
  });
});
