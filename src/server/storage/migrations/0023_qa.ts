import type { Migration } from './migration.js';

/**
 * Quality scoring (issue 16, decision 0042). A form keeps every version of its criteria
 * (`qa_form_versions`): editing a form that scores use makes a new version, so an old score still
 * reads the criteria it was made with. A score names the form version, the thread and the agent whose
 * work it judges; its answers are rows of their own (with the score's form and time) so the report averages per
 * criterion in SQL over one index range.
 */
export const qa: Migration = {
  version: 23,
  name: 'qa',
  up(db) {
    db.exec(`
      CREATE TABLE qa_forms (
        id TEXT PRIMARY KEY,
        current_version INTEGER NOT NULL,
        retired_at INTEGER,
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE qa_form_versions (
        form_id TEXT NOT NULL REFERENCES qa_forms(id) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        name TEXT NOT NULL,
        criteria_json TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (form_id, version)
      ) STRICT;
      CREATE TABLE qa_scores (
        id TEXT PRIMARY KEY,
        thread_id TEXT NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
        agent_id TEXT NOT NULL,
        form_id TEXT NOT NULL,
        form_version INTEGER NOT NULL,
        total REAL NOT NULL CHECK (total >= 0 AND total <= 100),
        critical_failed INTEGER NOT NULL CHECK (critical_failed IN (0, 1)),
        comment TEXT NOT NULL,
        scored_by TEXT NOT NULL,
        scored_at INTEGER NOT NULL,
        FOREIGN KEY (form_id, form_version) REFERENCES qa_form_versions(form_id, version)
      ) STRICT;
      CREATE INDEX qa_scores_by_thread ON qa_scores (thread_id, scored_at);
      CREATE INDEX qa_scores_by_agent ON qa_scores (agent_id, scored_at);
      CREATE INDEX qa_scores_by_form ON qa_scores (form_id, form_version);
      -- Covers the report's per-agent read: a period is one index range, no table lookups.
      CREATE INDEX qa_scores_by_time ON qa_scores (scored_at, agent_id, total, critical_failed);
      CREATE TABLE qa_score_answers (
        score_id TEXT NOT NULL REFERENCES qa_scores(id) ON DELETE CASCADE,
        criterion_id TEXT NOT NULL,
        value INTEGER NOT NULL,
        normalized REAL NOT NULL,
        failed_critical INTEGER NOT NULL CHECK (failed_critical IN (0, 1)),
        -- The score's form and time, copied so the per-criterion read is one covering index range.
        form_id TEXT NOT NULL,
        scored_at INTEGER NOT NULL,
        PRIMARY KEY (score_id, criterion_id)
      ) STRICT;
      CREATE INDEX qa_answers_by_time ON qa_score_answers (scored_at, form_id, criterion_id, normalized, failed_critical);
    `);
  },
};
