/**
 * The core's agent status service with injected time and a fake hub answer: a call's end shows
 * after-call work for the hub's length at once and queues one mutation; the last known settings
 * stay when the hub is away; a reason outside the list is refused before anything is queued.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAgentStatusService } from '../../src/main/core/agentStatus/agentStatusService.js';
import { createEventBus } from '../../src/main/core/events/eventBus.js';
import { createOutgoing } from '../../src/main/core/mutations/outgoing.js';
import type { SessionService } from '../../src/main/core/session/sessionService.js';
import { openLocalStore, type LocalStore } from '../../src/main/core/store/localStore.js';
import { createConnectionTracker } from '../../src/main/core/sync/connectionTracker.js';
import type { Agent } from '../../src/shared/domain.js';
import { uuidv7 } from '../../src/shared/ids.js';
import { DEFAULT_SLA_POLICY } from '../../src/shared/queue/slaPolicy.js';
import { RoutingConfig } from '../../src/shared/routing/routingConfig.js';
import { createLogger } from '../../src/shared/log.js';
import { T0, tempDir } from './core-fixtures.js';

let store: LocalStore;
let remove: () => void;
let now = T0;
let hubUp = true;
// The hub's whole routing settings, as routingApi's row reads them; only agentStatus matters here.
const routingConfig = RoutingConfig.parse({
  sla: DEFAULT_SLA_POLICY,
  agentStatus: { notReadyReasons: ['break', 'coaching'], afterCallWorkSeconds: 45 },
});

function service() {
  const session = {
    requireAgent: () => store.meta.agent()!,
    kickPush: () => undefined,
    link: () => ({ hubUrl: 'http://127.0.0.1:9', token: 't'.repeat(40) }),
    state: () => ({ signedIn: true, agent: store.meta.agent(), hubUrl: 'http://127.0.0.1:9' }),
  } as unknown as SessionService;
  const connection = createConnectionTracker({
    now: () => now,
    pending: () => store.outbox.countPending(),
    onChange: () => undefined,
  });
  const events = createEventBus(createLogger('test'));
  const outgoing = createOutgoing({ store, session, connection, events, now: () => now });
  const fetch = (async () => {
    if (!hubUp) throw new Error('connect ECONNREFUSED');
    return new Response(JSON.stringify(routingConfig), { status: 200 });
  }) as typeof globalThis.fetch;
  return createAgentStatusService({ link: session.link, fetch, session, outgoing, now: () => now });
}

beforeEach(() => {
  const t = tempDir();
  remove = t.remove;
  store = openLocalStore(t.dir);
  const agent: Agent = { id: uuidv7(), login: 'anna', name: 'Анна', role: 'agent', status: 'ready', updatedAt: T0 };
  store.meta.setAgent(agent);
  now = T0;
  hubUp = true;
});
afterEach(() => {
  store.close();
  remove();
});

describe('agent status in the core', () => {
  it("shows after-call work for the hub's length at a call's end and queues it for the hub", async () => {
    const statuses = service();
    expect(await statuses.settings()).toEqual(routingConfig.agentStatus);
    now = T0 + 1000;
    const shown = await statuses.callEnded();
    expect(shown).toMatchObject({ status: 'after_call_work', acwUntil: T0 + 1000 + 45_000, statusSince: T0 + 1000 });
    expect(store.outbox.pending(10).map((row) => row.mutation)).toEqual([
      expect.objectContaining({ kind: 'agent.setStatus', status: 'after_call_work' }),
    ]);
  });

  it('keeps the last known reasons while the hub is away, and refuses one outside them', async () => {
    const statuses = service();
    await statuses.settings();
    hubUp = false;
    expect((await statuses.settings()).notReadyReasons).toEqual(['break', 'coaching']);
    expect(await statuses.set({ status: 'not_ready', reason: 'coaching' })).toMatchObject({
      status: 'not_ready',
      statusReason: 'coaching',
    });
    await expect(statuses.set({ status: 'not_ready', reason: 'lunch' })).rejects.toThrow(
      'not-ready reason "lunch" is not one of break, coaching',
    );
    expect(store.outbox.countPending()).toBe(1);
    // A call that ends while not ready leaves the agent not ready.
    expect((await statuses.callEnded()).status).toBe('not_ready');
  });
});
