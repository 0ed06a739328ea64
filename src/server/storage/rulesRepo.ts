/** Auto-reply rules in the lead's order, and which rule already fired in which thread. */
import { AutoReplyRule } from '../../shared/autoReplies/autoReplyRule.js';
import type { Database } from './database.js';

export class RulesRepo {
  private readonly s;

  constructor(db: Database) {
    this.s = {
      all: db.prepare('SELECT rule_json FROM auto_reply_rules ORDER BY position'),
      clear: db.prepare('DELETE FROM auto_reply_rules'),
      insert: db.prepare('INSERT INTO auto_reply_rules (id, position, rule_json, updated_at) VALUES (?, ?, ?, ?)'),
      fired: db.prepare('SELECT rule_id, fired_at FROM auto_reply_fired WHERE thread_id = ?'),
      markFired: db.prepare(
        `INSERT INTO auto_reply_fired (thread_id, rule_id, fired_at) VALUES (?, ?, ?)
         ON CONFLICT (thread_id, rule_id) DO UPDATE SET fired_at = excluded.fired_at`,
      ),
      count: db.prepare('SELECT count(*) AS n FROM auto_reply_rules'),
    };
  }

  all(): AutoReplyRule[] {
    return (this.s.all.all() as { rule_json: string }[]).map((row) => AutoReplyRule.parse(JSON.parse(row.rule_json)));
  }

  /** Replaces the whole rule set (a lead saves the list as one document). Call inside a transaction. */
  replaceAll(rules: readonly AutoReplyRule[], now: number): void {
    this.s.clear.run();
    rules.forEach((rule, position) => this.s.insert.run(rule.id, position, JSON.stringify(rule), now));
  }

  count(): number {
    return (this.s.count.get() as { n: number }).n;
  }

  firedIn(threadId: string): Map<string, number> {
    return new Map(
      (this.s.fired.all(threadId) as { rule_id: string; fired_at: number }[]).map((r) => [r.rule_id, r.fired_at]),
    );
  }

  markFired(threadId: string, ruleId: string, at: number): void {
    this.s.markFired.run(threadId, ruleId, at);
  }
}
