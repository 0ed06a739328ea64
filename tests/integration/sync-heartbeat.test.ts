/**
 * A link that dies without closing (Wi-Fi gone, NAT mapping dropped): the proxy between the core and
 * a real hub stops passing bytes but keeps both sockets open. The core must notice by the heartbeat's
 * silence, say so, reconnect, and deliver what was typed meanwhile exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionState, QueueItem } from '../../src/shared/contract.js';
import type { Message } from '../../src/shared/domain.js';
import { startAgent, waitFor, type TestAgent } from './agent-harness.js';
import {
  ADMIN_PASSWORD,
  closeAll,
  customerSays,
  openWidget,
  removeTempDirs,
  startHub,
  type FrameQueue,
} from './hub-harness.js';

type Hub = Awaited<ReturnType<typeof startHub>>;
let hub: Hub;
let agent: TestAgent;
let widget: FrameQueue;

beforeAll(async () => {
  hub = await startHub({ heartbeatMs: 500 });
  agent = await startAgent(hub.url, 'admin', ADMIN_PASSWORD);
  ({ widget } = await openWidget(hub.url, { name: 'Пётр' }));
});

afterAll(async () => {
  closeAll(widget);
  await agent?.close();
  await hub?.close();
  removeTempDirs();
});

describe('heartbeat', () => {
  it('notices a silent link, reconnects, and delivers a reply typed meanwhile once', async () => {
    await customerSays(widget, 'Is anyone there?');
    const item = await waitFor('the thread', async () => {
      const { items } = await agent.call<{ items: QueueItem[] }>('queue.list', { limit: 50 });
      return items.find((i) => i.lastMessagePreview === 'Is anyone there?');
    });
    agent.events.length = 0;

    expect(agent.proxy.stallAll()).toBeGreaterThan(0);
    const reply = await agent.call<Message>('message.send', { threadId: item.id, text: 'Yes, one moment' });
    const lost = await waitFor('the core to notice the dead link', () =>
      agent.events.find(([name, p]) => name === 'connection.changed' && (p as ConnectionState).status !== 'online'),
    );
    expect((lost[1] as ConnectionState).lastError).toBeTruthy();

    await waitFor('online again', async () => (await agent.connection()).status === 'online');
    await widget.next((f) => f.type === 'message' && f.message.id === reply.id, 15_000);
    await waitFor(
      'the reply sent',
      async () => (await agent.messages(item.id)).find((m) => m.id === reply.id)?.status === 'sent',
    );
    // A new customer message arrives over the new live socket.
    await customerSays(widget, 'Thanks!');
    await waitFor('the new message', async () => (await agent.messages(item.id)).some((m) => m.text === 'Thanks!'));
    await widget.none((f) => f.type === 'message' && f.message.id === reply.id);
  });
});
