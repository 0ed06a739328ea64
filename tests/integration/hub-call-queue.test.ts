/**
 * Calls in the one queue, end to end on real parts: the hub (SQLite) drives Kamailio + rtpengine over
 * evapi and ng; baresip phones are the caller (a trunk with plain RTP) and two agents' phones. A call
 * to a line hears the menu, presses a digit, is offered to the agent with the skill who lets it ring
 * out, goes to the next who answers, and audio flows both ways; a blocked number gets busy; a caller
 * who gives up leaves a callback task that clears when they call again and are answered.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_API } from '../../src/shared/sync.js';
import type { Hub } from '../../src/server/hub.js';
import { pbxStackMissing, Phone, startPbxStack, writeToneWav, type PbxStack } from '../support/pbxStack.js';
import { waitFor } from '../support/waitFor.js';
import { api, login, removeTempDirs, startHub, type Loose } from './hub-harness.js';
import { sign } from '../../src/server/gateways/webhook/signature.js';
import { createChannel } from '../support/channelHarness.js';
import { rawInvite } from '../support/rawSip.js';
import { addAgent, reply, setStatus, type TeamAgent } from './hub-routing-support.js';

const missing = pbxStackMissing();
const CALLER = '+79161234567';

describe.skipIf(missing !== null)(`calls in the hub's queue${missing ? ` (${missing})` : ''}`, () => {
  let stack: PbxStack;
  let hub: Hub;
  let admin: string;
  let anna: TeamAgent;
  let boris: TeamAgent;
  let caller: Phone;
  let annaPhone: Phone;
  let borisPhone: Phone;
  const phones: Phone[] = [];

  let dataDir: string | undefined;
  const startQueueHub = async () => {
    const started = await startHub({
      seedDefaults: true,
      clockMs: 0,
      ...(dataDir ? { dataDir } : {}),
      pbx: {
        evapi: { host: '127.0.0.1', port: stack.evapiPort },
        rtpengine: { host: '127.0.0.1', port: stack.ngPort },
        dtmfPort: stack.dtmfPort,
        offerSeconds: 3,
      },
    });
    dataDir = started.dataDir;
    return started;
  };
  const dial = () => caller.request('dial', `sip:8800@${stack.domain}:${stack.udpPort}`);
  const pull = async (): Promise<Loose[]> =>
    (await api(hub.url, `${SYNC_API.pull}?after=0&limit=5000`, { token: admin })).body.changes as Loose[];
  const latest = async (entity: string, id: string) =>
    (await pull()).filter((c) => c.entity === entity && c.data.id === id).at(-1)?.data;
  const phoneThreads = async () => {
    const byId = new Map<string, Loose>();
    for (const change of await pull()) {
      if (change.entity === 'thread' && change.data.channel === 'phone') byId.set(change.data.id, change.data);
    }
    return [...byId.values()].sort((a, b) => a.number - b.number);
  };
  const eventsOf = async (threadId: string): Promise<Loose[]> =>
    (await api(hub.url, `/api/v1/threads/${threadId}/events`, { token: admin })).body.events;
  const kinds = async (threadId: string) => (await eventsOf(threadId)).map((e) => e.kind);
  /** Dials the line and presses 1 once the menu is heard; resolves with the new thread. */
  const callAndChoose = async () => {
    const before = (await phoneThreads()).length;
    const heard = caller.receivedAudio().samples;
    await dial();
    const thread = await waitFor('the call becomes a thread at arrival', async () => (await phoneThreads())[before]);
    await waitFor('the menu reaches the caller', () => caller.receivedAudio().samples > heard + 4000, 15_000);
    await caller.request('sndcode', '1');
    await waitFor('the choice is made', async () => (await kinds(thread.id)).includes('call_queued'));
    return thread;
  };

  beforeAll(async () => {
    stack = await startPbxStack({
      users: { '201': 'pw201', '202': 'pw202' },
      trunkIps: ['127.0.0.2'],
      hubGraceSeconds: 4,
    });
    hub = await startQueueHub();
    admin = await login(hub.url);
    anna = await addAgent(hub.url, admin, 'anna', 'Anna');
    boris = await addAgent(hub.url, admin, 'boris', 'Boris');
    const cards = await api(hub.url, '/api/v1/groups', {
      token: admin,
      json: { name: 'Cards', skills: { topics: ['cards'], channels: ['phone'] }, memberIds: [anna.id, boris.id] },
    });
    const line = await api(hub.url, '/api/v1/lines', {
      token: admin,
      json: {
        number: '8800',
        name: 'Bank',
        language: 'en',
        groupId: cards.body.id,
        announceEverySeconds: 10,
        maxWaitSeconds: 120,
        menu: {
          start: 'main',
          nodes: {
            main: { kind: 'ask', prompt: 'menu_main', options: { '1': 'cards' }, timeoutSeconds: 10 },
            cards: { kind: 'queue', topic: 'cards' },
          },
        },
      },
    });
    expect(line.status).toBe(200);
    const voice = writeToneWav(path.join(stack.dir, 'voice.wav'), { hz: 400, seconds: 120 });
    const agentVoice = writeToneWav(path.join(stack.dir, 'agent.wav'), { hz: 1000, seconds: 120 });
    caller = await Phone.start({
      dir: path.join(stack.dir, 'caller'),
      user: CALLER,
      stack,
      answer: 'manual',
      audioFile: voice,
    });
    phones.push(caller);
    annaPhone = await Phone.start({
      dir: path.join(stack.dir, '201'),
      user: '201',
      password: 'pw201',
      ip: '127.0.0.3',
      stack,
      answer: 'manual',
      audioFile: agentVoice,
    });
    phones.push(annaPhone);
    borisPhone = await Phone.start({
      dir: path.join(stack.dir, '202'),
      user: '202',
      password: 'pw202',
      ip: '127.0.0.4',
      stack,
      answer: 'auto',
      audioFile: agentVoice,
    });
    phones.push(borisPhone);
    for (const [agent, user] of [
      [anna, '201'],
      [boris, '202'],
    ] as const) {
      const set = await api(hub.url, '/api/v1/agents/me/phone', {
        method: 'PUT',
        token: agent.token,
        json: { sipUser: user },
      });
      expect(set.body).toEqual({ sipUser: user });
    }
  }, 90_000);

  afterAll(async () => {
    await Promise.all(phones.map((phone) => phone.stop()));
    await hub?.close();
    await stack?.stop();
    removeTempDirs();
  });

  it('plays the menu, queues by the digit, re-offers a call that rang out, and bridges the agent who answers', async () => {
    // Anna is ready first, so she has been idle longest and gets the first offer.
    await setStatus(hub.url, anna, 'ready');
    await setStatus(hub.url, boris, 'ready');
    const annaRings = annaPhone.waitEvent('CALL_INCOMING', 30_000);
    const established = caller.waitEvent('CALL_ESTABLISHED', 40_000);
    const thread = await callAndChoose();
    expect(thread).toMatchObject({ status: 'open', assigneeId: null, subject: expect.stringContaining(CALLER) });
    // The deadline counts from arrival: the phone target is 20 s.
    expect(thread.slaDueAt - thread.createdAt).toBe(20_000);

    await annaRings;
    await established;
    const answered = await waitFor('answered by Boris', async () => {
      const current = await latest('thread', thread.id);
      return current?.assigneeId === boris.id ? current : undefined;
    });
    expect(answered).toMatchObject({ slaDueAt: null, status: 'open' });
    expect(await latest('agent', anna.id)).toMatchObject({ status: 'not_ready', statusReason: 'missed_offer' });
    expect(await kinds(thread.id)).toEqual(
      expect.arrayContaining(['call_arrived', 'menu_choice', 'call_queued', 'offered', 'offer_missed', 'answered']),
    );
    const offered = (await eventsOf(thread.id)).filter((e) => e.kind === 'offered').map((e) => e.data.agentName);
    expect(offered).toEqual(['Anna', 'Boris']);

    // Audio both ways through rtpengine: Boris hears the caller's tone, the caller hears Boris's.
    const atAnswer = caller.receivedAudio().samples;
    await waitFor('caller audio at the agent', () => borisPhone.receivedAudio().samples > 8000);
    expect(borisPhone.receivedAudio().rms).toBeGreaterThan(0.1);
    await waitFor('agent audio at the caller', () => caller.receivedAudio().samples > atAnswer + 8000);

    await caller.request('hangup');
    const record = await waitFor('the call record', async () =>
      (await eventsOf(thread.id)).find((e) => e.kind === 'call'),
    );
    expect(record.data).toMatchObject({ outcome: 'answered', missedOffers: 1, topic: 'cards', node: 'cards' });
    expect(record.data.answeredAt - record.data.startedAt).toBeGreaterThan(0);
  }, 90_000);

  it('gives a blocked number busy at the PBX; it never reaches an agent', async () => {
    const block = await api(hub.url, '/api/v1/blocklist', {
      token: admin,
      json: { kind: 'phone', value: '8 916 123-45-67', reason: 'abuse' },
    });
    const closed = caller.waitEvent('CALL_CLOSED', 15_000);
    await dial();
    expect(String((await closed).param)).toMatch(/486/);
    const thread = (await phoneThreads()).at(-1);
    expect(thread).toMatchObject({ status: 'closed', assigneeId: null });
    expect(await kinds(thread.id)).toContain('blocked');
    await api(hub.url, `/api/v1/blocklist/${block.body.id}`, { method: 'DELETE', token: admin });
  });

  it('answers an unknown number 404 and a trunk that sends garbage SDP 488, at once', async () => {
    const closed = caller.waitEvent('CALL_CLOSED', 15_000);
    await caller.request('dial', `sip:8899@${stack.domain}:${stack.udpPort}`);
    expect(String((await closed).param)).toMatch(/404/);
    const status = await rawInvite({
      from: { ip: '127.0.0.2', user: CALLER },
      to: { host: stack.domain, port: stack.udpPort, user: '8800' },
      body: 'v=0\r\nthis is not a session description\r\n',
    });
    expect(status).toBe(488);
  });

  it('leaves a callback task when the caller gives up, cleared when they call again and are answered', async () => {
    await setStatus(hub.url, boris, 'not_ready', 'break');
    const waiting = await callAndChoose();
    await new Promise((resolve) => setTimeout(resolve, 5_500)); // a real wait, longer than a short abandon
    await caller.request('hangup');
    const task = await waitFor('a callback task', async () => {
      const list = (await api(hub.url, '/api/v1/callbacks', { token: admin })).body.callbacks as Loose[];
      return list.find((c) => c.threadId === waiting.id);
    });
    expect(task).toMatchObject({ number: CALLER, state: 'open' });
    expect(task.waitedMs).toBeGreaterThanOrEqual(5_000);
    expect(await latest('thread', waiting.id)).toMatchObject({ status: 'open', assigneeId: null });

    await setStatus(hub.url, boris, 'ready');
    const established = caller.waitEvent('CALL_ESTABLISHED', 30_000);
    const again = await callAndChoose();
    await established;
    await waitFor('the callback clears', async () => (await latest('thread', waiting.id))?.status === 'closed');
    expect(await kinds(waiting.id)).toContain('callback_cleared');
    expect((await api(hub.url, '/api/v1/callbacks', { token: admin })).body.callbacks).toEqual([]);
    await caller.request('hangup');
    await waitFor('the second call ends', async () => (await kinds(again.id)).includes('call_ended'));
  }, 90_000);

  it('resumes a waiting caller when the hub restarts within the grace; a caller left longer is released and called back', async () => {
    await setStatus(hub.url, boris, 'not_ready', 'break');
    const waiting = await callAndChoose();
    await hub.close();
    hub = await startQueueHub();
    // Kamailio names the call it still holds: the hub resumes it (music again) and offers it when Boris is ready.
    const heard = caller.receivedAudio().samples;
    await waitFor('music after the restart', () => caller.receivedAudio().samples > heard + 8000, 20_000);
    const established = caller.waitEvent('CALL_ESTABLISHED', 30_000);
    await setStatus(hub.url, boris, 'ready');
    await established;
    await waitFor('answered after the restart', async () => (await kinds(waiting.id)).includes('answered'));
    await caller.request('hangup');
    await waitFor('ended', async () => (await kinds(waiting.id)).includes('call_ended'));

    await setStatus(hub.url, boris, 'not_ready', 'break');
    const left = await callAndChoose();
    const released = caller.waitEvent('CALL_CLOSED', 20_000);
    await hub.close();
    // No hub for longer than the grace: the caller hears 480 instead of silence.
    expect(String((await released).param)).toMatch(/480/);
    hub = await startQueueHub();
    const lost = await waitFor('counted lost, with a callback task', async () => {
      const list = (await api(hub.url, '/api/v1/callbacks', { token: admin })).body.callbacks as Loose[];
      return list.find((c) => c.threadId === left.id);
    });
    expect(lost).toMatchObject({ number: CALLER, state: 'open' });
    expect(await kinds(left.id)).toEqual(expect.arrayContaining(['call_lost', 'callback_task']));

    // The same customer writes through a messenger bot and an agent answers there: no callback needed.
    const channel = await createChannel(hub.url, admin, {
      kind: 'webhook',
      name: 'Bot',
      settings: { callbackUrl: 'http://127.0.0.1:9/unused' },
      secrets: { signingSecret: 'callback-test-secret' },
    });
    const body = JSON.stringify({
      type: 'message',
      id: 'm-1',
      conversationId: 'c-1',
      sender: { id: 'u-1', name: 'Caller', phone: CALLER },
      text: 'I called you, nobody answered',
    });
    const at = Math.floor(Date.now() / 1000);
    await fetch(`${hub.url}${channel.webhookPath}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-okno-signature': sign('callback-test-secret', at, body),
        'x-okno-timestamp': String(at),
      },
      body,
    });
    const chat = await waitFor('the bot thread', async () =>
      (await pull()).find((c) => c.entity === 'message' && c.data.text === 'I called you, nobody answered'),
    );
    await reply(hub.url, boris, chat.data.threadId, 'Sorry we missed you, how can I help?');
    await waitFor('the callback clears', async () => (await latest('thread', left.id))?.status === 'closed');
    expect(await kinds(left.id)).toContain('callback_cleared');
  }, 90_000);

  it('after the longest wait offers a callback by key, or moves the call to the overflow group', async () => {
    await setStatus(hub.url, anna, 'not_ready', 'break');
    await setStatus(hub.url, boris, 'not_ready', 'break');
    const groups = (await api(hub.url, '/api/v1/groups', { token: admin })).body.groups as Loose[];
    const cards = groups.find((g) => g.name === 'Cards');
    const overflowGroup = await api(hub.url, '/api/v1/groups', {
      token: admin,
      json: { name: 'Overflow', skills: { channels: ['phone'] }, memberIds: [boris.id] },
    });
    const line = (number: string, overflow: unknown) =>
      api(hub.url, '/api/v1/lines', {
        token: admin,
        json: { number, name: `Wait ${number}`, language: 'ru', groupId: cards.id, maxWaitSeconds: 10, overflow },
      });
    expect((await line('8810', { kind: 'callback', digit: '1' })).status).toBe(200);
    expect((await line('8811', { kind: 'group', groupId: overflowGroup.body.id })).status).toBe(200);

    // Callback by key: after 10 s the caller hears the offer, presses 1, is thanked and released.
    const before = (await phoneThreads()).length;
    const released = caller.waitEvent('CALL_CLOSED', 40_000);
    await caller.request('dial', `sip:8810@${stack.domain}:${stack.udpPort}`);
    const waiting = await waitFor('the call is queued', async () => (await phoneThreads())[before]);
    await new Promise((resolve) => setTimeout(resolve, 12_000)); // past the longest wait: the offer is playing
    await caller.request('sndcode', '1');
    expect(String((await released).param)).toMatch(/480/);
    expect(await kinds(waiting.id)).toEqual(expect.arrayContaining(['callback_left']));
    const task = ((await api(hub.url, '/api/v1/callbacks', { token: admin })).body.callbacks as Loose[]).find(
      (c) => c.threadId === waiting.id,
    );
    expect(task).toMatchObject({ number: CALLER, state: 'open' });

    // Overflow: after 10 s the call moves to the Overflow group, where Boris (ready only there) answers.
    await api(hub.url, `/api/v1/groups/${cards.id}`, {
      method: 'PUT',
      token: admin,
      json: { ...cards, id: undefined, memberIds: [anna.id] },
    });
    await setStatus(hub.url, boris, 'ready');
    const count = (await phoneThreads()).length;
    const answered = caller.waitEvent('CALL_ESTABLISHED', 40_000);
    await caller.request('dial', `sip:8811@${stack.domain}:${stack.udpPort}`);
    const moved = await waitFor('the call is queued', async () => (await phoneThreads())[count]);
    await answered;
    expect(await kinds(moved.id)).toEqual(expect.arrayContaining(['overflowed', 'answered']));
    expect((await latest('thread', moved.id))?.groupId).toBe(overflowGroup.body.id);
    await caller.request('hangup');
  }, 90_000);
});
