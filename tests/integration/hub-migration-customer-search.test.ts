/** Hub migration 13 (customer search): customers already there are indexed by name words, phone and email. */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/shared/log.js';
import { migrate, schemaVersion } from '../../src/server/storage/migrate.js';
import { MIGRATIONS } from '../../src/server/storage/migrations/index.js';
import { openSqlite } from '../../src/server/storage/sqlite.js';
import { removeTempDirs, tempDir } from './hub-harness.js';

const log = createLogger('test');
afterAll(() => removeTempDirs());

describe('hub migration 13: customer search', () => {
  it('indexes existing customers; a merged one is left out', () => {
    const db = openSqlite(path.join(tempDir(), 'hub.sqlite'));
    migrate(db, log, MIGRATIONS, 12);
    const insert = db.prepare(
      'INSERT INTO customers (id, name, phone, email, created_at, updated_at, merged_into) VALUES (?, ?, ?, ?, 1, 1, ?)',
    );
    insert.run('c1', 'Ёлкина Алёна', '8 916 123-45-67', 'A@B.ru', null);
    insert.run('c2', 'John Smith', null, null, null);
    insert.run('c3', 'Old Card', '+79160000000', null, 'c1');

    migrate(db, log, MIGRATIONS, 13);
    expect(schemaVersion(db)).toBe(13);
    expect(
      db.prepare('SELECT kind, term, customer_id FROM customer_search_terms ORDER BY customer_id, kind, term').all(),
    ).toEqual([
      { kind: 'email', term: 'a@b.ru', customer_id: 'c1' },
      { kind: 'phone', term: '+79161234567', customer_id: 'c1' },
      { kind: 'word', term: 'alena', customer_id: 'c1' },
      { kind: 'word', term: 'elkina', customer_id: 'c1' },
      { kind: 'word', term: 'ion', customer_id: 'c2' },
      { kind: 'word', term: 'smit', customer_id: 'c2' },
    ]);
    // A typo variant of a word leads back to it.
    expect(db.prepare("SELECT word FROM customer_search_deletes WHERE variant = 'elkna'").all()).toEqual([
      { word: 'elkina' },
    ]);
    db.close();
  });
});
