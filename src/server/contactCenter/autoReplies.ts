/**
 * The auto-reply service: evaluates the rules for a thread when something happens to it (a customer
 * writes, it is closed, its agent goes away, the clock ticks), writes the replies in the running
 * transaction and hands them to the gateways only after that transaction commits (flush).
 */
import type { Message, Thread } from '../../shared/domain.js';
import { uuidv7 } from '../../shared/ids.js';
import type { Logger } from '../../shared/log.js';
import { evaluateRules, type RuleEvent } from '../../shared/autoReplies/evaluateRules.js';
import { isOpen, nextOpening, utcOffsetMinutesAt } from '../../shared/queue/businessHours.js';
import { renderForCustomer } from '../../shared/templates/renderTemplate.js';
import { templateValues, type TemplateLanguage } from '../../shared/templates/templateValues.js';
import type { HubStore } from '../storage/hubStore.js';
import type { Tx } from '../storage/writer.js';
import type { RoutingOutlook } from './routingSettings.js';
import { routingOf, type ThreadHistory } from './threadHistory.js';
import type { AfterCommit } from './writeAndFlush.js';

export type Outbound = { thread: Thread; message: Message };
export type Deliver = (thread: Thread, message: Message) => void;

/** What routing asks of the auto-replies inside its transaction. */
export interface RoutingReplies {
  /** Runs the rules for this event after the transaction commits, in a transaction of their own. */
  defer(tx: Tx, threadId: string, event: RuleEvent): void;
  /** Tells a blocked sender the configured reply (once per thread; the caller decides). */
  replyToBlocked(tx: Tx, thread: Thread, language: TemplateLanguage): void;
}

const AUTO_REPLY_AUTHOR = { en: 'Auto-reply', ru: 'Автоответ' } as const;

export class AutoReplies implements RoutingReplies, AfterCommit {
  private readonly pending = new WeakMap<Tx, Outbound[]>();
  /** Rule events of a transaction, run in a transaction of their own after it commits. */
  private readonly deferred = new WeakMap<Tx, { threadId: string; event: RuleEvent }[]>();

  constructor(
    private readonly store: HubStore,
    private readonly deliver: Deliver,
    private readonly routing: RoutingOutlook,
    private readonly history: ThreadHistory,
    private readonly log: Logger,
  ) {}

  /**
   * After a transaction commits: runs its auto-reply rules in a transaction of their own (so the
   * customer's message and the change frame it makes stay as they are) and hands what was written
   * for customers to their gateways.
   */
  flush(tx: Tx): void {
    const events = this.deferred.get(tx) ?? [];
    this.deferred.delete(tx);
    if (events.length > 0) {
      let ruleTx: Tx | null = null;
      this.store.write((written) => {
        ruleTx = written;
        for (const { threadId, event } of events) this.run(written, threadId, event);
      });
      if (ruleTx) this.flush(ruleTx);
    }
    const outbound = this.pending.get(tx) ?? [];
    this.pending.delete(tx);
    for (const { thread, message } of outbound) {
      try {
        this.deliver(thread, message);
      } catch (error) {
        this.log.error('delivering an auto-reply failed', { messageId: message.id, error: String(error) });
      }
    }
  }

  defer(tx: Tx, threadId: string, event: RuleEvent): void {
    const list = this.deferred.get(tx) ?? [];
    list.push({ threadId, event });
    this.deferred.set(tx, list);
  }

  replyToBlocked(tx: Tx, thread: Thread, language: TemplateLanguage): void {
    const text = this.routing.routingConfig().blockedReply[language];
    if (text) this.send(tx, thread, this.reply(tx, thread.id, language, text));
  }

  /** The clock: no-answer and wait rules for every thread with a customer waiting. */
  tick(tx: Tx): void {
    for (const threadId of this.store.routing.waitingThreadIds()) this.run(tx, threadId, { kind: 'tick' });
  }

  /** Evaluates the rules for this event now, in the running transaction. */
  run(tx: Tx, threadId: string, event: RuleEvent): void {
    const thread = this.store.threads.byId(threadId);
    if (!thread) return;
    const rules = this.store.rules.all();
    if (rules.length === 0) return;
    const config = this.routing.routingConfig();
    const routing = routingOf(this.store, thread);
    const fired = this.store.rules.firedIn(thread.id);
    const hours = config.sla.alwaysOpen.includes(thread.channel) ? null : config.sla.businessHours;
    const waitingSince = thread.slaDueAt === null ? null : this.store.routing.waitingSince(thread.id);
    const wait = waitingSince === null ? null : this.routing.estimatedWaitMinutes(thread.id);
    const firings = evaluateRules(
      rules,
      event,
      {
        channel: thread.channel,
        topic: routing.topic,
        language: routing.language,
        waitingSince,
        estimatedWaitMinutes: wait,
        open: isOpen(hours, tx.now),
        fired: new Set(fired.keys()),
        lastFiredAt: fired,
      },
      tx.now,
    );
    if (firings.length === 0) return;
    const customer = this.store.customers.byId(thread.customerId);
    const assignee = thread.assigneeId ? this.store.agents.byId(thread.assigneeId) : null;
    for (const firing of firings) {
      const opening = hours ? nextOpening(hours, tx.now) : null;
      const values = templateValues({
        language: firing.language,
        now: tx.now,
        // The offset at the opening: "we open at 09:00" stays right when DST changes before then.
        utcOffsetMinutes: utcOffsetMinutesAt(hours, opening ?? tx.now),
        customer,
        agent: assignee,
        thread,
        opening,
        waitMinutes: wait,
      });
      const text = renderForCustomer(firing.text, values);
      this.store.rules.markFired(thread.id, firing.rule.id, tx.now);
      if (!text) continue;
      const message = this.reply(tx, thread.id, firing.language, text);
      // The thread's preview keeps the customer's words: an auto-reply is not an answer.
      this.store.messages.insert(tx, message);
      this.history.record(
        tx,
        thread.id,
        'auto_reply',
        `auto-reply "${firing.rule.name}"`,
        { ruleId: firing.rule.id, messageId: message.id },
        null,
      );
      this.queue(tx, thread, message);
    }
  }

  private reply(tx: Tx, threadId: string, language: TemplateLanguage, text: string): Message {
    return {
      id: uuidv7(tx.now),
      threadId,
      direction: 'out',
      author: { kind: 'system', id: null, name: AUTO_REPLY_AUTHOR[language] },
      text,
      status: 'sent',
      createdAt: tx.now,
    };
  }

  private send(tx: Tx, thread: Thread, message: Message): void {
    this.store.messages.insert(tx, message);
    this.queue(tx, thread, message);
  }

  private queue(tx: Tx, thread: Thread, message: Message): void {
    const list = this.pending.get(tx) ?? [];
    list.push({ thread, message });
    this.pending.set(tx, list);
  }
}
