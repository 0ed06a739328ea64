/**
 * Planned activities on the hub (decision 0036). Planning checks who and what it is for; the clock
 * (`queueDue`, run at start and on every tick of the hub) turns each activity that became due —
 * also those due while the hub was down — into a thread in the queue: given to the agent it was
 * planned for, or routed by the one Router within the group it was planned for. Closing that thread
 * completes the activity; cancel and done close it by hand.
 */
import type { Activity, ActivityTargets, PlanActivityInput } from '../../shared/activities/activity.js';
import { PAST_TOLERANCE_MS, PLAN_AHEAD_MAX_MS } from '../../shared/activities/activity.js';
import type { Agent, Thread } from '../../shared/domain.js';
import { OknoError } from '../../shared/errors.js';
import { uuidv7 } from '../../shared/ids.js';
import type { Logger } from '../../shared/log.js';
import type { ContactCenter } from '../contactCenter/contactCenter.js';
import { oneLine, SUBJECT_MAX } from '../conversation/preview.js';
import type { HubStore } from '../storage/hubStore.js';
import type { Tx } from '../storage/writer.js';
import { createHubReach, type HubReach } from '../sync/hubReach.js';

/** At most this many activities are queued per tick (a backlog after a long outage drains over a few). */
const DUE_BATCH = 100;
const CUSTOMER_LIST_MAX = 100;

export class ActivityDesk {
  private readonly reach: HubReach;

  constructor(
    private readonly store: HubStore,
    private readonly center: ContactCenter,
    private readonly log: Logger,
  ) {
    this.reach = createHubReach(store);
  }

  // ── planning ────────────────────────────────────────────────────────────────────────────

  plan(actor: Agent, input: PlanActivityInput): Activity {
    const { store } = this;
    if (input.id) {
      const earlier = store.activities.byId(input.id);
      if (earlier) {
        if (earlier.createdBy !== actor.id) throw new OknoError('conflict', `activity ${input.id} already exists`);
        return earlier;
      }
    }
    const id = this.center.write((tx) => {
      if (input.dueAt < tx.now - PAST_TOLERANCE_MS)
        throw field('dueAt', `the time ${new Date(input.dueAt).toISOString()} is in the past`);
      if (input.dueAt > tx.now + PLAN_AHEAD_MAX_MS) throw field('dueAt', 'the time is more than a year ahead');
      const origin = input.threadId ? store.threads.byId(input.threadId) : null;
      if (input.threadId) {
        if (!origin)
          throw new OknoError('not_found', `thread ${input.threadId} does not exist`, [
            { path: 'threadId', message: `thread ${input.threadId} does not exist` },
          ]);
        if (!this.reach.canSee(actor, origin.id))
          throw new OknoError('forbidden', `thread #${origin.number} is not in your reach`);
      }
      const customerId = input.customerId ?? origin?.customerId ?? null;
      const customer = customerId ? store.customers.current(customerId) : null;
      if (!customer) throw field('customerId', `customer ${customerId ?? '(none)'} does not exist`, 'not_found');
      if (origin && input.customerId && store.customers.current(origin.customerId)?.id !== customer.id)
        throw field('customerId', `thread #${origin.number} belongs to another customer`);
      let agentId = input.agentId;
      if (agentId) {
        const agent = store.agents.byId(agentId);
        if (!agent || store.agents.account(agentId)?.disabledAt)
          throw field('agentId', `agent ${agentId} does not exist`, 'not_found');
      }
      if (input.groupId && !store.routing.groups().some((g) => g.id === input.groupId))
        throw field('groupId', `group ${input.groupId} does not exist`, 'not_found');
      if (!agentId && !input.groupId) agentId = actor.id;
      const activityId = input.id ?? uuidv7(tx.now);
      store.activities.add({
        id: activityId,
        kind: input.kind,
        dueAt: input.dueAt,
        customerId: customer.id,
        originThreadId: origin?.id ?? null,
        agentId,
        groupId: input.groupId,
        note: input.note,
        createdBy: actor.id,
        createdAt: tx.now,
      });
      if (origin) {
        this.event(
          tx,
          origin.id,
          'activity_planned',
          {
            activityId,
            kind: input.kind,
            dueAt: input.dueAt,
            agentId,
            groupId: input.groupId,
            note: input.note,
          },
          actor.id,
        );
      }
      return activityId;
    });
    // Due now (planned for "now"): it enters the queue at once, not at the next tick.
    this.queueDue();
    return this.get(id);
  }

  cancel(actor: Agent, activityId: string): Activity {
    return this.finish(actor, activityId, 'cancelled');
  }

  done(actor: Agent, activityId: string): Activity {
    return this.finish(actor, activityId, 'done');
  }

  private finish(actor: Agent, activityId: string, state: 'done' | 'cancelled'): Activity {
    const { store } = this;
    this.center.write((tx) => {
      const activity = this.get(activityId);
      if (!this.mayChange(actor, activity))
        throw new OknoError('forbidden', `the ${activity.kind} for ${activity.customerName} is not yours to change`);
      if (activity.state === 'done' || activity.state === 'cancelled')
        throw new OknoError(
          'conflict',
          `the ${activity.kind} for ${activity.customerName} is already ${activity.state}`,
        );
      store.activities.close(activity.id, state, tx.now, actor.id);
      const thread = activity.queuedThreadId ? store.threads.byId(activity.queuedThreadId) : null;
      const kind = state === 'done' ? 'activity_done' : 'activity_cancelled';
      const data = { activityId: activity.id, kind: activity.kind };
      if (thread) this.event(tx, thread.id, kind, data, actor.id);
      if (activity.originThreadId && activity.originThreadId !== thread?.id)
        this.event(tx, activity.originThreadId, kind, data, actor.id);
      if (thread?.status === 'open') {
        if (state === 'done') this.center.close(tx, actor, thread.id);
        else this.closeQuietly(tx, thread);
      }
    });
    return this.get(activityId);
  }

  /** Its creator, the agent it is for, members of its group, whoever holds its thread, and leads. */
  private mayChange(actor: Agent, activity: Activity): boolean {
    if (actor.role !== 'agent') return true;
    if (activity.createdBy === actor.id || activity.agentId === actor.id) return true;
    if (
      activity.groupId &&
      this.store.routing.groups().some((g) => g.id === activity.groupId && g.memberIds.includes(actor.id))
    )
      return true;
    const thread = activity.queuedThreadId ? this.store.threads.byId(activity.queuedThreadId) : null;
    return thread?.assigneeId === actor.id;
  }

  // ── reading ─────────────────────────────────────────────────────────────────────────────

  get(activityId: string): Activity {
    const activity = this.store.activities.byId(activityId);
    if (!activity) throw new OknoError('not_found', `activity ${activityId} does not exist`);
    return activity;
  }

  ofCustomer(customerId: string): Activity[] {
    const customer = this.store.customers.current(customerId);
    if (!customer) throw new OknoError('not_found', `customer ${customerId} does not exist`);
    return this.store.activities.ofCustomer(customer.id, CUSTOMER_LIST_MAX);
  }

  /** Planned from this conversation, or opened as this thread. */
  ofThread(actor: Agent, threadId: string): Activity[] {
    const thread = this.store.threads.byId(threadId);
    if (!thread) throw new OknoError('not_found', `thread ${threadId} does not exist`);
    if (!this.reach.canSee(actor, threadId))
      throw new OknoError('forbidden', `thread #${thread.number} is not in your reach`);
    const queued = this.store.activities.byQueuedThread(threadId);
    const planned = this.store.activities.ofOriginThread(threadId);
    return queued ? [queued, ...planned.filter((a) => a.id !== queued.id)] : planned;
  }

  targets(): ActivityTargets {
    return {
      agents: this.store.agents
        .ids()
        .filter((id) => !this.store.agents.account(id)?.disabledAt)
        .map((id) => this.store.agents.byId(id))
        .filter((a) => a !== null)
        .map((a) => ({ id: a.id, name: a.name }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      groups: this.store.routing.groups().map((g) => ({ id: g.id, name: g.name })),
    };
  }

  /** Activities in the queue now whose threads this agent can see (for the queue rows). */
  queued(actor: Agent): Activity[] {
    return this.store.activities
      .queued()
      .filter((a) => a.queuedThreadId !== null && this.reach.canSee(actor, a.queuedThreadId));
  }

  // ── the clock ───────────────────────────────────────────────────────────────────────────

  /**
   * Puts every planned activity that is due into the queue, and completes queued activities whose
   * thread was closed. Safe to run any time; run at the hub's start and on each tick.
   */
  queueDue(): number {
    const { store } = this;
    let queued = 0;
    this.center.write((tx) => {
      let toRoute = false;
      for (const id of store.activities.dueIds(tx.now, DUE_BATCH)) {
        const activity = store.activities.byId(id);
        if (!activity) continue;
        // Given to its agent needs no routing; only a group's (or a missing agent's) waits for the router.
        if (!this.enqueue(tx, activity)) toRoute = true;
        queued++;
      }
      for (const activity of store.activities.queuedWithClosedThread()) {
        const thread = activity.queuedThreadId ? store.threads.byId(activity.queuedThreadId) : null;
        store.activities.close(
          activity.id,
          'done',
          tx.now,
          thread?.assigneeId ?? activity.agentId ?? activity.createdBy,
        );
      }
      if (toRoute) this.center.drain(tx);
    });
    if (queued > 0) this.log.info('activities queued', { count: queued });
    return queued;
  }

  /**
   * The activity's thread: a phone thread of its customer (the agent calls or meets them; nothing is
   * sent to a channel from it), its subject the note, its SLA clock the time it was due. For an agent
   * it is given to them; for a group it waits in that group's queue for the router. True when given.
   */
  private enqueue(tx: Tx, activity: Activity): boolean {
    const { store } = this;
    const agent = activity.agentId ? store.agents.byId(activity.agentId) : null;
    const forAgent = agent ? agent.id : null;
    const groupId = forAgent ? null : activity.groupId;
    const origin = activity.originThreadId ? store.routing.threadRouting(activity.originThreadId) : null;
    const customer = store.customers.current(activity.customerId);
    const thread: Thread = {
      id: uuidv7(tx.now),
      number: store.threads.nextNumber(),
      channel: 'phone',
      status: 'open',
      customerId: customer?.id ?? activity.customerId,
      assigneeId: forAgent,
      subject: oneLine(activity.note || activity.customerName, SUBJECT_MAX),
      slaDueAt: activity.dueAt,
      lastMessageAt: tx.now,
      lastMessagePreview: '',
      createdAt: tx.now,
      updatedAt: tx.now,
      topic: origin?.topic ?? null,
      groupId,
    };
    // As openCallThread: the thread, its routing row, then the thread again so its change carries the group.
    store.threads.save(tx, thread);
    store.routing.saveThreadRouting({
      threadId: thread.id,
      topic: origin?.topic ?? null,
      language: origin?.language ?? 'ru',
      groupId,
      queuedAt: forAgent ? null : tx.now,
    });
    store.threads.save(tx, thread);
    store.activities.markQueued(activity.id, thread.id, tx.now);
    this.event(
      tx,
      thread.id,
      'activity_due',
      {
        activityId: activity.id,
        kind: activity.kind,
        dueAt: activity.dueAt,
        agentId: forAgent,
        groupId,
        note: activity.note,
        plannedBy: activity.createdBy,
        originThreadId: activity.originThreadId,
      },
      null,
    );
    if (activity.originThreadId && store.threads.byId(activity.originThreadId))
      this.event(
        tx,
        activity.originThreadId,
        'activity_queued',
        {
          activityId: activity.id,
          kind: activity.kind,
          threadId: thread.id,
          number: thread.number,
        },
        null,
      );
    return forAgent !== null;
  }

  /** A cancelled activity's thread leaves the queue without the close rules (nobody worked it). */
  private closeQuietly(tx: Tx, thread: Thread): void {
    const routing = this.store.routing.threadRouting(thread.id);
    if (routing) this.store.routing.saveThreadRouting({ ...routing, queuedAt: null });
    this.store.routing.markOffered(thread.id, null);
    this.store.threads.save(tx, { ...thread, status: 'closed', slaDueAt: null, updatedAt: tx.now });
  }

  private event(tx: Tx, threadId: string, kind: string, data: Record<string, unknown>, actorId: string | null): void {
    this.store.routing.addEvent({
      id: uuidv7(tx.now),
      threadId,
      kind,
      // The renderer words it from kind + data (threadEventText.ts); the text is for logs and old clients.
      text: `${kind.replace(/_/g, ' ')} ${String(data.kind ?? '')}`.trim(),
      data,
      actorId,
      createdAt: tx.now,
    });
  }
}

function field(path: string, message: string, code: 'bad_request' | 'not_found' = 'bad_request'): OknoError {
  return new OknoError(code, message, [{ path, message }]);
}
