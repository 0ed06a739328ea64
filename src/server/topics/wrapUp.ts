/**
 * Wrap-up (decision 0032): the topics an agent sets on a contact, and the per-group rule that a
 * contact needs one before it closes and before its agent becomes ready again. The hub enforces it:
 * `requireTopicToClose` runs inside thread close, `requireWrapUpBeforeReady` inside the status desk.
 */
import type { Agent, Thread } from '../../shared/domain.js';
import { OknoError } from '../../shared/errors.js';
import { uuidv7 } from '../../shared/ids.js';
import { isPickable, topicLabel, type ThreadTopics } from '../../shared/topics/topicTree.js';
import type { HubStore } from '../storage/hubStore.js';

/** How far back an agent's ended contacts are checked before they become ready: one session. */
export const WRAP_UP_LOOKBACK_MS = 12 * 60 * 60 * 1000;

/**
 * The group a contact belongs to: the group it was queued for (hand-over, escalation, IVR choice), else
 * the group the router gave it from (the last assignment or offer), else the groups of its agent.
 */
export function contactGroupIds(store: HubStore, thread: Thread): string[] {
  const routed = store.routing.threadRouting(thread.id)?.groupId ?? null;
  if (routed) return [routed];
  const events = store.routing.events(thread.id);
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i]!;
    if ((event.kind === 'assigned' || event.kind === 'offered') && typeof event.data.groupId === 'string') {
      return [event.data.groupId];
    }
  }
  const agentId = thread.assigneeId;
  if (!agentId) return [];
  return store.routing
    .groups()
    .filter((g) => g.memberIds.includes(agentId))
    .map((g) => g.id);
}

/** The name of the group that makes this contact's wrap-up mandatory, or null when none does. */
export function wrapUpRequiredBy(store: HubStore, thread: Thread): string | null {
  const required = store.topics.wrapUpRequiredGroupIds();
  if (required.size === 0) return null;
  const groupId = contactGroupIds(store, thread).find((id) => required.has(id));
  if (!groupId) return null;
  return store.routing.groups().find((g) => g.id === groupId)?.name ?? groupId;
}

/** Thrown by thread close: a contact of a wrap-up group closes only with a topic. */
export function requireTopicToClose(store: HubStore, thread: Thread): void {
  const group = wrapUpRequiredBy(store, thread);
  if (group === null || store.topics.ofThread(thread.id).length > 0) return;
  throw new OknoError(
    'conflict',
    `contact #${thread.number} needs a topic before it closes: group "${group}" requires wrap-up`,
    [{ path: 'topicIds', message: `set a topic on contact #${thread.number}` }],
    // The renderer words it (src/renderer/i18n/*/topics.ts `refused.close`).
    { reasonKey: 'topics.refused.close', number: thread.number, group },
  );
}

/** The ended contacts (calls that ended) of the agent that still need a topic, oldest first. */
export function contactsAwaitingWrapUp(store: HubStore, agentId: string, now: number): Thread[] {
  if (store.topics.wrapUpRequiredGroupIds().size === 0) return [];
  return store.topics
    .endedWithoutTopic(agentId, now - WRAP_UP_LOOKBACK_MS)
    .map((id) => store.threads.byId(id))
    .filter((thread): thread is Thread => thread !== null && wrapUpRequiredBy(store, thread) !== null);
}

/** Thrown by the status desk when an agent asks to be ready with a contact still to wrap up. */
export function requireWrapUpBeforeReady(store: HubStore, agent: Agent, now: number): void {
  const waiting = contactsAwaitingWrapUp(store, agent.id, now);
  if (waiting.length === 0) return;
  const numbers = waiting.map((t) => `#${t.number}`).join(', ');
  throw new OknoError(
    'conflict',
    `set a topic on contact ${numbers} before you become ready: ${waiting.length === 1 ? 'its group requires' : 'their groups require'} wrap-up`,
    undefined,
    { reasonKey: 'topics.refused.ready', numbers, threadId: waiting[0]!.id, number: waiting[0]!.number },
  );
}

/** A contact's topics, the routing topic to pre-select, and whether a topic is required. */
export function threadTopics(store: HubStore, thread: Thread): ThreadTopics {
  const topics = new Map(store.topics.all().map((t) => [t.id, t]));
  const routed = store.routing.threadRouting(thread.id)?.topic ?? null;
  return {
    topicIds: store.topics.ofThread(thread.id),
    suggested: routed !== null && isPickable(topics, routed) ? routed : null,
    required: wrapUpRequiredBy(store, thread) !== null,
  };
}

/**
 * Replaces a contact's topics. Unknown topics are refused, and so are retired ones — unless the contact
 * already carried it (history keeps what was set when the topic was current).
 */
export function setThreadTopics(store: HubStore, agent: Agent, thread: Thread, topicIds: string[], now: number) {
  const topics = new Map(store.topics.all().map((t) => [t.id, t]));
  const had = new Set(store.topics.ofThread(thread.id));
  topicIds.forEach((id, index) => {
    const topic = topics.get(id);
    if (!topic) {
      throw new OknoError('bad_request', `topic "${id}" does not exist`, [
        { path: `topicIds.${index}`, message: `topic "${id}" does not exist` },
      ]);
    }
    if (!had.has(id) && !isPickable(topics, id)) {
      const message = `topic "${topic.name.en}" is retired`;
      throw new OknoError('bad_request', message, [{ path: `topicIds.${index}`, message }]);
    }
  });
  const before = [...had].sort().join('\n');
  store.write((tx) => {
    store.topics.setOfThread(thread.id, topicIds, agent.id, tx.now);
    if ([...new Set(topicIds)].sort().join('\n') === before) return;
    // The contact's history says what it was about, in both languages (the renderer picks its own).
    const names = (language: 'en' | 'ru') => topicIds.map((id) => topicLabel(topics, id, language)).join(', ');
    store.routing.addEvent({
      id: uuidv7(tx.now),
      threadId: thread.id,
      kind: 'topics_set',
      text: topicIds.length > 0 ? `${agent.name} set the topics: ${names('en')}` : `${agent.name} cleared the topics`,
      data: { topicIds, names: { en: names('en'), ru: names('ru') }, agentId: agent.id, agentName: agent.name },
      actorId: agent.id,
      createdAt: Math.min(now, tx.now),
    });
  });
  return threadTopics(store, thread);
}

/**
 * Checks topic ids a voice menu or the widget menu points at: each must be in the tree and not retired.
 * Returns one problem per bad id, naming it, with `where` saying which choice holds it.
 */
export function topicRefProblems(
  store: HubStore,
  refs: readonly { topic: string; where: string }[],
): { path: string; message: string }[] {
  const topics = new Map(store.topics.all().map((t) => [t.id, t]));
  const problems: { path: string; message: string }[] = [];
  for (const { topic, where } of refs) {
    const known = topics.get(topic);
    if (!known) problems.push({ path: where, message: `topic "${topic}" is not in the topic tree` });
    else if (!isPickable(topics, topic))
      problems.push({ path: where, message: `topic "${known.name.en}" (${topic}) is retired` });
  }
  return problems;
}
