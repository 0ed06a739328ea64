/**
 * The live sockets and what each may be sent. A committed batch becomes, per socket, the part in
 * its agent's reach (revocations included), chained by prevSeq.
 * Every socket gets a frame for every batch, empty when nothing was in reach, and every frame
 * carries `seq`, the batch's last seq: the client's cursor stays exactly the hub's, so "settled"
 * (cursor = hub seq) means the same for every agent.
 */
import type { Agent } from '../../shared/domain.js';
import type { Change, LiveFrame } from '../../shared/sync.js';
import type { ChangesFrame } from './changeFeed.js';
import type { HubReach } from './hubReach.js';
import { filterForViewer } from './reachFilter.js';
import { canSeeThread, type Viewer } from './visibility.js';

interface Listener {
  agentId: string;
  /** The cursor the client holds once it applied what this socket was sent. */
  sent: number;
  /** Customers whose current row went out on this socket (a thread coming into reach brings it once). */
  customers: Set<string>;
}

/** Past this many, a socket forgets which customers it sent (they are sent again: harmless). */
const CUSTOMERS_REMEMBERED = 10_000;

export class LiveReach<S> {
  private readonly sockets = new Map<S, Listener>();

  constructor(
    private readonly reach: HubReach,
    private readonly agentById: (id: string) => Pick<Agent, 'id' | 'role'> | null,
  ) {}

  get size(): number {
    return this.sockets.size;
  }

  /** `seq`: what hello told the client, the feed's last seq. */
  add(socket: S, agentId: string, seq: number): void {
    this.sockets.set(socket, { agentId, sent: seq, customers: new Set() });
  }

  remove(socket: S): void {
    this.sockets.delete(socket);
  }

  /** The text to send each socket for one committed batch. */
  frames(frame: ChangesFrame): [S, string][] {
    const last = frame.changes.at(-1)?.seq;
    if (this.sockets.size === 0 || last === undefined) return [];
    const viewers = this.viewers();
    const scope = this.reach.scope();
    const out: [S, string][] = [];
    for (const [socket, listener] of this.sockets) {
      const viewer = viewers(listener.agentId);
      const changes: Change[] = viewer
        ? filterForViewer(viewer, frame.changes, scope, {
            revoke: true,
            bringCustomer: (customer) => !listener.customers.has(customer.data.id),
          })
        : [];
      if (listener.customers.size > CUSTOMERS_REMEMBERED) listener.customers.clear();
      for (const change of changes) {
        if (change.entity === 'customer') listener.customers.add(change.data.id);
        // The client drops a revoked thread's customer when nothing else needs them: send it again next time.
        if (change.entity === 'revoked') {
          const customerId = scope.thread(change.data.id)?.customerId;
          if (customerId) listener.customers.delete(customerId);
        }
      }
      const text = JSON.stringify({
        type: 'changes',
        prevSeq: listener.sent,
        changes,
        seq: last,
      } satisfies LiveFrame);
      listener.sent = last;
      out.push([socket, text]);
    }
    return out;
  }

  /** Sockets whose agent may see the thread now (typing indicators). */
  socketsSeeing(threadId: string): S[] {
    if (this.sockets.size === 0) return [];
    const thread = this.reach.scope().thread(threadId);
    if (!thread) return [];
    const viewers = this.viewers();
    return [...this.sockets]
      .filter(([, listener]) => {
        const viewer = viewers(listener.agentId);
        return viewer !== null && canSeeThread(viewer, thread);
      })
      .map(([socket]) => socket);
  }

  /** One read of the groups and of each agent per batch, shared by all their sockets. */
  private viewers(): (agentId: string) => Viewer | null {
    const groups = this.reach.groups();
    const memo = new Map<string, Viewer | null>();
    return (agentId) => {
      if (!memo.has(agentId)) {
        const agent = this.agentById(agentId);
        memo.set(agentId, agent ? this.reach.viewer(agent, groups) : null);
      }
      return memo.get(agentId) ?? null;
    };
  }
}
