/**
 * Offers waiting calls to agents: each waiting call, most urgent first, goes to the agent the one
 * router chooses among those with a registered softphone, and Kamailio rings that softphone. Offers
 * run after the transaction that freed an agent or queued a call has committed, coalesced.
 */
import type { Logger } from '../../shared/log.js';
import type { PbxCommand } from '../../shared/calls/pbxProtocol.js';
import type { RoutingConfig } from '../../shared/routing/routingConfig.js';
import { Router } from '../contactCenter/router.js';
import type { HubStore } from '../storage/hubStore.js';
import type { QueueCall } from '../storage/queueCallsRepo.js';
import { callEvent } from './callThreads.js';

export class CallOfferer {
  private offerScheduled = false;
  private stopped = false;

  constructor(
    private readonly deps: {
      store: HubStore;
      router: Router;
      /** Sends a command to Kamailio (logged when the PBX is away); false when it is not connected. */
      send: (command: PbxCommand) => boolean;
      routingConfig: () => RoutingConfig;
      /** Fixed by the hub's options (tests); null: the routing settings say. */
      offerMs: number | null;
      log: Logger;
    },
  ) {}

  /** Offers waiting calls once the running transaction has committed (coalesced). */
  wake(): void {
    if (this.offerScheduled || this.stopped) return;
    this.offerScheduled = true;
    setImmediate(() => {
      this.offerScheduled = false;
      if (this.stopped) return;
      try {
        this.offerWaiting();
      } catch (error) {
        this.deps.log.error('offering calls failed', { error: String(error) });
      }
    });
  }

  /** The hub is closing: no offer runs after this. */
  stop(): void {
    this.stopped = true;
  }

  /** Waiting calls, most urgent first (the thread's deadline, then arrival). */
  waitingInOrder(): QueueCall[] {
    const { store } = this.deps;
    const waiting = store.queueCalls.live().filter((c) => c.state === 'waiting' || c.state === 'offering');
    // Each deadline read once: the sort compares n·log n times.
    const due = new Map(
      waiting.map((c) => [c.callId, store.threads.byId(c.threadId)?.slaDueAt ?? Number.MAX_SAFE_INTEGER]),
    );
    const dueOf = (call: QueueCall) => due.get(call.callId) ?? Number.MAX_SAFE_INTEGER;
    return waiting.sort((a, b) => dueOf(a) - dueOf(b) || a.enteredAt - b.enteredAt || a.callId.localeCompare(b.callId));
  }

  /** Gives each waiting call, in deadline order, to the agent the router chooses. */
  offerWaiting(): void {
    const { store, router } = this.deps;
    const commands: { call: QueueCall; command: PbxCommand }[] = [];
    store.write((tx) => {
      const waiting = this.waitingInOrder().filter((c) => c.state === 'waiting');
      if (waiting.length === 0) return;
      const team = router.team();
      const phones = store.queueCalls.phones();
      for (const call of waiting) {
        const thread = store.threads.byId(call.threadId);
        const routing = store.routing.threadRouting(call.threadId);
        if (!thread || !routing) continue;
        const decision = router.choose(
          { channel: 'phone', language: routing.language, topic: routing.topic, groupId: routing.groupId },
          team,
          (candidate) => phones.has(candidate.agentId),
        );
        if (decision.agentId === null) continue;
        const user = phones.get(decision.agentId);
        if (!user) continue;
        Router.given(team, decision.agentId, 'phone', tx.now);
        const offered = {
          ...call,
          state: 'offering' as const,
          offeredAgentId: decision.agentId,
          offers: call.offers + 1,
        };
        store.queueCalls.save(offered);
        callEvent(
          tx,
          store,
          call.threadId,
          'offered',
          {
            agentId: decision.agentId,
            agentName: store.agents.byId(decision.agentId)?.name ?? null,
            groupId: decision.groupId,
          },
          decision.agentId,
        );
        commands.push({
          call: offered,
          command: {
            cmd: 'offer',
            callId: call.callId,
            tindex: call.tindex,
            tlabel: call.tlabel,
            user,
            threadId: call.threadId,
            timeoutMs: this.deps.offerMs ?? this.deps.routingConfig().offerSeconds.phone * 1000,
            waitedMs: Math.max(0, tx.now - call.enteredAt),
            ...(call.lineId ? { line: store.lines.byId(call.lineId)?.number } : {}),
          },
        });
      }
    });
    for (const { call, command } of commands) {
      if (this.deps.send(command)) continue;
      // The PBX is away: the call waits on (Kamailio answers it 480 if it cannot hold it).
      store.write(() => store.queueCalls.save({ ...call, state: 'waiting', offeredAgentId: null }));
    }
  }
}
