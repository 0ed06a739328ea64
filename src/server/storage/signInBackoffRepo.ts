/**
 * Failed sign-ins per subject (`login:<login>` or `address:<ip>`): how many, and when the last one
 * was. Kept in the database so that every instance of a hub, and its next start, count the same
 * guesser (decision 0053); the rules (free tries, the doubling wait) are SignInBackoff's. Each read
 * and each update is one statement, so two instances counting at once lose no failure.
 */
import type { Database } from './database.js';

export interface BackoffCountRow {
  failures: number;
  lastFailureAt: number;
}

export class SignInBackoffRepo {
  private readonly countsStmt;
  private readonly failedOneStmt;
  private readonly failedTwoStmt;
  private readonly forgetStmt;
  private readonly forgetStaleStmt;

  constructor(db: Database) {
    this.countsStmt = db.prepare(
      `SELECT subject, failures, last_failure_at AS lastFailureAt FROM sign_in_backoff
        WHERE subject IN (?, ?) AND last_failure_at > ?`,
    );
    // A count quiet since `staleAt` starts again: the stale row is overwritten, not added to.
    const upsert = (rows: string) =>
      `INSERT INTO sign_in_backoff (subject, failures, last_failure_at) VALUES ${rows}
       ON CONFLICT (subject) DO UPDATE
         SET failures = CASE WHEN sign_in_backoff.last_failure_at <= ? THEN 1 ELSE sign_in_backoff.failures + 1 END,
             last_failure_at = excluded.last_failure_at`;
    this.failedOneStmt = db.prepare(upsert('(?, 1, ?)'));
    this.failedTwoStmt = db.prepare(upsert('(?, 1, ?), (?, 1, ?)'));
    this.forgetStmt = db.prepare('DELETE FROM sign_in_backoff WHERE subject = ?');
    this.forgetStaleStmt = db.prepare('DELETE FROM sign_in_backoff WHERE last_failure_at <= ?');
  }

  /** The counts of one or two subjects whose last failure is after `staleAt`; older ones are as good as gone. */
  counts(subjects: readonly string[], staleAt: number): Map<string, BackoffCountRow> {
    const [first, second = first] = pair(subjects);
    const rows = this.countsStmt.all(first, second, staleAt) as (BackoffCountRow & { subject: string })[];
    return new Map(rows.map(({ subject, failures, lastFailureAt }) => [subject, { failures, lastFailureAt }]));
  }

  /** One more failure of each subject at `at`; a count whose last failure is at or before `staleAt` starts at 1. */
  failed(subjects: readonly string[], at: number, staleAt: number): void {
    const [first, second] = pair(subjects);
    if (second === undefined) this.failedOneStmt.run(first, at, staleAt);
    else this.failedTwoStmt.run(first, at, second, at, staleAt);
  }

  /** Drops a subject's count (a right password clears its login). */
  forget(subject: string): void {
    this.forgetStmt.run(subject);
  }

  /** Drops every count whose last failure is at or before `staleAt`; returns how many. */
  forgetStale(staleAt: number): number {
    return this.forgetStaleStmt.run(staleAt).changes;
  }
}

function pair(subjects: readonly string[]): [string, string | undefined] {
  const [first, second, ...more] = subjects;
  if (first === undefined || more.length > 0) throw new Error(`expected one or two subjects, got ${subjects.length}`);
  // The same subject twice would make the upsert touch one row twice (PostgreSQL refuses that).
  return [first, second === first ? undefined : second];
}
