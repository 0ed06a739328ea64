/**
 * The contact center as the HTTP API, the gateways and the sync push see it: one face over its
 * parts — text routing, the status desk, the auto-replies, the routing settings — each passed in
 * by the composition root (hub.ts). It adds no behaviour of its own beyond the clock, which calls
 * each part in turn inside one transaction.
 */
import type { Agent, Message, Thread } from '../../shared/domain.js';
import type { StatusRequest } from '../../shared/agentStatus/statusMachine.js';
import type { Tx } from '../storage/writer.js';
import type { AutoReplies } from './autoReplies.js';
import type { RoutingConfig } from '../../shared/routing/routingConfig.js';
import type { RoutingSettings } from './routingSettings.js';
import type { StatusDesk } from './statusDesk.js';
import type { TextRouting } from './textRouting.js';
import type { Writes } from './writeAndFlush.js';

export type { QueuedCalls } from './textRouting.js';

export interface ContactCenterParts {
  settings: RoutingSettings;
  /** The unit of work: a transaction, then the auto-replies and deliveries after commit. */
  writes: Writes;
  autoReplies: AutoReplies;
  routing: TextRouting;
  statuses: StatusDesk;
}

export class ContactCenter {
  constructor(private readonly parts: ContactCenterParts) {}

  // ── settings ────────────────────────────────────────────────────────────────────────────────

  routingConfig(): RoutingConfig {
    return this.parts.settings.routingConfig();
  }

  setRoutingConfig(config: RoutingConfig): void {
    this.parts.settings.setRoutingConfig(config);
  }

  /** Minutes until an agent answers this queued thread; null when it is assigned or nobody is ready. */
  estimatedWaitMinutes(threadId: string): number | null {
    return this.parts.settings.estimatedWaitMinutes(threadId);
  }

  // ── transactions ────────────────────────────────────────────────────────────────────────────

  /** Runs `work` in a write transaction and delivers what it queued once committed. */
  write<T>(work: (tx: Tx) => T): T {
    return this.parts.writes.write(work);
  }

  /** After a transaction the caller ran itself commits: auto-replies and their delivery. */
  flush(tx: Tx): void {
    this.parts.autoReplies.flush(tx);
  }

  // ── routing ─────────────────────────────────────────────────────────────────────────────────

  customerMessage(tx: Tx, thread: Thread, message: Message, facts: { opened: boolean; startedWaiting: boolean }): void {
    this.parts.routing.customerMessage(tx, thread, message, facts);
  }

  take(tx: Tx, agent: Agent, threadId: string): Thread {
    return this.parts.routing.take(tx, agent, threadId);
  }

  handOver(tx: Tx, actor: Agent, threadId: string, to: { agentId?: string; groupId?: string; note: string }): Thread {
    return this.parts.routing.handOver(tx, actor, threadId, to);
  }

  escalate(tx: Tx, actor: Agent, threadId: string, note: string): Thread {
    return this.parts.routing.escalate(tx, actor, threadId, note);
  }

  close(tx: Tx, actor: Agent, threadId: string): Thread {
    return this.parts.routing.close(tx, actor, threadId);
  }

  /** Tries to give every queued thread to an agent, most urgent first. */
  drain(tx: Tx): void {
    this.parts.routing.drain(tx);
  }

  // ── statuses ────────────────────────────────────────────────────────────────────────────────

  setStatus(tx: Tx, agent: Agent, request: StatusRequest): Agent {
    return this.parts.statuses.setStatus(tx, agent, request);
  }

  // ── the clock ───────────────────────────────────────────────────────────────────────────────

  /** After-call work run out, offers not taken in time, no-answer and wait rules for waiting threads. */
  tick(): void {
    this.parts.writes.write((tx) => {
      this.parts.statuses.endAfterCallWork(tx);
      this.parts.routing.tick(tx);
      this.parts.autoReplies.tick(tx);
    });
  }
}
