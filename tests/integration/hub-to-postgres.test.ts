/**
 * Moving a team from the SQLite hub to PostgreSQL (decision 0046): a hub with a web chat, a customer
 * and a knowledge article is copied; a row PostgreSQL cannot hold stops the copy half-way with a
 * message naming the table, the hub refuses to start on the half-copied database, and the copy
 * resumes after the fix. The hub then starts on PostgreSQL with the same id and change seqs, so an
 * agent's cursor from before still means the same.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { SYNC_API } from '../../src/shared/sync.js';
import { HUB_DB_FILE } from '../../src/server/storage/hubStore.js';
import { openSqlite } from '../../src/server/storage/sqlite.js';
import { postgresMissing, startPostgres, type PostgresServer } from '../support/postgresServer.js';
import { addAgent } from './hub-routing-support.js';
import { api, closeAll, customerSays, login, openWidget, removeTempDirs, startHub, type Loose } from './hub-harness.js';

const missing = postgresMissing();
const run = promisify(execFile);

async function copyCommand(dataDir: string, url: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'scripts/to-postgres.ts', '--data-dir', dataDir, '--database-url', url],
      { env: { ...process.env, OKNO_TEST_PG_URL: '' } },
    );
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: failed.stdout + failed.stderr };
  }
}

async function pullAll(url: string, token: string): Promise<{ hubId: string; changes: Loose[] }> {
  const changes: Loose[] = [];
  let after = 0;
  let hubId = '';
  for (let page = 0; page < 50; page++) {
    const reply = await api(url, `${SYNC_API.pull}?after=${after}`, { token });
    expect(reply.status).toBe(200);
    hubId = reply.body.hubId;
    changes.push(...reply.body.changes);
    after = reply.body.cursor;
    if (!reply.body.hasMore) break;
  }
  return { hubId, changes };
}

describe.skipIf(missing)('moving a hub from SQLite to PostgreSQL', () => {
  let server: PostgresServer;

  beforeAll(async () => {
    process.env.OKNO_TEST_FAST_PASSWORDS = '1';
    server = await startPostgres();
  });

  afterAll(async () => {
    await server?.stop();
    removeTempDirs();
  });

  it('copies everything, resumes after a failed table, and keeps the hub id and seqs', async () => {
    const sqliteHub = await startHub({ databaseUrl: undefined });
    const dataDir = sqliteHub.dataDir;
    const admin = await login(sqliteHub.url);
    const lead = await addAgent(sqliteHub.url, admin, 'lena', 'Lena Lead', 'lead');
    const article = await api(sqliteHub.url, '/api/v1/knowledge/articles', {
      token: lead.token,
      json: {
        parentId: null,
        language: 'ru',
        links: [],
        title: 'Блокировка карты',
        doc: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Карту блокируют' }] }] },
      },
    });
    expect(article.status).toBe(200);
    const { widget } = await openWidget(sqliteHub.url, { name: 'Vera' });
    await customerSays(widget, 'Здравствуйте, карта заблокирована');
    closeAll(widget);
    const before = await pullAll(sqliteHub.url, admin);
    await sqliteHub.close();

    // A NUL character: SQLite keeps it in TEXT, PostgreSQL refuses it.
    const sqlite = openSqlite(path.join(dataDir, HUB_DB_FILE));
    sqlite.prepare("UPDATE messages SET text = text || char(0) WHERE author_kind = 'customer'").run();
    sqlite.close();
    const url = server.urlOf('postgres');
    const failed = await copyCommand(dataDir, url);
    expect(failed.code).not.toBe(0);
    expect(failed.out).toMatch(/copying table messages failed/);
    expect(failed.out).toMatch(/run the copy again to resume/);

    await expect(startHub({ dataDir, databaseUrl: url })).rejects.toThrow(/copy from a SQLite hub .* is unfinished/);

    const fixed = openSqlite(path.join(dataDir, HUB_DB_FILE));
    fixed
      .prepare("UPDATE messages SET text = 'Здравствуйте, карта заблокирована' WHERE author_kind = 'customer'")
      .run();
    fixed.close();
    const resumed = await copyCommand(dataDir, url);
    expect(resumed.out).toMatch(/every count checked/);
    expect(resumed.out).toMatch(/tables had been copied by the interrupted run/);
    expect(resumed.code).toBe(0);

    const pgHub = await startHub({ dataDir, databaseUrl: url });
    try {
      const token = await login(pgHub.url);
      const after = await pullAll(pgHub.url, token);
      expect(after.hubId).toBe(before.hubId);
      const key = (c: Loose) => `${c.seq}:${c.entity}:${c.data.id}`;
      const ofContent = (list: Loose[]) => list.filter((c) => c.entity !== 'agent').map(key);
      expect(ofContent(after.changes)).toEqual(ofContent(before.changes));
      expect(ofContent(before.changes).length).toBeGreaterThanOrEqual(2);

      const search = await api(pgHub.url, `/api/v1/knowledge/search?query=${encodeURIComponent('карты')}`, {
        token,
      });
      expect(search.body.results.map((r: Loose) => r.article.title)).toEqual(['Блокировка карты']);

      // New changes continue after the copied seqs.
      const { widget: again } = await openWidget(pgHub.url, { name: 'Pavel' });
      await customerSays(again, 'Ещё вопрос');
      closeAll(again);
      const maxBefore = Math.max(...before.changes.map((c) => c.seq as number));
      const next = await api(pgHub.url, `${SYNC_API.pull}?after=${maxBefore}`, { token });
      expect(next.body.changes.some((c: Loose) => c.entity === 'message' && c.seq > maxBefore)).toBe(true);
    } finally {
      await pgHub.close();
    }
  });
});
