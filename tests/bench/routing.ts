/**
 * Routing at contact-center scale: (1) the pure ACD choice with 500 agents, (2) the hub draining
 * 10 000 queued threads onto 500 agents who become ready, on a real SQLite store, (3) re-ordering
 * an app queue view of 100 000 threads after one change.
 */
import { createLogger } from '../../src/shared/log.js';
import { uuidv7 } from '../../src/shared/ids.js';
import type { Agent, Channel, Thread } from '../../src/shared/domain.js';
import { reposition } from '../../src/shared/queue/queueOrder.js';
import { chooseAgent, type Candidate, type Group } from '../../src/shared/routing/chooseAgent.js';
import { compareByDeadline } from '../../src/shared/sla.js';
import { AutoReplies } from '../../src/server/contactCenter/autoReplies.js';
import { loadDefaults } from '../../src/server/contactCenter/defaults.js';
import { RoutingSettings } from '../../src/server/contactCenter/routingSettings.js';
import { TextRouting } from '../../src/server/contactCenter/textRouting.js';
import { ThreadHistory } from '../../src/server/contactCenter/threadHistory.js';
import { openHubStore } from '../../src/server/storage/hubStore.js';

const CHANNELS: Channel[] = ['webchat', 'email', 'telegram', 'vk'];
const TOPICS = ['cards', 'loans', 'access', 'orders', null];

export interface RoutingFigures {
  agents: number;
  threads: number;
  pure: { decisions: number; seconds: number; decisionsPerSecond: number };
  hubDrain: { assigned: number; seconds: number; decisionsPerSecond: number };
  queueView: { threads: number; repositionMicroseconds: number; fullSortMilliseconds: number };
}

function groupsFor(): Group[] {
  const groups: Group[] = [];
  for (const topic of ['cards', 'loans', 'access', 'orders']) {
    for (const language of ['ru', 'en'] as const) {
      groups.push({ id: uuidv7(), name: `${topic}-${language}`, skills: { topics: [topic], languages: [language], channels: [] }, escalationGroupId: null, memberIds: [] });
    }
  }
  groups.push({ id: uuidv7(), name: 'General', skills: { topics: [], languages: [], channels: [] }, escalationGroupId: null, memberIds: [] });
  return groups;
}

export function benchRouting(dataDir: string, agents: number, threads: number, viewSize: number): RoutingFigures {
  const groups = groupsFor();
  // (1) pure choice
  const candidates: Candidate[] = Array.from({ length: agents }, (_, i) => ({
    agentId: uuidv7(),
    name: `A${i}`,
    ready: true,
    groupIds: [groups[i % (groups.length - 1)]!.id, groups.at(-1)!.id],
    capacity: { perChannel: { webchat: 3, email: 5, telegram: 3, vk: 3 }, callPausesText: true },
    load: { webchat: i % 3, email: i % 5 },
    idleSince: i,
  }));
  let started = performance.now();
  for (let i = 0; i < threads; i++) {
    chooseAgent(
      { channel: CHANNELS[i % CHANNELS.length]!, language: i % 2 ? 'ru' : 'en', topic: TOPICS[i % TOPICS.length]!, groupId: null },
      groups,
      candidates,
    );
  }
  let seconds = (performance.now() - started) / 1000;
  const pure = { decisions: threads, seconds, decisionsPerSecond: Math.round(threads / seconds) };

  // (2) the hub drains its queue
  const store = openHubStore(dataDir, Date.now, createLogger('bench'));
  try {
    const settings = new RoutingSettings(store, loadDefaults().routing);
    const history = new ThreadHistory(store, createLogger('bench'));
    const autoReplies = new AutoReplies(store, () => {}, settings, history, createLogger('bench'));
    const routing = new TextRouting(store, settings, autoReplies, history);
    const team: Agent[] = [];
    store.write((tx) => {
      for (let i = 0; i < agents; i++) {
        const agent: Agent = { id: candidates[i]!.agentId, login: `a${i}`, name: `Agent ${i}`, role: 'agent', status: 'not_ready', updatedAt: tx.now };
        store.agents.create(tx, agent, 'x');
        store.routing.setCapacity(agent.id, { perChannel: { webchat: 30, email: 30, telegram: 30, vk: 30 }, callPausesText: true }, tx.now);
        team.push(agent);
      }
      for (const [g, group] of groups.entries()) {
        store.routing.saveGroup({ ...group, memberIds: team.filter((_, i) => i % (groups.length - 1) === g || g === groups.length - 1).map((a) => a.id) }, tx.now);
      }
      const customer = { id: uuidv7(), name: 'C', phone: null, email: null, createdAt: tx.now, updatedAt: tx.now };
      store.customers.save(tx, customer);
      for (let i = 0; i < threads; i++) {
        const thread: Thread = {
          id: uuidv7(),
          number: i + 1,
          channel: CHANNELS[i % CHANNELS.length]!,
          status: 'open',
          customerId: customer.id,
          assigneeId: null,
          subject: 's',
          slaDueAt: tx.now + ((i * 7919) % 100_000),
          lastMessageAt: tx.now,
          lastMessagePreview: 'p',
          createdAt: tx.now,
          updatedAt: tx.now,
        };
        store.threads.save(tx, thread);
        store.routing.saveThreadRouting({ threadId: thread.id, topic: TOPICS[i % TOPICS.length]!, language: i % 2 ? 'ru' : 'en', groupId: null, queuedAt: tx.now });
      }
    });
    started = performance.now();
    store.write((tx) => {
      for (const agent of team) store.agents.update(tx, { ...agent, status: 'ready', updatedAt: tx.now });
      routing.drain(tx);
    });
    seconds = (performance.now() - started) / 1000;
    const assigned = (store.db.prepare('SELECT count(*) AS n FROM threads WHERE assignee_id IS NOT NULL').get() as { n: number }).n;
    const hubDrain = { assigned, seconds, decisionsPerSecond: Math.round(assigned / seconds) };

    // (3) the app's queue view
    const view = Array.from({ length: viewSize }, (_, i) => ({ id: String(i), slaDueAt: (i * 7919) % 1_000_000, lastMessageAt: i }));
    view.sort(compareByDeadline);
    const rounds = 200;
    started = performance.now();
    for (let i = 0; i < rounds; i++) reposition(view, { id: String((i * 31) % viewSize), slaDueAt: (i * 104_729) % 1_000_000, lastMessageAt: i }, compareByDeadline);
    const repositionMicroseconds = ((performance.now() - started) * 1000) / rounds;
    started = performance.now();
    view.slice().sort(compareByDeadline);
    const fullSortMilliseconds = performance.now() - started;
    return { agents, threads, pure, hubDrain, queueView: { threads: viewSize, repositionMicroseconds, fullSortMilliseconds } };
  } finally {
    store.close();
  }
}
