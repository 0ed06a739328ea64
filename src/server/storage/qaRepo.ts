/** Scoring forms (with their versions), scores and the report's averages (decision 0042). */
import { Criterion, type QaForm, type QaScore, type ScoredAnswer } from '../../shared/qa/qaForm.js';
import type { Database } from './database.js';

interface FormRow {
  id: string;
  current_version: number;
  retired_at: number | null;
  updated_at: number;
  name: string;
  criteria_json: string;
  scores: number;
}

interface ScoreRow {
  id: string;
  thread_id: string;
  thread_number: number;
  channel: string;
  agent_id: string;
  agent_name: string | null;
  form_id: string;
  form_version: number;
  form_name: string;
  criteria_json: string;
  total: number;
  critical_failed: number;
  comment: string;
  scored_by: string;
  scored_by_name: string | null;
  scored_at: number;
}

interface AnswerRow {
  score_id: string;
  criterion_id: string;
  value: number;
  normalized: number;
  failed_critical: number;
}

export interface NewScore {
  id: string;
  threadId: string;
  agentId: string;
  formId: string;
  formVersion: number;
  total: number;
  criticalFailed: boolean;
  comment: string;
  answers: readonly ScoredAnswer[];
  scoredBy: string;
  scoredAt: number;
}

export interface AgentAverage {
  agentId: string;
  agentName: string;
  scores: number;
  averageTotal: number;
  criticalFailures: number;
}

export interface CriterionAverage {
  formId: string;
  criterionId: string;
  answers: number;
  average: number;
  criticalFailures: number;
}

const criteriaOf = (json: string): Criterion[] => Criterion.array().parse(JSON.parse(json));

const FORM_SELECT = `SELECT f.id, f.current_version, f.retired_at, f.updated_at, v.name, v.criteria_json,
    (SELECT COUNT(*) FROM qa_scores s WHERE s.form_id = f.id) AS scores
  FROM qa_forms f JOIN qa_form_versions v ON v.form_id = f.id AND v.version = f.current_version`;

const SCORE_SELECT = `SELECT s.*, t.number AS thread_number, t.channel, a.name AS agent_name, v.name AS form_name,
    v.criteria_json, b.name AS scored_by_name
  FROM qa_scores s
  JOIN threads t ON t.id = s.thread_id
  JOIN qa_form_versions v ON v.form_id = s.form_id AND v.version = s.form_version
  LEFT JOIN agents a ON a.id = s.agent_id
  LEFT JOIN agents b ON b.id = s.scored_by`;

function toForm(row: FormRow): QaForm {
  return {
    id: row.id,
    name: row.name,
    version: row.current_version,
    criteria: criteriaOf(row.criteria_json),
    retired: row.retired_at !== null,
    scores: row.scores,
    updatedAt: row.updated_at,
  };
}

export class QaRepo {
  constructor(private readonly db: Database) {}

  forms(): QaForm[] {
    return (this.db.prepare(`${FORM_SELECT} ORDER BY f.retired_at IS NOT NULL, v.name`).all() as FormRow[]).map(toForm);
  }

  form(id: string): QaForm | null {
    const row = this.db.prepare(`${FORM_SELECT} WHERE f.id = ?`).get(id) as FormRow | undefined;
    return row ? toForm(row) : null;
  }

  /** Whether any score was made with this version (then an edit must make a new one). */
  versionUsed(formId: string, version: number): boolean {
    return !!this.db
      .prepare('SELECT 1 FROM qa_scores WHERE form_id = ? AND form_version = ? LIMIT 1')
      .get(formId, version);
  }

  createForm(id: string, name: string, criteria: readonly Criterion[], by: string, at: number): void {
    this.db
      .prepare(
        'INSERT INTO qa_forms (id, current_version, retired_at, created_by, created_at, updated_at) VALUES (?, 1, NULL, ?, ?, ?)',
      )
      .run(id, by, at, at);
    this.insertVersion(id, 1, name, criteria, by, at);
  }

  /** Replaces the current version's content in place, or adds `version` as the new current one. */
  saveVersion(
    formId: string,
    version: number,
    name: string,
    criteria: readonly Criterion[],
    by: string,
    at: number,
  ): void {
    const current = (
      this.db.prepare('SELECT current_version FROM qa_forms WHERE id = ?').get(formId) as {
        current_version: number;
      }
    ).current_version;
    if (version === current) {
      this.db
        .prepare('UPDATE qa_form_versions SET name = ?, criteria_json = ? WHERE form_id = ? AND version = ?')
        .run(name, JSON.stringify(criteria), formId, version);
    } else this.insertVersion(formId, version, name, criteria, by, at);
    this.db.prepare('UPDATE qa_forms SET current_version = ?, updated_at = ? WHERE id = ?').run(version, at, formId);
  }

  setRetired(formId: string, at: number | null): void {
    this.db
      .prepare('UPDATE qa_forms SET retired_at = ?, updated_at = COALESCE(?, updated_at) WHERE id = ?')
      .run(at, at, formId);
  }

  private insertVersion(
    formId: string,
    version: number,
    name: string,
    criteria: readonly Criterion[],
    by: string,
    at: number,
  ) {
    this.db
      .prepare(
        'INSERT INTO qa_form_versions (form_id, version, name, criteria_json, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(formId, version, name, JSON.stringify(criteria), by, at);
  }

  insertScore(score: NewScore): void {
    this.db
      .prepare(
        `INSERT INTO qa_scores (id, thread_id, agent_id, form_id, form_version, total, critical_failed, comment,
           scored_by, scored_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        score.id,
        score.threadId,
        score.agentId,
        score.formId,
        score.formVersion,
        score.total,
        score.criticalFailed ? 1 : 0,
        score.comment,
        score.scoredBy,
        score.scoredAt,
      );
    const answer = this.db.prepare(
      `INSERT INTO qa_score_answers (score_id, criterion_id, value, normalized, failed_critical, form_id, scored_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const a of score.answers) {
      answer.run(
        score.id,
        a.criterionId,
        a.value,
        a.normalized,
        a.failedCritical ? 1 : 0,
        score.formId,
        score.scoredAt,
      );
    }
  }

  score(id: string): QaScore | null {
    return this.scoresWhere('s.id = ?', [id])[0] ?? null;
  }

  ofThread(threadId: string): QaScore[] {
    return this.scoresWhere('s.thread_id = ?', [threadId]);
  }

  /** An agent's own scores, newest first. */
  ofAgent(agentId: string, limit: number): QaScore[] {
    return this.scoresWhere('s.agent_id = ?', [agentId], limit);
  }

  private scoresWhere(where: string, params: (string | number)[], limit = 500): QaScore[] {
    const rows = this.db
      .prepare(`${SCORE_SELECT} WHERE ${where} ORDER BY s.scored_at DESC, s.id DESC LIMIT ?`)
      .all(...params, limit) as ScoreRow[];
    if (rows.length === 0) return [];
    const answers = this.db
      .prepare(`SELECT * FROM qa_score_answers WHERE score_id IN (${rows.map(() => '?').join(', ')})`)
      .all(...rows.map((r) => r.id)) as AnswerRow[];
    return rows.map((row) =>
      toScore(
        row,
        answers.filter((a) => a.score_id === row.id),
      ),
    );
  }

  /**
   * Whose work a thread is: its assignee now, else the agent who last wrote in it, else the agent its
   * stats contact names (a call answered with no message). Null: nobody handled it.
   */
  threadAgent(threadId: string): { id: string; name: string } | null {
    const row = this.db
      .prepare(
        `SELECT a.id, a.name FROM agents a WHERE a.id = COALESCE(
           (SELECT assignee_id FROM threads WHERE id = ?),
           (SELECT author_id FROM messages WHERE thread_id = ? AND author_kind = 'agent' AND author_id IS NOT NULL
              ORDER BY created_at DESC LIMIT 1),
           (SELECT agent_id FROM stats_contacts WHERE thread_id = ?))`,
      )
      .get(threadId, threadId, threadId) as { id: string; name: string } | undefined;
    return row ?? null;
  }

  /** Per agent over scores made in [from, to). */
  agentAverages(from: number, to: number): AgentAverage[] {
    return this.db
      .prepare(
        `SELECT s.agent_id AS agentId, COALESCE(a.name, s.agent_id) AS agentName, COUNT(*) AS scores,
           AVG(s.total) AS averageTotal, SUM(s.critical_failed) AS criticalFailures
         FROM qa_scores s LEFT JOIN agents a ON a.id = s.agent_id
         WHERE s.scored_at >= ? AND s.scored_at < ?
         GROUP BY s.agent_id, a.name ORDER BY agentName`,
      )
      .all(from, to) as AgentAverage[];
  }

  /** Per form and criterion (followed across versions by its id) over scores made in [from, to); average in 0..100. */
  criterionAverages(from: number, to: number): CriterionAverage[] {
    return this.db
      .prepare(
        `SELECT form_id AS formId, criterion_id AS criterionId, COUNT(*) AS answers,
           AVG(normalized) * 100 AS average, SUM(failed_critical) AS criticalFailures
         FROM qa_score_answers
         WHERE scored_at >= ? AND scored_at < ?
         GROUP BY form_id, criterion_id`,
      )
      .all(from, to) as CriterionAverage[];
  }

  /** Every form's current name (for naming report rows). */
  formNames(): Map<string, string> {
    const rows = this.db
      .prepare(
        'SELECT f.id, v.name FROM qa_forms f JOIN qa_form_versions v ON v.form_id = f.id AND v.version = f.current_version',
      )
      .all() as { id: string; name: string }[];
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** A form's criteria over all its versions, newest label first (for naming report rows). */
  criterionLabels(formId: string): Map<string, string> {
    const rows = this.db
      .prepare('SELECT criteria_json FROM qa_form_versions WHERE form_id = ? ORDER BY version DESC')
      .all(formId) as { criteria_json: string }[];
    const labels = new Map<string, string>();
    for (const row of rows)
      for (const c of criteriaOf(row.criteria_json)) if (!labels.has(c.id)) labels.set(c.id, c.label);
    return labels;
  }
}

function toScore(row: ScoreRow, answers: AnswerRow[]): QaScore {
  const criteria = criteriaOf(row.criteria_json);
  return {
    id: row.id,
    threadId: row.thread_id,
    threadNumber: row.thread_number,
    channel: row.channel,
    agentId: row.agent_id,
    agentName: row.agent_name ?? '',
    formId: row.form_id,
    formName: row.form_name,
    formVersion: row.form_version,
    total: row.total,
    criticalFailed: row.critical_failed === 1,
    comment: row.comment,
    answers: criteria.flatMap((c) => {
      const a = answers.find((x) => x.criterion_id === c.id);
      if (!a) return [];
      const { label, kind, scaleMax, weight, critical } = c;
      const failedCritical = a.failed_critical === 1;
      return [
        {
          criterionId: c.id,
          label,
          kind,
          scaleMax,
          weight,
          critical,
          value: a.value,
          normalized: a.normalized,
          failedCritical,
        },
      ];
    }),
    scoredBy: row.scored_by,
    scoredByName: row.scored_by_name ?? '',
    scoredAt: row.scored_at,
  };
}
