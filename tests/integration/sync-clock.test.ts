/**
 * A system clock that jumps, with a real hub and a real agent core whose wall clock the test
 * injects and moves (hours back, days ahead) while the agent types offline and while it is online.
 * What must not depend on it: the order of the outbox (its own counter), the order the agent sees
 * its replies in, the heartbeat and the back-off (monotonic timers), and delivery exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../src/shared/contract.js';
import type { Message } from '../../src/shared/domain.js';
import { hubSeqOf, queuedThread, startAgent, waitFor, type TestAgent } from './agent-harness.js';
import {
  ADMIN_PASSWORD,
  closeAll,
  customerSays,
  openWidget,
  removeTempDirs,
  startHub,
  type FrameQueue,
} from './hub-harness.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let hub: Awaited<ReturnType<typeof startHub>>;
let anna: TestAgent;
let widget: FrameQueue;
let threadId: string;
/** The agent's wall clock: real time plus whatever the test jumped it by. */
let skew = 0;

beforeAll(async () => {
  hub = await startHub({ heartbeatMs: 500 });
  anna = await startAgent(hub.url, 'admin', ADMIN_PASSWORD, { now: () => Date.now() + skew });
  ({ widget } = await openWidget(hub.url, { name: 'Clock customer' }));
  await customerSays(widget, 'is my parcel on its way?');
  threadId = (await queuedThread(anna, 'parcel')).id;
});

afterAll(async () => {
  closeAll(widget);
  await anna?.close();
  await hub?.close();
  removeTempDirs();
});

describe('a clock that jumps', () => {
  it('keeps the typed order offline and online, and delivers each reply once', async () => {
    const states: ConnectionState['status'][] = [];
    anna.core.onEvent((name, payload) => {
      if (name === 'connection.changed') states.push((payload as ConnectionState).status);
    });

    anna.offline();
    await waitFor('offline', async () => (await anna.connection()).status !== 'online');
    const texts = [
      'one: typed at real time',
      'two: typed after the clock went back 2 h',
      'three: after it leapt 3 days ahead',
      'four: back to the past again',
    ];
    const typed: Message[] = [];
    for (const [i, text] of texts.entries()) {
      skew = [0, -2 * HOUR, 3 * DAY, -5 * DAY][i]!;
      typed.push(await anna.call<Message>('message.send', { threadId, text }));
    }
    // Shown in the order typed, each after the one before, whatever the clock said.
    const shown = (await anna.messages(threadId)).filter((m) => m.direction === 'out');
    expect(shown.map((m) => m.text)).toEqual(texts);
    for (let i = 1; i < typed.length; i++) expect(typed[i]!.createdAt).toBeGreaterThan(typed[i - 1]!.createdAt);
    expect((await anna.connection()).pendingMutations).toBe(4);

    anna.online();
    await anna.settled(hubSeqOf(hub.url));
    const onlineFrom = states.lastIndexOf('online');

    // Online, the clock keeps jumping; a reply typed meanwhile still goes out, nothing reconnects.
    skew = 30 * DAY;
    const five = await anna.call<Message>('message.send', { threadId, text: 'five: a month ahead, online' });
    skew = -30 * DAY;
    const six = await anna.call<Message>('message.send', { threadId, text: 'six: a month back, online' });
    await waitFor('five and six sent', async () => {
      const mine = await anna.messages(threadId);
      return [five.id, six.id].every((id) => mine.find((m) => m.id === id)?.status === 'sent');
    });
    expect(states.slice(onlineFrom)).not.toContain('reconnecting');
    expect(states.slice(onlineFrom)).not.toContain('offline');

    // The customer got every reply once, in the order typed.
    const all = [...texts, 'five: a month ahead, online', 'six: a month back, online'];
    for (const text of all) await widget.next((f) => f.type === 'message' && f.message.text === text);
    await widget.none((f) => f.type === 'message' && all.includes(f.message.text));
    const onHub = (await anna.messages(threadId)).filter((m) => m.direction === 'out');
    expect(onHub.map((m) => m.text)).toEqual(all);
    expect(onHub.every((m) => m.status === 'sent')).toBe(true);
  });
});
