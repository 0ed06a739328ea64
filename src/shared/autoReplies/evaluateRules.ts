/**
 * Which auto-replies fire for one event of one thread. Pure: the hub gathers the facts and the
 * time and stores what this returns.
 *
 * Loops are impossible by construction: the only events are a customer's message, the clock, an
 * agent closing a thread and an agent going away. An auto-reply is none of these, so no rule can
 * answer another rule's message; the once-per-thread guard stops a rule repeating itself.
 */
import type { Channel } from '../domain.js';
import type { AutoReplyRule, TriggerKind } from './autoReplyRule.js';

export type RuleEvent =
  | { kind: 'customer_message'; firstInThread: boolean }
  | { kind: 'tick' }
  | { kind: 'thread_closed' }
  | { kind: 'agent_away' };

export interface ThreadFacts {
  channel: Channel;
  topic: string | null;
  language: 'en' | 'ru';
  /** Since when the customer's oldest unanswered message waits; null when nothing waits. */
  waitingSince: number | null;
  /** Estimated minutes until an agent answers, from the live queue; null when unknown. */
  estimatedWaitMinutes: number | null;
  /** Whether the contact center is open now. */
  open: boolean;
  /** Rules that already fired in this thread. */
  fired: ReadonlySet<string>;
  /** When each rule last fired in this thread (for rules without the once guard). */
  lastFiredAt?: ReadonlyMap<string, number>;
}

export interface Firing {
  rule: AutoReplyRule;
  /** The text source in the thread's language (variables not yet filled). */
  text: string;
  language: 'en' | 'ru';
}

/** Which trigger kinds an event can fire. */
const TRIGGERS_OF: Record<RuleEvent['kind'], readonly TriggerKind[]> = {
  customer_message: ['first_message', 'outside_hours', 'wait_above'],
  tick: ['no_answer', 'wait_above'],
  thread_closed: ['thread_closed'],
  agent_away: ['agent_away'],
};

function triggered(rule: AutoReplyRule, event: RuleEvent, facts: ThreadFacts, now: number): boolean {
  const { trigger } = rule;
  if (!TRIGGERS_OF[event.kind].includes(trigger.kind)) return false;
  switch (trigger.kind) {
    case 'first_message':
      return event.kind === 'customer_message' && event.firstInThread;
    case 'outside_hours':
      return !facts.open;
    case 'no_answer':
      return facts.open && facts.waitingSince !== null && now - facts.waitingSince >= trigger.seconds * 1000;
    case 'wait_above':
      // Only while the center is open: closed hours have their own message.
      return facts.open && facts.waitingSince !== null && (facts.estimatedWaitMinutes ?? 0) > trigger.minutes;
    case 'thread_closed':
    case 'agent_away':
      return true;
  }
}

function textFor(rule: AutoReplyRule, language: 'en' | 'ru'): { text: string; language: 'en' | 'ru' } | null {
  const own = rule.texts[language];
  if (own) return { text: own, language };
  for (const other of ['en', 'ru'] as const) {
    const text = rule.texts[other];
    if (text) return { text, language: other };
  }
  return null;
}

export function evaluateRules(
  rules: readonly AutoReplyRule[],
  event: RuleEvent,
  facts: ThreadFacts,
  now: number,
): Firing[] {
  const out: Firing[] = [];
  for (const rule of rules) {
    if (!rule.enabled) continue;
    if (rule.channels.length > 0 && !rule.channels.includes(facts.channel)) continue;
    if (rule.topics.length > 0 && (facts.topic === null || !rule.topics.includes(facts.topic))) continue;
    if (rule.oncePerThread && facts.fired.has(rule.id)) continue;
    if (!rule.oncePerThread && rule.trigger.kind === 'no_answer') {
      // Repeating reminders still wait a whole period after the last one.
      const last = facts.lastFiredAt?.get(rule.id);
      if (last !== undefined && now - last < rule.trigger.seconds * 1000) continue;
    }
    if (!triggered(rule, event, facts, now)) continue;
    const text = textFor(rule, facts.language);
    if (text) out.push({ rule, ...text });
  }
  // A greeting and an out-of-hours notice in one breath read badly: closed hours say it all.
  if (out.some((f) => f.rule.trigger.kind === 'outside_hours')) {
    return out.filter((f) => f.rule.trigger.kind !== 'first_message' && f.rule.trigger.kind !== 'wait_above');
  }
  // Whatever order the rules are listed in, the customer is greeted before being told about the wait.
  return out
    .map((firing, index) => ({ firing, index }))
    .sort((a, b) => speaksFirst(a.firing) - speaksFirst(b.firing) || a.index - b.index)
    .map(({ firing }) => firing);
}

function speaksFirst(firing: Firing): number {
  return firing.rule.trigger.kind === 'first_message' ? 0 : 1;
}
