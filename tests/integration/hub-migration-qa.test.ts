/**
 * Hub migration 23 (quality scoring): what was there is kept; a form, its versions and a score with
 * its answers round-trip through QaRepo; the schema refuses a total outside 0..100 and a score that
 * names a form version that does not exist; deleting a thread takes its scores with it.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/shared/log.js';
import { migrate, schemaVersion } from '../../src/server/storage/migrate.js';
import { MIGRATIONS } from '../../src/server/storage/migrations/index.js';
import { openSqlite } from '../../src/server/storage/sqlite.js';
import { QaRepo } from '../../src/server/storage/qaRepo.js';
import { Criterion } from '../../src/shared/qa/qaForm.js';
import { scoreAnswers } from '../../src/shared/qa/qaScoring.js';
import { removeTempDirs, tempDir } from './hub-harness.js';

const log = createLogger('test');
afterAll(() => removeTempDirs());

const C1 = '01900000-0000-7000-8000-000000000001';
const A1 = '01900000-0000-7000-8000-0000000000a1';
const L1 = '01900000-0000-7000-8000-0000000000a2';
const T1 = '01900000-0000-7000-8000-0000000000f1';
const F1 = '01900000-0000-7000-8000-0000000000e1';
const S1 = '01900000-0000-7000-8000-0000000000b1';

describe('hub migration 23: quality scoring', () => {
  it('keeps what was there and stores forms, versions and scores', () => {
    const db = openSqlite(path.join(tempDir(), 'hub.sqlite'));
    migrate(db, log, MIGRATIONS, 22);
    db.prepare(
      `INSERT INTO customers (id, name, phone, email, created_at, updated_at) VALUES (?, 'Ольга', '+79161234567', null, 1, 2)`,
    ).run(C1);
    for (const [id, login, role] of [
      [A1, 'anna', 'agent'],
      [L1, 'lena', 'lead'],
    ]) {
      db.prepare(
        `INSERT INTO agents (id, login, name, role, status, status_since, password_hash, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'offline', 1, 'h', 100, 200)`,
      ).run(id!, login!, login!.toUpperCase(), role!);
    }
    db.prepare(
      `INSERT INTO threads (id, number, channel, status, customer_id, assignee_id, subject, sla_due_at, last_message_at,
         last_message_preview, created_at, updated_at) VALUES (?, 7, 'webchat', 'open', ?, ?, 'card', null, 5, 'hi', 5, 5)`,
    ).run(T1, C1, A1);

    migrate(db, log, MIGRATIONS, 23);
    expect(schemaVersion(db)).toBe(23);
    expect(db.prepare('SELECT number FROM threads WHERE id = ?').get(T1)).toEqual({ number: 7 });

    const repo = new QaRepo(db);
    const criteria = Criterion.array().parse([
      { id: 'greet', label: 'Greeting', kind: 'yes_no', weight: 50 },
      { id: 'tone', label: 'Tone', kind: 'scale', scaleMax: 3, weight: 50, critical: true },
    ]);
    repo.createForm(F1, 'Chats', criteria, L1, 10);
    const scored = scoreAnswers(criteria, [
      { criterionId: 'greet', value: 1 },
      { criterionId: 'tone', value: 2 },
    ]);
    if (!scored.ok) throw new Error('not scored');
    expect(repo.threadAgent(T1)).toEqual({ id: A1, name: 'ANNA' });
    repo.insertScore({
      id: S1,
      threadId: T1,
      agentId: A1,
      formId: F1,
      formVersion: 1,
      ...scored.scored,
      comment: 'ok',
      scoredBy: L1,
      scoredAt: 20,
    });
    expect(repo.versionUsed(F1, 1)).toBe(true);
    repo.saveVersion(F1, 2, 'Chats v2', criteria, L1, 30);
    expect(repo.form(F1)).toMatchObject({ name: 'Chats v2', version: 2, scores: 1 });
    // 50 + 50·(2−1)/2 = 75, still read with version 1's name.
    expect(repo.score(S1)).toMatchObject({ total: 75, formName: 'Chats', formVersion: 1, agentName: 'ANNA' });
    expect(repo.agentAverages(0, 100)).toEqual([
      { agentId: A1, agentName: 'ANNA', scores: 1, averageTotal: 75, criticalFailures: 0 },
    ]);

    const insert = db.prepare(
      `INSERT INTO qa_scores (id, thread_id, agent_id, form_id, form_version, total, critical_failed, comment, scored_by,
         scored_at) VALUES (?, ?, ?, ?, ?, ?, 0, '', ?, 1)`,
    );
    expect(() => insert.run('x1', T1, A1, F1, 1, 101, L1)).toThrow(/CHECK/);
    expect(() => insert.run('x2', T1, A1, F1, 9, 50, L1)).toThrow(/FOREIGN KEY/);

    db.prepare('DELETE FROM threads WHERE id = ?').run(T1);
    expect(db.prepare('SELECT COUNT(*) AS n FROM qa_score_answers').get()).toEqual({ n: 0 });
    db.close();
  });
});
