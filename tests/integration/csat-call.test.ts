/**
 * The rating after a call (issue 16), end to end on real parts: the hub drives Kamailio + rtpengine;
 * baresip phones are the caller (a trunk, plain RTP) and the agent. When the agent hangs up on a line
 * that rates, the agent's phone transfers the caller (REFER, as the app's softphone does) to the hub's
 * one-time rating address; baresip follows it, hears rate_call on early media, presses 4, hears
 * rating_thanks and is let go: the rating is the thread's csat event and reaches the stats. The same
 * address twice is refused (404), and a caller who presses nothing is let go with nothing recorded.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from '../../src/server/hub.js';
import { SYNC_API } from '../../src/shared/sync.js';
import { pbxStackMissing, Phone, startPbxStack, writeToneWav, type PbxStack } from '../support/pbxStack.js';
import { waitFor } from '../support/waitFor.js';
import { channelCsat, csatEvents, saveCsatSettings } from './csat-support.js';
import { api, login, removeTempDirs, startHub, type Loose } from './hub-harness.js';
import { addAgent, setStatus, type TeamAgent } from './hub-routing-support.js';

const missing = pbxStackMissing();
const CALLER = '+79161230001';

describe.skipIf(missing !== null)(`the rating after a call${missing ? ` (${missing})` : ''}`, () => {
  let stack: PbxStack;
  let hub: Hub;
  let admin: string;
  let boris: TeamAgent;
  let caller: Phone;
  let borisPhone: Phone;
  const phones: Phone[] = [];

  const pull = async (): Promise<Loose[]> =>
    (await api(hub.url, `${SYNC_API.pull}?after=0&limit=5000`, { token: admin })).body.changes as Loose[];
  const latestThread = async (): Promise<Loose | undefined> =>
    (await pull()).filter((c) => c.entity === 'thread' && c.data.channel === 'phone').at(-1)?.data;
  const ratingAddress = async (threadId: string): Promise<string> => {
    const answer = await api(hub.url, '/api/v1/csat/rating-address', { token: boris.token, json: { threadId } });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body.address as string;
  };
  /** A call Boris answers; resolves with its thread once it is his. */
  const answeredCall = async (): Promise<Loose> => {
    const before = (await latestThread())?.id;
    const established = caller.waitEvent('CALL_ESTABLISHED', 40_000);
    await caller.request('dial', `sip:8801@${stack.domain}:${stack.udpPort}`);
    await established;
    return waitFor('the call is Boris’s', async () => {
      const thread = await latestThread();
      return thread && thread.id !== before && thread.assigneeId === boris.id ? thread : undefined;
    });
  };
  /** Boris's phone hands the caller to the rating address instead of hanging up (the app's REFER). */
  const transferToRating = async (address: string) => {
    const transferred = caller.waitEvent('TRANSFER', 15_000);
    // The caller's new call to the rating address is answered on early media (183), like a queued call.
    const progress = caller.waitEvent('CALL_PROGRESS', 30_000);
    const sent = await borisPhone.request('transfer', `sip:${address}@${stack.domain}:${stack.udpPort}`);
    expect(sent.ok, sent.data).toBe(true);
    expect(String((await transferred).param)).toContain(address);
    await progress;
  };

  beforeAll(async () => {
    stack = await startPbxStack({ users: { '202': 'pw202' }, trunkIps: ['127.0.0.2'], hubGraceSeconds: 4 });
    hub = await startHub({
      seedDefaults: true,
      clockMs: 0,
      pbx: {
        evapi: { host: '127.0.0.1', port: stack.evapiPort },
        rtpengine: { host: '127.0.0.1', port: stack.ngPort },
        dtmfPort: stack.dtmfPort,
        offerSeconds: 5,
      },
    });
    admin = await login(hub.url);
    boris = await addAgent(hub.url, admin, 'boris', 'Boris');
    const group = await api(hub.url, '/api/v1/groups', {
      token: admin,
      json: { name: 'Phone', skills: { topics: [], channels: ['phone'] }, memberIds: [boris.id] },
    });
    const line = await api(hub.url, '/api/v1/lines', {
      token: admin,
      json: { number: '8801', name: 'Bank', language: 'en', groupId: group.body.id, maxWaitSeconds: 120 },
    });
    expect(line.status, JSON.stringify(line.body)).toBe(200);
    await saveCsatSettings(hub.url, admin, { lineIds: [line.body.id] });
    const voice = writeToneWav(path.join(stack.dir, 'voice.wav'), { hz: 400, seconds: 120 });
    caller = await Phone.start({
      dir: path.join(stack.dir, 'caller'),
      user: CALLER,
      stack,
      answer: 'manual',
      audioFile: voice,
    });
    phones.push(caller);
    borisPhone = await Phone.start({
      dir: path.join(stack.dir, '202'),
      user: '202',
      password: 'pw202',
      ip: '127.0.0.4',
      stack,
      answer: 'auto',
      audioFile: writeToneWav(path.join(stack.dir, 'agent.wav'), { hz: 1000, seconds: 120 }),
    });
    phones.push(borisPhone);
    const phone = await api(hub.url, '/api/v1/agents/me/phone', {
      method: 'PUT',
      token: boris.token,
      json: { sipUser: '202' },
    });
    expect(phone.body).toEqual({ sipUser: '202' });
    await setStatus(hub.url, boris, 'ready');
  }, 90_000);

  afterAll(async () => {
    await Promise.all(phones.map((phone) => phone.stop()));
    await hub?.close();
    await stack?.stop();
    removeTempDirs();
  });

  it('takes one digit from the caller the agent transferred to the rating address', async () => {
    const thread = await answeredCall();
    const address = await ratingAddress(thread.id);
    expect(address).toMatch(/^csat-[A-Za-z0-9_-]{22}$/);

    await transferToRating(address);
    const heard = caller.receivedAudio().samples;
    // rate_call reaches the caller on the new call's early media (not silence).
    await waitFor('the question at the caller', () => caller.receivedAudio().samples > heard + 8000, 20_000);
    const closed = caller.waitEvent('CALL_CLOSED', 30_000);
    await caller.request('sndcode', '4');
    const rated = await waitFor('the rating', async () => (await csatEvents(hub.url, admin, thread.id))[0], 15_000);
    expect(rated).toEqual({ score: 4, channel: 'phone' });
    // rating_thanks, then the PBX lets the caller go.
    expect(String((await closed).param)).toMatch(/480/);
    const day = new Date(thread.createdAt).toISOString().slice(0, 10);
    // The call's record comes when the agent's leg ends (after the transfer's outcome): then the contact counts.
    await waitFor(
      'the rating in the stats',
      async () => (await channelCsat(hub.url, admin, day, 'phone')).csatResponses === 1,
      20_000,
    );
    expect(await channelCsat(hub.url, admin, day, 'phone')).toEqual({ csatAverage: 4, csatResponses: 1 });

    // The same address again (a rating sent twice): refused at once, nothing more recorded.
    const again = caller.waitEvent('CALL_CLOSED', 15_000);
    await caller.request('dial', `sip:${address}@${stack.domain}:${stack.udpPort}`);
    expect(String((await again).param)).toMatch(/404/);
    expect(await csatEvents(hub.url, admin, thread.id)).toHaveLength(1);
    // The conversation is rated: the next hang-up is a plain one.
    expect(await ratingAddress(thread.id)).toBeNull();
  }, 120_000);

  it('lets a caller who presses nothing go after the wait, with nothing recorded', async () => {
    await setStatus(hub.url, boris, 'ready');
    const thread = await answeredCall();
    const address = await ratingAddress(thread.id);
    const closed = caller.waitEvent('CALL_CLOSED', 40_000);
    await transferToRating(address);
    expect(String((await closed).param)).toMatch(/480/);
    expect(await csatEvents(hub.url, admin, thread.id)).toEqual([]);
  }, 120_000);
});
