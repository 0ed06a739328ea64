/**
 * Text routing (ACD): after each inbound message, take, hand-over, escalation, close or status
 * change it puts threads in the queue or gives them to an agent through the one Router, keeps SLA
 * deadlines in business hours, re-offers text offers not taken in time, and writes each step to the
 * thread's history. Threads the call queue holds are left to it. Everything happens inside the
 * caller's write transaction; the auto-replies it asks for run after that transaction commits.
 */
import type { Agent, AgentStatus, Message, Thread } from '../../shared/domain.js';
import { OknoError } from '../../shared/errors.js';
import { deadlineFor } from '../../shared/queue/slaPolicy.js';
import type { Work } from '../../shared/routing/chooseAgent.js';
import { detectionList, detectTopic } from '../../shared/routing/detectTopic.js';
import { pathToRoot } from '../../shared/topics/topicTree.js';
import { detectLanguage } from '../../shared/templates/template.js';
import type { HubStore } from '../storage/hubStore.js';
import type { ThreadRouting } from '../storage/routingRepo.js';
import type { Tx } from '../storage/writer.js';
import type { RoutingReplies } from './autoReplies.js';
import type { RoutingConfig } from '../../shared/routing/routingConfig.js';
import type { RoutingOutlook } from './routingSettings.js';
import type { StatusFollowUp } from './statusDesk.js';
import { routingOf, type ThreadHistory } from './threadHistory.js';
import { Router, type Team } from './router.js';
import { activeBlockOf } from './blockedSenders.js';
import { setMissedOffer } from './missedOffer.js';
import { requireTopicToClose } from '../topics/wrapUp.js';

/** What the call queue does beside text routing: it offers its own threads (live calls, callbacks). */
export interface QueuedCalls {
  /** The call queue routes this thread itself; text routing leaves it alone. */
  holds(threadId: string): boolean;
  /** Agents may have become free: offer waiting calls (after the running transaction commits). */
  wake(): void;
}

export const NO_CALLS: QueuedCalls = { holds: () => false, wake: () => {} };

export class TextRouting implements StatusFollowUp {
  constructor(
    private readonly store: HubStore,
    private readonly settings: RoutingOutlook,
    private readonly replies: RoutingReplies,
    private readonly history: ThreadHistory,
    private readonly router: Router = new Router(store),
    private readonly calls: QueuedCalls = NO_CALLS,
  ) {}

  private get config(): RoutingConfig {
    return this.settings.routingConfig();
  }

  // ── events ────────────────────────────────────────────────────────────────────────────────

  customerMessage(tx: Tx, thread: Thread, message: Message, facts: { opened: boolean; startedWaiting: boolean }): void {
    if (this.refuseBlocked(tx, thread, message)) return;
    let routing = this.store.routing.threadRouting(thread.id);
    const created = !routing;
    if (!routing) {
      routing = {
        threadId: thread.id,
        topic: detectTopic(message.text, detectionList(this.store.topics.all(), this.config.topics)),
        language: detectLanguage(message.text),
        groupId: null,
        queuedAt: thread.assigneeId ? null : tx.now,
      };
      this.store.routing.saveThreadRouting(routing);
    }
    let current = thread;
    let saved = false;
    if (facts.startedWaiting) {
      const topicPath = this.topicPath(routing.topic);
      const due = deadlineFor(this.config.sla, { channel: thread.channel, topic: routing.topic, topicPath }, tx.now);
      if (due !== current.slaDueAt) {
        current = { ...current, slaDueAt: due };
        this.store.threads.save(tx, current);
        saved = true;
      }
    }
    // A new thread's change must carry the topic just detected (the queue views filter on it).
    if (!saved && created && routing.topic !== null) this.store.threads.save(tx, current);
    if (!current.assigneeId) this.route(tx, current.id, 'new');
    this.replies.defer(tx, current.id, { kind: 'customer_message', firstInThread: facts.opened });
  }

  /**
   * A blocked sender's message: the thread is closed instead of queued, the configured reply goes
   * out once, and the block is in the thread's history.
   */
  private refuseBlocked(tx: Tx, thread: Thread, message: Message): boolean {
    const block = activeBlockOf(this.store, thread.customerId, tx.now);
    if (!block) return false;
    const told = this.store.routing.events(thread.id).some((e) => e.kind === 'blocked');
    this.store.threads.save(tx, { ...thread, status: 'closed', assigneeId: null, slaDueAt: null, updatedAt: tx.now });
    const routing = this.store.routing.threadRouting(thread.id);
    if (routing) this.store.routing.saveThreadRouting({ ...routing, queuedAt: null });
    this.event(tx, thread.id, 'blocked', `blocked: ${block.reason}`, { blockId: block.id, reason: block.reason }, null);
    if (told) return true;
    this.replies.replyToBlocked(tx, thread, routing?.language ?? detectLanguage(message.text));
    return true;
  }

  take(tx: Tx, agent: Agent, threadId: string): Thread {
    const thread = this.openThread(threadId);
    if (thread.assigneeId === agent.id) {
      // Opening or taking a thread offered to you accepts the offer.
      this.store.routing.markOffered(thread.id, null);
      return thread;
    }
    if (thread.assigneeId && agent.role === 'agent') {
      throw new OknoError(
        'conflict',
        `thread #${thread.number} is already assigned; ask a lead or its agent to hand it over`,
      );
    }
    const taken = this.assign(tx, thread, agent.id);
    this.event(
      tx,
      thread.id,
      'taken',
      `taken by ${agent.name}`,
      { agentId: agent.id, agentName: agent.name },
      agent.id,
    );
    return taken;
  }

  handOver(tx: Tx, actor: Agent, threadId: string, to: { agentId?: string; groupId?: string; note: string }): Thread {
    const thread = this.openThread(threadId);
    if (actor.role === 'agent' && thread.assigneeId !== actor.id) {
      throw new OknoError('forbidden', `thread #${thread.number} is not yours to hand over`);
    }
    if (to.agentId) {
      const target = this.store.agents.byId(to.agentId);
      if (!target) throw new OknoError('not_found', `agent ${to.agentId} does not exist`);
      const handed = this.assign(tx, thread, target.id);
      this.event(
        tx,
        thread.id,
        'handed_over',
        `handed over by ${actor.name} to ${target.name}: ${to.note}`,
        { ...to, actorName: actor.name, targetName: target.name },
        actor.id,
      );
      return handed;
    }
    const group = this.store.routing.groups().find((g) => g.id === to.groupId);
    if (!group) throw new OknoError('not_found', `group ${to.groupId ?? ''} does not exist`);
    this.event(
      tx,
      thread.id,
      'handed_over',
      `handed over by ${actor.name} to group ${group.name}: ${to.note}`,
      { ...to, actorName: actor.name, groupName: group.name },
      actor.id,
    );
    return this.toGroup(tx, thread, group.id);
  }

  escalate(tx: Tx, actor: Agent, threadId: string, note: string): Thread {
    const thread = this.openThread(threadId);
    const routing = this.routingOf(thread);
    const groups = this.store.routing.groups();
    const from =
      groups.find((g) => g.id === routing.groupId) ??
      groups.find((g) => thread.assigneeId !== null && g.memberIds.includes(thread.assigneeId) && g.escalationGroupId);
    const target = groups.find((g) => g.id === from?.escalationGroupId);
    if (!from || !target)
      throw new OknoError('conflict', `thread #${thread.number} has no second-line group to escalate to`);
    this.event(
      tx,
      thread.id,
      'escalated',
      `escalated by ${actor.name} from ${from.name} to ${target.name}: ${note}`,
      { note, actorName: actor.name, fromGroup: from.name, toGroup: target.name },
      actor.id,
    );
    return this.toGroup(tx, thread, target.id);
  }

  close(tx: Tx, actor: Agent, threadId: string): Thread {
    const thread = this.openThread(threadId);
    // A group that requires wrap-up: no topic, no close (decision 0032).
    requireTopicToClose(this.store, thread);
    const closed: Thread = { ...thread, status: 'closed', slaDueAt: null, updatedAt: tx.now };
    this.store.threads.save(tx, closed);
    this.store.routing.saveThreadRouting({ ...this.routingOf(thread), queuedAt: null });
    this.event(tx, thread.id, 'closed', `closed by ${actor.name}`, { actorName: actor.name }, actor.id);
    this.replies.defer(tx, thread.id, { kind: 'thread_closed' });
    if (thread.assigneeId) this.drain(tx);
    return closed;
  }

  /** The clock: offers not taken in time, and calls whose offer could not be sent (the PBX was away). */
  tick(tx: Tx): void {
    this.reofferExpired(tx);
    this.calls.wake();
  }

  /**
   * Text offers not taken (opened, taken or answered) in time go to the next ready agent; the agent
   * who let one go is set not ready (missed offer) and the thread's history says so.
   */
  private reofferExpired(tx: Tx): void {
    const seconds = this.config.offerSeconds.text;
    if (seconds <= 0) return;
    const due = this.store.routing.offersDue(tx.now - seconds * 1000);
    for (const { threadId, agentId } of due) {
      const thread = this.store.threads.byId(threadId);
      this.store.routing.markOffered(threadId, null);
      if (!thread || thread.assigneeId !== agentId) continue;
      this.store.threads.save(tx, { ...thread, assigneeId: null, updatedAt: tx.now });
      this.store.routing.saveThreadRouting({ ...this.routingOf(thread), queuedAt: tx.now });
      const agent = setMissedOffer(tx, this.store, agentId);
      this.event(
        tx,
        threadId,
        'offer_missed',
        `not taken in ${seconds} s by ${agent?.name ?? agentId}`,
        { agentId, agentName: agent?.name ?? null, seconds },
        agentId,
      );
    }
    for (const { threadId } of due) this.route(tx, threadId, 'requeue');
  }

  // ── routing ──────────────────────────────────────────────────────────────────────────────

  /** Tries to give every queued thread to an agent, most urgent first. */
  drain(tx: Tx): void {
    this.calls.wake();
    // One snapshot of the team for the whole pass, updated as threads are given out.
    const team = this.router.team();
    if (team.candidates.length === 0) return;
    for (const threadId of this.store.routing.queuedThreadIds()) this.route(tx, threadId, 'drain', team);
  }

  private route(tx: Tx, threadId: string, why: 'new' | 'drain' | 'requeue', team: Team = this.router.team()): void {
    const thread = this.store.threads.byId(threadId);
    if (!thread || thread.status !== 'open' || thread.assigneeId) return;
    if (this.calls.holds(thread.id)) {
      this.calls.wake();
      return;
    }
    const routing = this.routingOf(thread);
    const work: Work = {
      channel: thread.channel,
      language: routing.language,
      topic: routing.topic,
      groupId: routing.groupId,
    };
    const decision = this.router.choose(work, team);
    if (decision.agentId === null) {
      if (why !== 'drain') {
        const reason = {
          no_group: 'no group has these skills',
          no_ready_agent: 'no agent is ready',
          all_at_capacity: 'every ready agent is at capacity',
        }[decision.reason];
        this.event(tx, thread.id, 'queued', `queued: ${reason}`, { reason: decision.reason }, null);
      }
      return;
    }
    // The team snapshot has the name: no second read of the agent per decision.
    const agent = team.candidates.find((c) => c.agentId === decision.agentId);
    // Given by the router, not taken: an offer until the agent opens, takes or answers it.
    this.assign(tx, thread, decision.agentId, {
      routing,
      offeredAt: this.config.offerSeconds.text > 0 ? tx.now : null,
    });
    Router.given(team, decision.agentId, thread.channel, tx.now);
    const { skill, load, capacity } = decision.reason;
    this.event(
      tx,
      thread.id,
      'assigned',
      `assigned to ${agent?.name ?? decision.agentId}: skill ${skill}, load ${load}/${capacity}`,
      { agentId: decision.agentId, agentName: agent?.name ?? null, groupId: decision.groupId, skill, load, capacity },
      null,
    );
  }

  /** `offeredAt`: when the router gave it (an offer); null when an agent took it or it was handed over. */
  private assign(
    tx: Tx,
    thread: Thread,
    agentId: string,
    given: { routing?: ThreadRouting; offeredAt: number | null } = { offeredAt: null },
  ): Thread {
    const assigned: Thread = { ...thread, assigneeId: agentId, updatedAt: tx.now };
    this.store.routing.markOffered(thread.id, given.offeredAt);
    this.store.threads.save(tx, assigned);
    this.store.routing.saveThreadRouting({ ...(given.routing ?? this.routingOf(thread)), queuedAt: null });
    this.store.routing.setIdleSince(agentId, tx.now);
    return assigned;
  }

  private toGroup(tx: Tx, thread: Thread, groupId: string): Thread {
    const queued: Thread = { ...thread, assigneeId: null, updatedAt: tx.now };
    // Routing first: the thread's change carries its group to the apps.
    this.store.routing.saveThreadRouting({ ...this.routingOf(thread), groupId, queuedAt: tx.now });
    this.store.threads.save(tx, queued);
    this.route(tx, thread.id, 'requeue');
    return this.store.threads.byId(thread.id) ?? queued;
  }

  /** The agent went away or offline: their open threads go back to the queue. */
  requeueAgent(tx: Tx, agent: Agent, status: AgentStatus): void {
    const threadIds = this.store.routing.openThreadIdsOf(agent.id);
    const label = status === 'offline' ? 'went offline' : 'went away';
    for (const threadId of threadIds) {
      const thread = this.store.threads.byId(threadId);
      if (!thread) continue;
      this.store.threads.save(tx, { ...thread, assigneeId: null, updatedAt: tx.now });
      this.store.routing.saveThreadRouting({ ...this.routingOf(thread), queuedAt: tx.now });
      this.event(
        tx,
        threadId,
        'requeued',
        `returned to the queue: ${agent.name} ${label}`,
        { agentId: agent.id, agentName: agent.name, status },
        null,
      );
      this.replies.defer(tx, threadId, { kind: 'agent_away' });
    }
    for (const threadId of threadIds) this.route(tx, threadId, 'requeue');
  }

  // ── helpers ──────────────────────────────────────────────────────────────────────────────

  private openThread(threadId: string): Thread {
    const thread = this.store.threads.byId(threadId);
    if (!thread) throw new OknoError('not_found', `thread ${threadId} does not exist`);
    if (thread.status !== 'open') throw new OknoError('conflict', `thread #${thread.number} is closed`);
    return thread;
  }

  /** The topic and its ancestors in the tree (SLA rules for a topic cover its subtopics). */
  private topicPath(topic: string | null): string[] {
    if (topic === null) return [];
    return pathToRoot(new Map(this.store.topics.all().map((t) => [t.id, t])), topic);
  }

  private routingOf(thread: Thread): ThreadRouting {
    return routingOf(this.store, thread);
  }

  private event(tx: Tx, threadId: string, kind: string, text: string, data: object, actorId: string | null): void {
    this.history.record(tx, threadId, kind, text, data, actorId);
  }
}
