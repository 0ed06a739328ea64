/**
 * Identification of a thread's customer for that thread (decision 0031). The hub keeps each round's
 * answers, checks the secret ones itself, counts failed rounds per customer across every contact and
 * locks identification for a while after too many, and records every step in the desk audit.
 */
import type { Agent, Customer, Thread } from '../../../shared/domain.js';
import { OknoError } from '../../../shared/errors.js';
import {
  checkedByHub,
  roundOutcome,
  type AnswerInput,
  type IdentificationSettings,
  type IdentificationState,
  type QuestionView,
} from '../../../shared/customers/identification.js';
import type { HubStore } from '../../storage/hubStore.js';
import { checkSpokenAnswer, customerFacts, questionAvailable, questionReference } from './customerFacts.js';
import type { IdentificationRepo, Round } from './identificationRepo.js';

type Outcome = IdentificationState['lastOutcome'];

export class IdentificationService {
  constructor(
    private readonly store: HubStore,
    private readonly repo: IdentificationRepo,
  ) {}

  settings(): IdentificationSettings {
    return this.repo.settings();
  }

  saveSettings(agent: Agent, settings: IdentificationSettings): IdentificationSettings {
    this.store.write((tx) => {
      this.repo.saveSettings(settings, agent.id, tx.now);
      this.store.audit.record(
        {
          agentId: agent.id,
          action: 'identification.settings_changed',
          detail: {
            questions: settings.questions.filter((q) => q.enabled).length,
            required: settings.required,
            maxFailedAttempts: settings.maxFailedAttempts,
            lockMinutes: settings.lockMinutes,
          },
        },
        tx.now,
      );
    });
    return this.repo.settings();
  }

  /** Where identification of the thread's customer stands now. */
  state(threadId: string): IdentificationState {
    const { result } = this.store.write((tx) => {
      const { thread, customer } = this.contact(threadId);
      return this.view(thread, customer, this.currentLock(customer.id, tx.now), tx.now, null);
    });
    return result;
  }

  /** True when the thread's current customer passed identification in this thread. */
  identified(threadId: string): { thread: Thread; customer: Customer } | null {
    const contact = this.contact(threadId);
    return this.repo.round(threadId, contact.customer.id).identifiedAt !== null ? contact : null;
  }

  answer(agent: Agent, threadId: string, input: AnswerInput): IdentificationState {
    const { result } = this.store.write((tx) => {
      const now = tx.now;
      const { thread, customer } = this.contact(threadId);
      const audit = (action: string, detail: Record<string, string | number | boolean | null>) =>
        this.store.audit.record({ agentId: agent.id, action, customerId: customer.id, threadId, detail }, now);
      const settings = this.repo.settings();
      const lock = this.currentLock(customer.id, now);
      const round = this.repo.round(threadId, customer.id);
      if (round.identifiedAt !== null) return this.view(thread, customer, lock, now, null);
      if (lock.lockedUntil !== null) {
        audit('identification.refused', { reason: 'locked', lockedUntil: lock.lockedUntil });
        return this.view(thread, customer, lock, now, 'locked');
      }

      const question = settings.questions.find((q) => q.enabled && q.id === input.questionId);
      if (!question) throw new OknoError('bad_request', `questionId: no enabled question "${input.questionId}"`);
      const facts = customerFacts(this.store, customer.id, customer.name);
      if (!questionAvailable(question, facts))
        throw new OknoError('bad_request', `questionId: the customer has nothing on record for "${question.id}"`);
      if (round.answers[question.id])
        throw new OknoError('conflict', `question "${question.id}" is already answered in this round`);

      let verdict: 'pass' | 'fail';
      if (checkedByHub(question.kind)) {
        if (!('answer' in input))
          throw new OknoError(
            'bad_request',
            `question "${question.id}" is checked by the hub: send what the customer said`,
          );
        verdict = checkSpokenAnswer(this.store, question, customer.id, input.answer);
      } else {
        if (!('verdict' in input))
          throw new OknoError('bad_request', `question "${question.id}" is marked by the agent: send a verdict`);
        verdict = input.verdict;
      }
      audit('identification.attempt', {
        question: question.id,
        kind: question.kind,
        result: verdict,
        checkedBy: checkedByHub(question.kind) ? 'hub' : 'agent',
      });

      const answers = { ...round.answers, [question.id]: verdict };
      const askable = this.askable(settings, facts);
      const results = Object.values(answers);
      const passed = results.filter((r) => r === 'pass').length;
      const failed = results.length - passed;
      let next: Round = { ...round, answers };
      let outcome: Outcome = 'answered';
      switch (roundOutcome(passed, failed, askable, settings.required)) {
        case 'passed':
          next = { ...next, identifiedAt: now, identifiedBy: agent.id };
          this.repo.saveLock(customer.id, { failedAttempts: 0, lockedUntil: null }, now);
          audit('identification.passed', { passed, required: settings.required });
          outcome = 'passed';
          break;
        case 'failed': {
          const failedAttempts = lock.failedAttempts + 1;
          const locks = failedAttempts >= settings.maxFailedAttempts;
          const lockedUntil = locks ? now + settings.lockMinutes * 60_000 : null;
          this.repo.saveLock(customer.id, { failedAttempts, lockedUntil }, now);
          audit('identification.failed', { passed, failed, required: settings.required, failedAttempts });
          if (locks) audit('identification.locked', { failedAttempts, lockedUntil, lockMinutes: settings.lockMinutes });
          // The next answer starts a new round.
          next = { ...next, answers: {} };
          outcome = locks ? 'locked' : 'round_failed';
          break;
        }
        case 'open':
          break;
      }
      this.repo.saveRound(next, now);
      return this.view(thread, customer, this.repo.lock(customer.id), now, outcome);
    });
    return result;
  }

  /** The thread and its customer as it is now (a merged customer's survivor). */
  private contact(threadId: string): { thread: Thread; customer: Customer } {
    const thread = this.store.threads.byId(threadId);
    if (!thread) throw new OknoError('not_found', `thread ${threadId} does not exist`);
    const customer = this.store.customers.current(thread.customerId);
    if (!customer) throw new OknoError('not_found', `the customer of thread #${thread.number} does not exist`);
    return { thread, customer };
  }

  /** The customer's lock; an expired one is cleared (its failed rounds forgiven). */
  private currentLock(customerId: string, now: number) {
    const lock = this.repo.lock(customerId);
    if (lock.lockedUntil !== null && lock.lockedUntil <= now) {
      const cleared = { failedAttempts: 0, lockedUntil: null };
      this.repo.saveLock(customerId, cleared, now);
      return cleared;
    }
    return lock;
  }

  private askable(settings: IdentificationSettings, facts: ReturnType<typeof customerFacts>): number {
    return settings.questions.filter((q) => q.enabled && questionAvailable(q, facts)).length;
  }

  private view(
    thread: Thread,
    customer: Customer,
    lock: { failedAttempts: number; lockedUntil: number | null },
    now: number,
    outcome: Outcome,
  ): IdentificationState {
    const settings = this.repo.settings();
    const facts = customerFacts(this.store, customer.id, customer.name);
    const round = this.repo.round(thread.id, customer.id);
    const questions: QuestionView[] = settings.questions
      .filter((q) => q.enabled)
      .map((q) => ({
        id: q.id,
        kind: q.kind,
        text: q.text,
        check: checkedByHub(q.kind) ? 'hub' : 'agent',
        reference: questionReference(q, facts),
        available: questionAvailable(q, facts),
        result: round.answers[q.id] ?? null,
      }));
    const results = Object.values(round.answers);
    const passed = results.filter((r) => r === 'pass').length;
    const locked = lock.lockedUntil !== null && lock.lockedUntil > now;
    const status =
      round.identifiedAt !== null
        ? 'identified'
        : locked
          ? 'locked'
          : this.askable(settings, facts) < settings.required
            ? 'unavailable'
            : 'open';
    return {
      threadId: thread.id,
      customerId: customer.id,
      status,
      required: settings.required,
      passed,
      failed: results.length - passed,
      questions,
      failedAttempts: lock.failedAttempts,
      maxFailedAttempts: settings.maxFailedAttempts,
      lockedUntil: locked ? lock.lockedUntil : null,
      identifiedAt: round.identifiedAt,
      lastOutcome: outcome,
    };
  }
}
