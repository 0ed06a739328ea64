/**
 * Hub migration 16 (knowledge base): the tables come empty beside what was there, an article and its
 * versions round-trip through the repository, a version is never written twice, the language is
 * checked, and the FTS index finds an article by another Russian word form.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/shared/log.js';
import { articleQuery } from '../../src/shared/knowledge/knowledgeSearch.js';
import { migrate, schemaVersion } from '../../src/server/storage/migrate.js';
import { MIGRATIONS } from '../../src/server/storage/migrations/index.js';
import { openSqlite } from '../../src/server/storage/sqlite.js';
import { KnowledgeRepo } from '../../src/server/storage/knowledgeRepo.js';
import { removeTempDirs, tempDir } from './hub-harness.js';

const log = createLogger('test');
afterAll(() => removeTempDirs());

const A1 = '0190a000-0000-7000-8000-000000000001';

describe('hub migration 16: knowledge base', () => {
  it('adds the knowledge tables beside existing data and round-trips an article with its versions', () => {
    const db = openSqlite(path.join(tempDir(), 'hub.sqlite'));
    migrate(db, log, MIGRATIONS, 15);
    db.prepare(
      `INSERT INTO agents (id, login, name, role, status, status_since, password_hash, created_at, updated_at)
       VALUES ('lead1', 'lena', 'Lena', 'lead', 'ready', 1, 'h', 100, 200)`,
    ).run();

    migrate(db, log, MIGRATIONS, 16);
    expect(schemaVersion(db)).toBe(16);
    expect(db.prepare('SELECT name FROM agents').all()).toEqual([{ name: 'Lena' }]);
    const repo = new KnowledgeRepo(db);
    expect(repo.all()).toEqual([]);

    const doc = {
      type: 'doc' as const,
      content: [{ type: 'paragraph' as const, content: [{ type: 'text' as const, text: 'Карта заблокирована' }] }],
    };
    repo.transaction(() => {
      repo.create(
        { id: A1, parentId: null, position: 0, title: 'Блокировка', language: 'ru' },
        { doc, plainText: 'Карта заблокирована', links: [], savedBy: 'lead1', savedByName: 'Lena', savedAt: 1000 },
        1000,
      );
      repo.index(repo.byId(A1)!.pk, 'Блокировка', 'Карта заблокирована');
    });
    expect(repo.byId(A1)).toMatchObject({ version: 1, title: 'Блокировка', retired: false, changeSeq: 1 });
    expect(repo.version(A1, 1)).toMatchObject({ doc, savedByName: 'Lena' });
    expect(repo.search(articleQuery('заблокировали карту')!, 5).map((r) => r.article.id)).toEqual([A1]);

    // A version is written once; a wrong language never lands.
    expect(() =>
      repo.saveVersion(
        {
          articleId: A1,
          version: 1,
          title: 'x',
          language: 'ru',
          doc,
          plainText: '',
          links: [],
          savedBy: null,
          savedByName: 'x',
          savedAt: 2,
        },
        2,
      ),
    ).toThrow(/UNIQUE/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO kb_articles (id, parent_id, position, title, language, version, created_at, updated_at, change_seq) VALUES ('x', NULL, 0, 't', 'de', 1, 1, 1, 99)",
        )
        .run(),
    ).toThrow(/CHECK/);
    // Documents belong to an existing article.
    expect(() =>
      repo.addDocument(
        {
          id: 'd1',
          articleId: 'missing',
          name: 'a.pdf',
          mime: 'application/pdf',
          size: 1,
          sha256: 'x',
          data: Buffer.from('x'),
        },
        'lead1',
        3,
      ),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
