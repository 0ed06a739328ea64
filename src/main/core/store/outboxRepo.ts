import { Mutation } from '../../../shared/sync.js';
import type { SqliteDatabase } from './sqlite.js';

/** A mutation waiting for the hub, or one the hub refused (kept with its error, never dropped). */
export interface OutboxEntry {
  id: string;
  position: number;
  /** null when the stored payload no longer parses (it is failed, not pushed). */
  mutation: Mutation | null;
  attempts: number;
  state: 'pending' | 'failed';
  lastError: string | null;
}

interface OutboxRow {
  position: number;
  id: string;
  payload: string;
  attempts: number;
  state: 'pending' | 'failed';
  last_error: string | null;
}

export interface OutboxRepo {
  add(mutation: Mutation, now: number): void;
  /** The oldest pending mutations, in the order they were made. */
  pending(limit: number): OutboxEntry[];
  get(id: string): OutboxEntry | null;
  remove(id: string): void;
  markFailed(id: string, error: string): void;
  recordAttempt(ids: readonly string[], error: string, nextAttemptAt: number): void;
  countPending(): number;
  hasPending(kind: Mutation['kind']): boolean;
  /** Fails every pending row (e.g. another agent signed in); returns how many. */
  failAllPending(error: string): number;
  /** The failed send of this message, if the hub refused it (or it could not be read). */
  failedSendOf(messageId: string): OutboxEntry | null;
}

function parseMutation(payload: string): Mutation | null {
  try {
    const parsed = Mutation.safeParse(JSON.parse(payload));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function toEntry(row: OutboxRow): OutboxEntry {
  return {
    id: row.id,
    position: row.position,
    mutation: parseMutation(row.payload),
    attempts: row.attempts,
    state: row.state,
    lastError: row.last_error,
  };
}

export function createOutboxRepo(db: SqliteDatabase): OutboxRepo {
  const insert = db.prepare(
    'INSERT INTO outbox (id, kind, thread_id, payload, created_at) VALUES (@id, @kind, @threadId, @payload, @createdAt)',
  );
  const pending = db.prepare(
    "SELECT position, id, payload, attempts, state, last_error FROM outbox WHERE state = 'pending' ORDER BY position LIMIT ?",
  );
  const select = db.prepare('SELECT position, id, payload, attempts, state, last_error FROM outbox WHERE id = ?');
  const remove = db.prepare('DELETE FROM outbox WHERE id = ?');
  const fail = db.prepare("UPDATE outbox SET state = 'failed', last_error = ? WHERE id = ?");
  const attempt = db.prepare(
    'UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?',
  );
  const count = db.prepare("SELECT count(*) AS n FROM outbox WHERE state = 'pending'");
  const hasKind = db.prepare("SELECT 1 FROM outbox WHERE state = 'pending' AND kind = ? LIMIT 1");
  const failAll = db.prepare("UPDATE outbox SET state = 'failed', last_error = ? WHERE state = 'pending'");
  const failedSend = db.prepare(
    "SELECT position, id, payload, attempts, state, last_error FROM outbox WHERE state = 'failed' AND kind = 'message.send' AND json_extract(payload, '$.messageId') = ? ORDER BY position DESC LIMIT 1",
  );

  return {
    add(mutation, now) {
      insert.run({
        id: mutation.id,
        kind: mutation.kind,
        threadId: mutation.kind === 'message.send' ? mutation.threadId : null,
        payload: JSON.stringify(mutation),
        createdAt: now,
      });
    },
    pending: (limit) => (pending.all(limit) as OutboxRow[]).map(toEntry),
    get(id) {
      const row = select.get(id) as OutboxRow | undefined;
      return row ? toEntry(row) : null;
    },
    remove: (id) => void remove.run(id),
    markFailed: (id, error) => void fail.run(error, id),
    recordAttempt(ids, error, nextAttemptAt) {
      for (const id of ids) attempt.run(error, nextAttemptAt, id);
    },
    countPending: () => (count.get() as { n: number }).n,
    hasPending: (kind) => hasKind.get(kind) !== undefined,
    failAllPending: (error) => failAll.run(error).changes,
    failedSendOf(messageId) {
      const row = failedSend.get(messageId) as OutboxRow | undefined;
      return row ? toEntry(row) : null;
    },
  };
}
