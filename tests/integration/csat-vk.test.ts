/**
 * Ratings on VK (issue 16): a closed VK thread gets one rating request with an inline keyboard of
 * callback buttons; a press (message_event) is recorded once on that thread and answered with a
 * snackbar, refused with a reason when it is a second one, late, or a payload of another conversation;
 * the rating reaches the stats. The Callback API calls are made here as VK makes them, and VK's API is a
 * LOCAL stand-in for the documented subset (tests/support/fakeVk.ts): api.vk.com is not reachable from here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from '../../src/server/hub.js';
import { createChannel, threadsOf, waitFor } from '../support/channelHarness.js';
import { FakeVk } from '../support/fakeVk.js';
import { channelCsat, closeThread, csatEvents, dayOf, saveCsatSettings } from './csat-support.js';
import { login, removeTempDirs, startHub, type Loose } from './hub-harness.js';

const GROUP = 217002;
const SECRET = 'vk-csat-secret';
const START = Date.UTC(2026, 10, 27, 9, 0, 0);
let clock = START;
let vk: FakeVk;
let hub: Hub;
let token: string;
let hookUrl: string;

beforeAll(async () => {
  vk = await new FakeVk('vk-access-token').start();
  hub = await startHub({ now: () => clock, clockMs: 0, channels: { retryDelaysMs: [20] } });
  token = await login(hub.url);
  const channel = await createChannel(hub.url, token, {
    kind: 'vk',
    name: 'VK community',
    settings: { apiBase: vk.url, groupId: GROUP },
    secrets: { accessToken: 'vk-access-token', confirmationCode: 'a1b2c3d4', secret: SECRET },
  });
  hookUrl = `${hub.url}${channel.webhookPath}`;
  await saveCsatSettings(hub.url, token, { channels: ['vk'], validityHours: 1 });
});
afterAll(async () => {
  await hub?.close();
  await vk?.stop();
  removeTempDirs();
});

async function callback(event: Record<string, unknown>) {
  const response = await fetch(hookUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ group_id: GROUP, secret: SECRET, event_id: crypto.randomUUID(), ...event }),
  });
  return { status: response.status, text: await response.text() };
}

let nextId = 1;
const says = (peer: number, text: string) =>
  callback({
    type: 'message_new',
    object: { message: { id: nextId++, date: 1772442000, from_id: peer, peer_id: peer, text } },
  });

/** A press of a callback button as VK sends it; resolves with what the customer was shown. */
async function press(peer: number, payload: unknown): Promise<string | undefined> {
  const eventId = `ev-${nextId++}`;
  expect(
    await callback({
      type: 'message_event',
      object: { user_id: peer, peer_id: peer, event_id: eventId, payload, conversation_message_id: 3 },
    }),
  ).toEqual({ status: 200, text: 'ok' });
  return (await waitFor(`the answer to ${eventId}`, async () => vk.eventAnswers.find((a) => a.eventId === eventId)))
    .eventData.text;
}

const threadOf = (text: string): Promise<Loose> =>
  waitFor(`the thread of "${text}"`, async () =>
    (await threadsOf(hub.url, token, 'vk')).find((t) => t.subject === text),
  );

const requestTo = (peer: number) =>
  waitFor(`a rating request to ${peer}`, async () => vk.sent.find((m) => m.peerId === String(peer) && m.keyboard));

const payloadOf = (request: { keyboard?: { buttons: { action: { payload?: string } }[][] } }, score: number) =>
  JSON.parse(request.keyboard!.buttons[0]![score - 1]!.action.payload!);

describe('ratings on VK (callback buttons, message_event)', () => {
  it('asks once on close, records one press from that peer, refuses the rest with a reason', async () => {
    await says(6101, 'Не приходит смс с кодом');
    await says(6102, 'Where is my refund?');
    const first = await threadOf('Не приходит смс с кодом');
    const second = await threadOf('Where is my refund?');
    await closeThread(hub.url, token, first.id);
    await closeThread(hub.url, token, second.id);
    const toFirst = await requestTo(6101);
    const toSecond = await requestTo(6102);
    expect(toFirst.message).toContain('Оцените');
    expect(toFirst.keyboard!.inline).toBe(true);
    expect(toFirst.keyboard!.buttons[0]!.map((b) => b.action.type)).toEqual(Array(5).fill('callback'));

    // The first customer's payload sent from the second one's conversation: refused, nothing recorded.
    expect(await press(6102, payloadOf(toFirst, 1))).toContain('другому разговору');
    expect(await press(6101, JSON.stringify(payloadOf(toFirst, 5)))).toBe('Спасибо! Ваша оценка: 5 из 5.');
    expect(await press(6101, payloadOf(toFirst, 2))).toContain('уже оценён');
    expect(await press(6101, { ...payloadOf(toFirst, 1), csat: 'not-a-token' })).toContain('неизвестна');
    expect(await csatEvents(hub.url, token, first.id)).toEqual([{ score: 5, channel: 'vk' }]);

    clock += 2 * 3_600_000;
    expect(await press(6102, payloadOf(toSecond, 3))).toContain('expired');
    expect(await csatEvents(hub.url, token, second.id)).toEqual([]);

    expect(vk.sent.filter((m) => m.keyboard)).toHaveLength(2);
    expect(await channelCsat(hub.url, token, dayOf(START), 'vk')).toEqual({ csatAverage: 5, csatResponses: 1 });
  });
});
