/**
 * Transfers of a live call to a group (or a line's group): the softphone refers the caller to a
 * one-time address handed out here, and when the caller arrives on it the same thread goes back to
 * the queue with its new group and the agent's note. Nothing changes until the caller really comes
 * back (a refused REFER leaves the call with its agent); an unused address simply expires.
 */
import { randomBytes } from 'node:crypto';
import type { PbxEvent } from '../../shared/calls/pbxProtocol.js';
import type { Agent, Thread } from '../../shared/domain.js';
import { responseTarget } from '../../shared/queue/slaPolicy.js';
import type { RoutingConfig } from '../../shared/routing/routingConfig.js';
import type { HubStore } from '../storage/hubStore.js';
import type { QueueCall } from '../storage/queueCallsRepo.js';
import type { Tx } from '../storage/writer.js';
import type { CallOfferer } from './callOfferer.js';
import { callEvent, updateThread } from './callThreads.js';
import type { LiveCalls } from './liveCalls.js';
import type { WaitingAnnouncements } from './waitingAnnouncements.js';

interface Transfer {
  threadId: string;
  groupId: string | null;
  note: string;
  actorId: string;
  expiresAt: number;
}

/** How long a transfer address waits for its caller. */
const TRANSFER_TTL_MS = 120_000;

export class CallTransfers {
  /** Transfer addresses handed to softphones: `xfer-<token>` → the thread that re-enters the queue. */
  private readonly transfers = new Map<string, Transfer>();

  constructor(
    private readonly deps: {
      store: HubStore;
      live: LiveCalls;
      waiting: WaitingAnnouncements;
      offerer: CallOfferer;
      routingConfig: () => RoutingConfig;
      now: () => number;
    },
  ) {}

  /** The address the softphone transfers the caller to; it brings the same thread back in at arrival. */
  transferCall(tx: Tx, actor: Agent, thread: Thread, groupId: string | null, note: string): string {
    const token = `xfer-${randomBytes(9).toString('hex')}`;
    this.transfers.set(token, {
      threadId: thread.id,
      groupId,
      note,
      actorId: actor.id,
      expiresAt: tx.now + TRANSFER_TTL_MS,
    });
    return token;
  }

  /** A call arriving at `at`: true when it came in on a live transfer address and was taken back in here. */
  arrived(event: Extract<PbxEvent, { event: 'arrived' }>, caller: string, at: number): boolean {
    const transfer = this.transfers.get(event.to);
    if (!transfer || transfer.expiresAt <= at) return false;
    this.transfers.delete(event.to);
    this.reenter(event, caller, transfer);
    return true;
  }

  /** A transferred call comes back in: same thread, its new group and the note, straight to the queue. */
  private reenter(event: Extract<PbxEvent, { event: 'arrived' }>, caller: string, transfer: Transfer): void {
    const { store, now } = this.deps;
    const { threadId } = transfer;
    const thread = store.threads.byId(threadId);
    if (!thread) {
      this.deps.live.send({
        cmd: 'reject',
        callId: event.callId,
        tindex: event.tindex,
        tlabel: event.tlabel,
        code: 480,
        reason: 'Temporarily Unavailable',
      });
      return;
    }
    const lineId = store.queueCalls.lastLineOf(threadId);
    const line = lineId ? store.lines.byId(lineId) : null;
    const row: QueueCall = {
      callId: event.callId,
      threadId,
      lineId: line?.id ?? null,
      caller,
      fromTag: event.fromTag,
      tindex: event.tindex,
      tlabel: event.tlabel,
      state: 'waiting',
      enteredAt: now(),
      offeredAgentId: null,
      offers: 0,
      answeredAt: null,
      answeredBy: null,
      endedAt: null,
    };
    const config = this.deps.routingConfig();
    store.write((tx) => {
      store.queueCalls.save(row);
      updateThread(
        tx,
        store,
        thread,
        { assigneeId: null, status: 'open', slaDueAt: tx.now + responseTarget(config.sla, 'phone', null) },
        { groupId: transfer.groupId, queuedAt: tx.now },
      );
      callEvent(
        tx,
        store,
        threadId,
        'transferred',
        { groupId: transfer.groupId, note: transfer.note },
        transfer.actorId,
      );
    });
    const live = this.deps.live.add(row.callId, line);
    this.deps.waiting.start(row, live, ['transferring']);
    this.deps.offerer.wake();
  }
}
