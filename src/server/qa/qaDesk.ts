/**
 * Quality scoring on the hub (decision 0042): forms with versions, scores of a thread's agent, each
 * person's own scores and the lead's report. Holds no state; every answer is read from the store.
 */
import type { Agent } from '../../shared/domain.js';
import { OknoError } from '../../shared/errors.js';
import type {
  QaForm,
  QaFormInput,
  QaReport,
  QaReportInput,
  QaScore,
  ScoreInput,
  ThreadScores,
} from '../../shared/qa/qaForm.js';
import { scoreAnswers } from '../../shared/qa/qaScoring.js';
import { uuidv7 } from '../../shared/ids.js';
import type { HubStore } from '../storage/hubStore.js';
import { createHubReach, type HubReach } from '../sync/hubReach.js';
import { dayRange } from '../stats/zonedDay.js';
import { daysOf } from '../../shared/stats/topicStatsWire.js';

const MY_SCORES_LIMIT = 200;

export class QaDesk {
  private readonly reach: HubReach;

  constructor(
    private readonly store: HubStore,
    private readonly now: () => number,
  ) {
    this.reach = createHubReach(store);
  }

  forms(): QaForm[] {
    return this.store.qa.forms();
  }

  createForm(actor: Agent, input: QaFormInput): QaForm {
    const at = this.now();
    const id = uuidv7(at);
    this.store.db.transaction(() => this.store.qa.createForm(id, input.name, input.criteria, actor.id, at))();
    return this.formOrThrow(id);
  }

  /** A form whose current version scores already use gets a new version; the old scores keep theirs. */
  updateForm(actor: Agent, formId: string, input: QaFormInput): QaForm {
    const at = this.now();
    this.store.db.transaction(() => {
      const form = this.formOrThrow(formId);
      const version = this.store.qa.versionUsed(formId, form.version) ? form.version + 1 : form.version;
      this.store.qa.saveVersion(formId, version, input.name, input.criteria, actor.id, at);
    })();
    return this.formOrThrow(formId);
  }

  retire(formId: string, retired: boolean): QaForm {
    this.formOrThrow(formId);
    this.store.qa.setRetired(formId, retired ? this.now() : null);
    return this.formOrThrow(formId);
  }

  threadScores(actor: Agent, threadId: string): ThreadScores {
    this.threadOrThrow(actor, threadId);
    return { agent: this.store.qa.threadAgent(threadId), scores: this.store.qa.ofThread(threadId) };
  }

  score(actor: Agent, threadId: string, input: ScoreInput): QaScore {
    const earlier = this.store.qa.score(input.id);
    if (earlier) {
      // A retried save: the same score again, not a second one.
      if (earlier.scoredBy === actor.id && earlier.threadId === threadId) return earlier;
      throw new OknoError('conflict', `score ${input.id} already exists`);
    }
    this.threadOrThrow(actor, threadId);
    const agent = this.store.qa.threadAgent(threadId);
    if (!agent) {
      throw new OknoError(
        'bad_request',
        'this conversation has no agent to score: nobody took or answered it',
        [{ path: 'threadId', message: 'no agent handled this conversation' }],
        { reasonKey: 'qa.errors.noAgent' },
      );
    }
    if (agent.id === actor.id)
      throw new OknoError('forbidden', 'you cannot score your own work', undefined, { reasonKey: 'qa.errors.ownWork' });
    const form = this.store.qa.form(input.formId);
    if (!form) {
      throw new OknoError('not_found', `scoring form ${input.formId} does not exist`, [
        { path: 'formId', message: 'no such form' },
      ]);
    }
    if (form.retired) {
      throw new OknoError(
        'bad_request',
        `the form "${form.name}" is retired`,
        [{ path: 'formId', message: 'retired' }],
        { reasonKey: 'qa.errors.retired', name: form.name },
      );
    }
    const result = scoreAnswers(form.criteria, input.answers);
    if (!result.ok) {
      throw new OknoError(
        'bad_request',
        `invalid score: ${result.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
        result.problems,
      );
    }
    const at = this.now();
    this.store.db.transaction(() =>
      this.store.qa.insertScore({
        id: input.id,
        threadId,
        agentId: agent.id,
        formId: form.id,
        formVersion: form.version,
        total: result.scored.total,
        criticalFailed: result.scored.criticalFailed,
        comment: input.comment,
        answers: result.scored.answers,
        scoredBy: actor.id,
        scoredAt: at,
      }),
    )();
    const saved = this.store.qa.score(input.id);
    if (!saved) throw new OknoError('internal', `score ${input.id} was not saved`);
    return saved;
  }

  myScores(actor: Agent): QaScore[] {
    return this.store.qa.ofAgent(actor.id, MY_SCORES_LIMIT);
  }

  /** Scores made in the period's whole days in the zone. */
  report(input: QaReportInput): QaReport {
    const { from, to } = dayRange(input.from, daysOf(input.from, input.to), input.timeZone);
    const agents = this.store.qa.agentAverages(from, to);
    const names = this.store.qa.formNames();
    const labels = new Map<string, Map<string, string>>();
    const criteria = this.store.qa.criterionAverages(from, to).map((row) => {
      if (!labels.has(row.formId)) labels.set(row.formId, this.store.qa.criterionLabels(row.formId));
      return {
        ...row,
        formName: names.get(row.formId) ?? '',
        label: labels.get(row.formId)?.get(row.criterionId) ?? row.criterionId,
        average: round(row.average),
      };
    });
    criteria.sort((a, b) => a.formName.localeCompare(b.formName) || a.label.localeCompare(b.label));
    const scores = agents.reduce((n, a) => n + a.scores, 0);
    const sum = agents.reduce((n, a) => n + a.averageTotal * a.scores, 0);
    return {
      from: input.from,
      to: input.to,
      timeZone: input.timeZone,
      scores,
      averageTotal: scores > 0 ? round(sum / scores) : null,
      criticalFailures: agents.reduce((n, a) => n + a.criticalFailures, 0),
      agents: agents.map((a) => ({ ...a, averageTotal: round(a.averageTotal) })),
      criteria,
    };
  }

  private formOrThrow(formId: string): QaForm {
    const form = this.store.qa.form(formId);
    if (!form) throw new OknoError('not_found', `scoring form ${formId} does not exist`);
    return form;
  }

  /** A lead scores the threads they may read (decision 0031's reach: their groups' threads); admins any. */
  private threadOrThrow(actor: Agent, threadId: string): void {
    const thread = this.store.threads.byId(threadId);
    if (!thread) throw new OknoError('not_found', `thread ${threadId} does not exist`);
    if (!this.reach.canSee(actor, threadId))
      throw new OknoError('forbidden', `thread #${thread.number} is not in your reach`);
  }
}

const round = (n: number): number => Math.round(n * 100) / 100;
