/**
 * The change log's cursor stays exact on PostgreSQL with several writers (decision 0045). Two hub
 * stores in their own processes write to one database; writer A is held open between its change
 * log append and its commit while writer B commits. A reader paging with `seq > cursor` must see
 * both changes: had B's seq been handed out before A committed (as a plain sequence does), the
 * reader's cursor would pass A's smaller seq while A was still open, and A's change would be lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/shared/log.js';
import { ChangeLog } from '../../src/server/storage/changeLog.js';
import { openPostgres } from '../../src/server/storage/postgres/openPostgres.js';
import type { PostgresDatabase } from '../../src/server/storage/postgres/pgDatabase.js';
import { startScript, type ScriptChild } from '../support/childProcess.js';
import { postgresMissing, startPostgres, type PostgresServer } from '../support/postgresServer.js';
import { removeTempDirs, tempDir } from './hub-harness.js';

const missing = postgresMissing();
const WRITER = ['--import', 'tsx', 'tests/support/changeLogWriterChild.ts'];

describe.skipIf(missing)('change log cursors on PostgreSQL (skipped: %s)', () => {
  let server: PostgresServer;
  let url: string;
  let reader: PostgresDatabase;
  const children: ScriptChild[] = [];

  beforeAll(async () => {
    server = await startPostgres();
    url = server.urlOf('postgres');
    reader = openPostgres(url, createLogger('reader'));
  });

  afterAll(async () => {
    for (const child of children) await child.kill9();
    reader?.close();
    await server?.stop();
    removeTempDirs();
  });

  async function writer(entityId: string, holdMs: number): Promise<ScriptChild> {
    const child = startScript(WRITER, { dataDir: tempDir(), databaseUrl: url, entityId, holdMs });
    children.push(child);
    await child.waitFor('ready', 30_000);
    return child;
  }

  it('never lets a cursor pass a change that commits later with a smaller seq', async () => {
    const changeLog = new ChangeLog(reader);
    let cursor = changeLog.maxSeq();
    const seen: string[] = [];
    const readNew = () => {
      for (const change of changeLog.page(cursor, 100)) {
        seen.push(change.data.id);
        cursor = change.seq;
      }
    };
    const a = await writer('held-writer', 1500);
    const b = await writer('quick-writer', 0);

    a.send('write');
    const appendedA = Number((await a.waitFor((l) => l.startsWith('appended '), 10_000)).split(' ')[1]);
    b.send('write');
    // While A is open, the reader keeps paging, as agents' pulls would.
    while (!a.lines.includes('committed')) {
      readNew();
      expect(seen).not.toContain('held-writer');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await b.waitFor('committed', 10_000);
    readNew();

    const appendedB = Number(b.lines.find((l) => l.startsWith('appended '))!.split(' ')[1]);
    expect(seen).toEqual(['held-writer', 'quick-writer']);
    // B's seq was handed out only after A committed: seq order is commit order.
    expect(appendedB).toBeGreaterThan(appendedA);
  });
});
