/**
 * Ratings on Telegram (issue 16): a closed Telegram thread gets one rating request with an inline
 * keyboard; the customer's press is recorded once on that thread, refused with a reason when it is
 * a second one, late, or a button of another conversation, and the rating reaches the stats. Telegram
 * is a LOCAL stand-in for the documented Bot API subset (tests/support/fakeTelegram.ts): api.telegram.org
 * is not reachable from here, so this shows the gateway speaks the documented protocol, not that Telegram does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from '../../src/server/hub.js';
import { createChannel, threadsOf, waitFor } from '../support/channelHarness.js';
import { FakeTelegram, type SentByBot } from '../support/fakeTelegram.js';
import { channelCsat, closeThread, csatEvents, dayOf, saveCsatSettings } from './csat-support.js';
import { login, removeTempDirs, startHub, type Loose } from './hub-harness.js';

const TOKEN = '123456:csat-token_ABC';
const OLGA = { id: 7101, first_name: 'Olga' };
const IVAN = { id: 7102, first_name: 'Ivan' };
const START = Date.UTC(2026, 10, 26, 9, 0, 0);
let clock = START;
let fake: FakeTelegram;
let hub: Hub;
let token: string;

beforeAll(async () => {
  fake = await new FakeTelegram(TOKEN).start();
  hub = await startHub({ now: () => clock, clockMs: 0, channels: { retryDelaysMs: [20] } });
  token = await login(hub.url);
  await createChannel(hub.url, token, {
    kind: 'telegram',
    name: 'Bank bot',
    settings: { apiBase: fake.url, mode: 'polling', pollTimeoutSec: 1, retryDelayMs: 50 },
    secrets: { botToken: TOKEN },
  });
  await saveCsatSettings(hub.url, token, { channels: ['telegram'], validityHours: 1 });
});
afterAll(async () => {
  await hub?.close();
  await fake?.stop();
  removeTempDirs();
});

async function threadOf(text: string): Promise<Loose> {
  return waitFor(`the thread of "${text}"`, async () =>
    (await threadsOf(hub.url, token, 'telegram')).find((t) => t.subject === text),
  );
}

const ratingRequestTo = (chatId: number) =>
  waitFor(`a rating request to ${chatId}`, async () =>
    fake.sent.find((m) => m.chatId === String(chatId) && m.replyMarkup),
  );

const answerTo = (pressId: string) =>
  waitFor(`the answer to press ${pressId}`, async () => fake.callbackAnswers.find((a) => a.id === pressId));

const button = (request: SentByBot, score: number) =>
  request.replyMarkup!.inline_keyboard[0]![score - 1]!.callback_data;

describe('ratings on Telegram (inline keyboard, callback_query)', () => {
  it('asks once on close, records one press from that chat, refuses the rest with a reason', async () => {
    fake.pushMessage(OLGA, { text: 'Моя карта заблокирована' });
    fake.pushMessage(IVAN, { text: 'My transfer is missing' });
    const olgas = await threadOf('Моя карта заблокирована');
    const ivans = await threadOf('My transfer is missing');
    expect(fake.sent.filter((m) => m.replyMarkup)).toEqual([]);

    await closeThread(hub.url, token, olgas.id);
    await closeThread(hub.url, token, ivans.id);
    const toOlga = await ratingRequestTo(OLGA.id);
    const toIvan = await ratingRequestTo(IVAN.id);
    // The customer's language: Olga wrote in Russian, Ivan in English.
    expect(toOlga.text).toContain('Оцените');
    expect(toIvan.text).toContain('rate this conversation');
    expect(toOlga.replyMarkup!.inline_keyboard[0]).toHaveLength(5);

    // Olga's button pressed in Ivan's chat (a payload of another conversation): refused, nothing recorded.
    const forged = fake.pushCallback(IVAN, { chatId: IVAN.id, messageId: toIvan.messageId! }, button(toOlga, 1));
    expect((await answerTo(forged)).text).toContain('другому разговору');
    // Not a rating at all: kept as a dead letter, not answered.
    const junk = fake.pushCallback(OLGA, { chatId: OLGA.id, messageId: toOlga.messageId! }, 'csat:nope');

    const pressed = fake.pushCallback(OLGA, { chatId: OLGA.id, messageId: toOlga.messageId! }, button(toOlga, 4));
    expect((await answerTo(pressed)).text).toBe('Спасибо! Ваша оценка: 4 из 5.');
    await waitFor('the keyboard taken off', async () => fake.markupEdits.find((e) => e.messageId === toOlga.messageId));
    expect(fake.callbackAnswers.find((a) => a.id === junk)).toBeUndefined();

    const twice = fake.pushCallback(OLGA, { chatId: OLGA.id, messageId: toOlga.messageId! }, button(toOlga, 5));
    expect((await answerTo(twice)).text).toContain('уже оценён');
    expect(await csatEvents(hub.url, token, olgas.id)).toEqual([{ score: 4, channel: 'telegram' }]);

    // Past the one-hour window the settings give: refused as late.
    clock += 2 * 3_600_000;
    const late = fake.pushCallback(IVAN, { chatId: IVAN.id, messageId: toIvan.messageId! }, button(toIvan, 2));
    expect((await answerTo(late)).text).toContain('expired');
    expect(await csatEvents(hub.url, token, ivans.id)).toEqual([]);

    // One request per closed thread, no more.
    expect(fake.sent.filter((m) => m.replyMarkup)).toHaveLength(2);

    expect(await channelCsat(hub.url, token, dayOf(START), 'telegram')).toEqual({ csatAverage: 4, csatResponses: 1 });
  });
});
