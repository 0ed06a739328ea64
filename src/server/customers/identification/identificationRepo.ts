/**
 * The SQL of identification (migration 0014): the leads' settings, each contact's round and when it
 * passed, and each customer's failed rounds and lock. Call the writes inside store.write.
 */
import {
  DEFAULT_IDENTIFICATION_SETTINGS,
  IdentificationSettings,
  QuestionResult,
} from '../../../shared/customers/identification.js';
import type { Logger } from '../../../shared/log.js';
import type { Database } from '../../storage/database.js';
import { z } from 'zod';

export interface Round {
  threadId: string;
  customerId: string;
  /** questionId → result, for the round under way (empty once identified or failed). */
  answers: Record<string, QuestionResult>;
  identifiedAt: number | null;
  identifiedBy: string | null;
}

export interface CustomerLock {
  failedAttempts: number;
  lockedUntil: number | null;
}

const Answers = z.record(z.string(), QuestionResult);

interface RoundRow {
  answers: string;
  identified_at: number | null;
  identified_by: string | null;
}

export class IdentificationRepo {
  private readonly settingsStmt;
  private readonly saveSettingsStmt;
  private readonly roundStmt;
  private readonly saveRoundStmt;
  private readonly lockStmt;
  private readonly saveLockStmt;

  constructor(
    db: Database,
    private readonly log: Logger,
  ) {
    this.settingsStmt = db.prepare('SELECT settings FROM identification_settings WHERE id = 1');
    this.saveSettingsStmt = db.prepare(
      `INSERT INTO identification_settings (id, settings, updated_at, updated_by) VALUES (1, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at,
         updated_by = excluded.updated_by`,
    );
    this.roundStmt = db.prepare(
      'SELECT answers, identified_at, identified_by FROM identification_rounds WHERE thread_id = ? AND customer_id = ?',
    );
    this.saveRoundStmt = db.prepare(
      `INSERT INTO identification_rounds (thread_id, customer_id, answers, started_at, updated_at, identified_at, identified_by)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (thread_id, customer_id) DO UPDATE SET answers = excluded.answers, updated_at = excluded.updated_at,
         identified_at = excluded.identified_at, identified_by = excluded.identified_by`,
    );
    this.lockStmt = db.prepare(
      'SELECT failed_attempts AS failedAttempts, locked_until AS lockedUntil FROM identification_locks WHERE customer_id = ?',
    );
    this.saveLockStmt = db.prepare(
      `INSERT INTO identification_locks (customer_id, failed_attempts, locked_until, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (customer_id) DO UPDATE SET failed_attempts = excluded.failed_attempts,
         locked_until = excluded.locked_until, updated_at = excluded.updated_at`,
    );
  }

  /** The leads' settings, or the defaults until they save some (or if what is stored no longer reads). */
  settings(): IdentificationSettings {
    const row = this.settingsStmt.get() as { settings: string } | undefined;
    if (!row) return DEFAULT_IDENTIFICATION_SETTINGS;
    const parsed = IdentificationSettings.safeParse(JSON.parse(row.settings));
    if (parsed.success) return parsed.data;
    this.log.error('stored identification settings do not read; using the defaults', {
      issue: parsed.error.issues[0]?.message ?? '',
    });
    return DEFAULT_IDENTIFICATION_SETTINGS;
  }

  saveSettings(settings: IdentificationSettings, agentId: string, now: number): void {
    this.saveSettingsStmt.run(JSON.stringify(settings), now, agentId);
  }

  round(threadId: string, customerId: string): Round {
    const row = this.roundStmt.get(threadId, customerId) as RoundRow | undefined;
    const answers = Answers.safeParse(row ? JSON.parse(row.answers) : {});
    return {
      threadId,
      customerId,
      answers: answers.success ? answers.data : {},
      identifiedAt: row?.identified_at ?? null,
      identifiedBy: row?.identified_by ?? null,
    };
  }

  saveRound(round: Round, now: number): void {
    this.saveRoundStmt.run(
      round.threadId,
      round.customerId,
      JSON.stringify(round.answers),
      now,
      now,
      round.identifiedAt,
      round.identifiedBy,
    );
  }

  lock(customerId: string): CustomerLock {
    return (this.lockStmt.get(customerId) as CustomerLock | undefined) ?? { failedAttempts: 0, lockedUntil: null };
  }

  saveLock(customerId: string, lock: CustomerLock, now: number): void {
    this.saveLockStmt.run(customerId, lock.failedAttempts, lock.lockedUntil, now);
  }
}
