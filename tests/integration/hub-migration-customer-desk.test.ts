/**
 * Hub migration 12 (customer desk): existing customers become plain customers with no profile; the
 * documents table refuses to hold a card number; documents, code words and the audit round-trip
 * through their repositories under the keyed hash.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/shared/log.js';
import { parseDocument, type ParsedKey } from '../../src/shared/customers/bankKeys.js';
import { migrate, schemaVersion } from '../../src/server/storage/migrate.js';
import { MIGRATIONS } from '../../src/server/storage/migrations/index.js';
import { openSqlite } from '../../src/server/storage/sqlite.js';
import { createKeyedHash } from '../../src/server/customers/keyedHash.js';
import { CustomerDocumentsRepo } from '../../src/server/storage/customerDocumentsRepo.js';
import { CustomerProfilesRepo } from '../../src/server/storage/customerProfilesRepo.js';
import { DeskAuditRepo } from '../../src/server/storage/deskAuditRepo.js';
import { removeTempDirs, tempDir } from './hub-harness.js';

const log = createLogger('test');
afterAll(() => removeTempDirs());

const PAN = '4111111111111111';

function ok(key: ParsedKey): Extract<ParsedKey, { ok: true }> {
  if (!key.ok) throw new Error(key.message);
  return key;
}

describe('hub migration 12: customer desk', () => {
  it('keeps customers, adds an empty profile, and keeps cards only as hash and last four', () => {
    const file = path.join(tempDir(), 'hub.sqlite');
    const db = openSqlite(file);
    migrate(db, log, MIGRATIONS, 11);
    db.prepare(
      "INSERT INTO customers (id, name, phone, email, created_at, updated_at) VALUES ('c1', 'Анна Петрова', '+79161234567', null, 1, 2)",
    ).run();
    db.prepare(
      `INSERT INTO agents (id, login, name, role, status, status_since, password_hash, created_at, updated_at)
       VALUES ('a1', 'anna', 'Anna', 'agent', 'ready', 1, 'h', 100, 200)`,
    ).run();

    migrate(db, log, MIGRATIONS, 12);
    expect(schemaVersion(db)).toBe(12);
    const profiles = new CustomerProfilesRepo(db);
    expect(profiles.get('c1')).toEqual({
      externalId: null,
      kind: 'customer',
      birthDate: null,
      address: null,
      hasCodeWord: false,
    });

    const hash = createKeyedHash(randomBytes(32));
    const documents = new CustomerDocumentsRepo(db, hash);
    documents.put('c1', ok(parseDocument('card', '4111 1111 1111 1111')), 10);
    documents.put('c1', ok(parseDocument('passport', '45 06 123456')), 10);
    documents.put('c1', ok(parseDocument('account', '40817810099910004312')), 10);
    expect(documents.ownerOf('card', PAN)).toBe('c1');
    expect(documents.ownerOf('card', '5555555555554444')).toBeNull();
    expect(documents.of('c1', false)).toEqual([
      { kind: 'account', shown: '40817 **** 4312', revealed: false },
      { kind: 'card', shown: '**** 1111', revealed: false },
      { kind: 'passport', shown: '45 ** ***456', revealed: false },
    ]);
    expect(documents.of('c1', true)).toEqual([
      { kind: 'account', shown: '40817 810 0 9991 0004312', revealed: true },
      { kind: 'card', shown: '**** 1111', revealed: false },
      { kind: 'passport', shown: '45 06 123456', revealed: true },
    ]);
    // The schema itself refuses a card's number.
    expect(() =>
      db
        .prepare(
          "INSERT INTO customer_documents (kind, lookup, customer_id, shown, value, created_at) VALUES ('card', 'x', 'c1', '**** 1111', ?, 1)",
        )
        .run(PAN),
    ).toThrow(/CHECK constraint/);

    profiles.patch('c1', { externalId: 'B-1', birthDate: '1980-02-29' });
    profiles.setCodeWordHash('c1', hash.codeWord('Ёлка'), 11);
    expect(profiles.byExternalId('B-1')).toBe('c1');
    expect(profiles.get('c1')?.hasCodeWord).toBe(true);
    expect(hash.codeWordMatches(' елка ', profiles.codeWordHash('c1') ?? '')).toBe(true);
    expect(hash.codeWordMatches('ель', profiles.codeWordHash('c1') ?? '')).toBe(false);
    expect(() => profiles.patch('c1', { birthDate: '29.02.1980' })).toThrow(/CHECK constraint/);

    const audit = new DeskAuditRepo(db);
    audit.record({ agentId: 'a1', action: 'identification.attempt', customerId: 'c1', detail: { passed: 2 } }, 50);
    audit.record({ agentId: 'a1', action: 'customers.exported', detail: { rows: 1 } }, 60);
    expect(audit.list({ from: 0, to: 100, limit: 10 }).map((row) => row.action)).toEqual([
      'customers.exported',
      'identification.attempt',
    ]);
    expect(audit.list({ from: 0, to: 100, customerId: 'c1', limit: 10 })).toHaveLength(1);
    db.close();

    // The database file never holds the card number, in any spelling.
    const bytes = readBytes(file);
    expect(bytes.includes(PAN)).toBe(false);
    expect(bytes.includes('4111 1111 1111 1111')).toBe(false);
  });
});

function readBytes(file: string): string {
  // WAL content is checkpointed at close; read both in case.
  const parts = [file, `${file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f).toString('latin1'));
  return parts.join('');
}
