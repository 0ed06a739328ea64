import path from 'node:path';
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../playwright.config.js';
import { pbxStackMissing, Phone, writeToneWav, type PbxStack } from '../support/pbxStack.js';
import type { CallQueueStackInfo } from './support/callQueueStack.js';
import {
  bytesReceived,
  callPhase,
  connectPhone,
  MEDIA_ARGS,
  phoneThreads as hubPhoneThreads,
  RECORD_PEER_CONNECTIONS,
  startQueuedCalls,
  withoutAfterCallWork,
  type HubRequest,
  type PhoneThread,
} from './support/queuedCalls.js';

/**
 * Calls of the queue in Debian's Chromium against real Kamailio + rtpengine (decisions 0020, 0021):
 * a baresip caller with plain RTP dials the line as a trunk, hears the menu, presses a digit and
 * waits; three agents work in their own browser pages (each its own agent core and browser host)
 * with WebRTC softphones registered to Kamailio with digest auth. Anna and Boris take cards, Vera
 * loans. Offers ring OFFER_SECONDS.
 */
const missing = pbxStackMissing();
test.skip(missing !== null, `${missing} (scripts/test.sh installs the PBX packages)`);
test.describe.configure({ mode: 'serial' });
test.setTimeout(60_000);

const OFFER_SECONDS = 4;
const CALLER = '+79161234567';
const AGENTS = [
  { login: 'anna', name: 'Anna', sip: 'anna', secret: 'anna-sip-secret', group: 'Cards' },
  { login: 'boris', name: 'Boris', sip: 'boris', secret: 'boris-sip-secret', group: 'Cards' },
  { login: 'vera', name: 'Vera', sip: 'vera', secret: 'vera-sip-secret', group: 'Loans' },
] as const;
type AgentLogin = (typeof AGENTS)[number]['login'];

interface ThreadEvent {
  kind: string;
  data: Record<string, unknown>;
}

let pbx: PbxStack | null = null;
let stack: (CallQueueStackInfo & { stop(): Promise<void> }) | null = null;
let browser: Browser | null = null;
let caller: Phone | null = null;
let hub: HubRequest;
const pages = {} as Record<AgentLogin, Page>;
const agentIds = {} as Record<AgentLogin, string>;

const phoneThreads = () => hubPhoneThreads(hub);

const eventsOf = async (threadId: string) =>
  (await hub<{ events: ThreadEvent[] }>(`/api/v1/threads/${threadId}/events`)).events;
const kindsOf = async (threadId: string) => (await eventsOf(threadId)).map((e) => e.kind);

const statusOf = (page: Page) => page.getByLabel('Status', { exact: true });
async function setStatus(page: Page, status: 'ready' | 'not_ready'): Promise<void> {
  await statusOf(page).selectOption(status);
  await expect(statusOf(page)).toHaveValue(status);
}
const callCard = (page: Page) => page.getByRole('region', { name: /^Call with/ });
const heard = () => caller!.receivedAudio().samples;

/** The caller dials the line, hears the menu (no agent involved) and presses `digit`; resolves with the thread. */
async function dialAndChoose(digit: string): Promise<PhoneThread> {
  const before = (await phoneThreads()).length;
  await caller!.request('dial', `sip:8800@${pbx!.domain}:${pbx!.udpPort}`);
  let thread: PhoneThread | undefined;
  await expect
    .poll(async () => {
      thread = (await phoneThreads())[before];
      return thread?.status;
    }, 'the call becomes an open thread at arrival')
    .toBe('open');
  const atArrival = heard();
  // 4000 samples = half a second of the menu prompt at 8 kHz, played by rtpengine on early media.
  await expect.poll(heard, { message: 'the menu reaches the caller' }).toBeGreaterThan(atArrival + 4000);
  await caller!.request('sndcode', digit);
  await expect.poll(() => kindsOf(thread!.id), 'the choice queues the call').toContain('call_queued');
  return thread!;
}

test.beforeAll(async () => {
  // The stack compiles with tsx and three agent cores start: on a loaded 2-core machine that takes a while.
  test.setTimeout(180_000);
  ({ pbx, stack, hub } = await startQueuedCalls({
    users: Object.fromEntries(AGENTS.map((a) => [a.sip, a.secret])),
    workstations: AGENTS.length,
    offerSeconds: OFFER_SECONDS,
  }));
  await withoutAfterCallWork(hub);
  for (const agent of AGENTS) {
    const created = await hub<{ id: string }>('/api/v1/agents', {
      json: { login: agent.login, name: agent.name, role: 'agent', password: 'password-123' },
    });
    agentIds[agent.login] = created.id;
  }
  for (const [name, topic] of [
    ['Cards', 'cards'],
    ['Loans', 'loans'],
  ] as const) {
    await hub('/api/v1/groups', {
      json: {
        name,
        skills: { topics: [topic], channels: ['phone'] },
        memberIds: AGENTS.filter((a) => a.group === name).map((a) => agentIds[a.login]),
      },
    });
  }
  await hub('/api/v1/lines', {
    json: {
      number: '8800',
      name: 'Bank',
      language: 'en',
      groupId: null,
      announceEverySeconds: 10,
      maxWaitSeconds: 120,
      menu: {
        start: 'main',
        nodes: {
          main: { kind: 'ask', prompt: 'menu_main', options: { '1': 'cards', '2': 'loans' }, timeoutSeconds: 10 },
          cards: { kind: 'queue', topic: 'cards' },
          loans: { kind: 'queue', topic: 'loans' },
        },
      },
    },
  });

  const voice = writeToneWav(path.join(pbx.dir, 'caller.wav'), { hz: 400, seconds: 300 });
  caller = await Phone.start({
    dir: path.join(pbx.dir, 'caller'),
    user: CALLER,
    stack: pbx,
    answer: 'manual',
    audioFile: voice,
  });

  browser = await chromium.launch({
    executablePath: process.env.OKNO_CHROMIUM ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, ...MEDIA_ARGS],
  });
  await Promise.all(
    AGENTS.map(async (agent, index) => {
      const context = await browser!.newContext({ permissions: ['microphone'], locale: 'en-US' });
      await context.addInitScript(RECORD_PEER_CONNECTIONS);
      const page = await context.newPage();
      pages[agent.login] = page;
      await page.goto(stack!.agentUrls[index]!);
      await page.getByLabel('Login').fill(agent.login);
      await page.getByLabel('Password').fill('password-123');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('list', { name: 'Queue' })).toBeVisible();
      await connectPhone(page, pbx!, agent);
    }),
  );
});

test.afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await caller?.stop();
  await stack?.stop();
  await pbx?.stop();
});

test('the caller hears the menu, waits, rings out at Anna and is answered by Boris; audio flows both ways', async () => {
  const { anna, boris, vera } = pages;
  // Vera is ready with a registered softphone but takes loans, not cards; Anna and Boris are not ready.
  await setStatus(vera, 'ready');
  await setStatus(anna, 'not_ready');
  await setStatus(boris, 'not_ready');

  const established = caller!.waitEvent('CALL_ESTABLISHED', 45_000);
  const thread = await dialAndChoose('1');
  // Waiting: announcements and music keep coming while nobody can take the call.
  const waiting = heard();
  await expect.poll(heard, { message: 'the waiting caller hears the queue' }).toBeGreaterThan(waiting + 8000);
  expect(await kindsOf(thread.id)).not.toContain('offered');

  // Anna becomes ready: her softphone rings with the queued call and its thread.
  await setStatus(anna, 'ready');
  const annaCard = callCard(anna);
  await expect(callPhase(annaCard)).toHaveText('Ringing', { timeout: 15_000 });
  const annaOffer = annaCard.getByRole('group', { name: 'Queued call offered to you' });
  await expect(annaOffer).toContainText(`Thread #${thread.number}`);
  // Boris becomes ready while Anna's phone rings; Anna lets it ring out.
  await setStatus(boris, 'ready');

  const borisCard = callCard(boris);
  await expect(callPhase(borisCard)).toHaveText('Ringing', { timeout: OFFER_SECONDS * 1000 + 15_000 });
  await expect(borisCard.getByRole('group', { name: 'Queued call offered to you' })).toContainText(
    `Thread #${thread.number}`,
  );
  // Anna's status shows the missed offer.
  await expect(statusOf(anna)).toHaveValue('not_ready');
  await expect(anna.getByLabel('Reason')).toHaveValue('missed_offer');
  await expect(anna.getByRole('status').filter({ hasText: 'you did not take it in time' })).toBeVisible();

  const beforeAnswer = heard();
  await borisCard.getByRole('button', { name: 'Answer' }).click();
  await expect(callPhase(borisCard)).toHaveText('In call');
  await established;
  // Audio both ways: Boris's page receives the caller's RTP over DTLS-SRTP, the caller receives Boris's.
  await expect.poll(() => bytesReceived(boris), { timeout: 15_000 }).toBeGreaterThan(8000);
  const atAudio = await bytesReceived(boris);
  await expect.poll(() => bytesReceived(boris)).toBeGreaterThan(atAudio + 4000);
  await expect.poll(heard, { timeout: 15_000 }).toBeGreaterThan(beforeAnswer + 8000);

  await expect
    .poll(async () => (await phoneThreads()).find((t) => t.id === thread.id)?.assigneeId)
    .toBe(agentIds.boris);
  const offered = (await eventsOf(thread.id)).filter((e) => e.kind === 'offered').map((e) => e.data.agentName);
  expect(offered).toEqual(['Anna', 'Boris']);
  expect(await kindsOf(thread.id)).toEqual(expect.arrayContaining(['menu_choice', 'offer_missed', 'answered']));
});

test('Boris transfers the call to Loans with a note; it re-enters the queue and rings at Vera with the same thread', async () => {
  const { boris, vera } = pages;
  const thread = (await phoneThreads()).at(-1)!;
  const borisCard = callCard(boris);
  const form = borisCard.getByRole('form', { name: 'Hand the call to a group or line' });
  await form.getByLabel('Group or line').selectOption({ label: 'Loans' });
  await form.getByLabel('Note for whoever takes the call').fill('Wants a loan for a car');
  await form.getByRole('button', { name: 'Transfer to group' }).click();
  await expect(callPhase(borisCard)).toHaveText('Call ended');
  await expect(borisCard).toContainText('Transferred');

  const veraCard = callCard(vera);
  await expect(callPhase(veraCard)).toHaveText('Ringing', { timeout: 15_000 });
  await expect(veraCard.getByRole('group', { name: 'Queued call offered to you' })).toContainText(
    `Thread #${thread.number}`,
  );
  // baresip followed the REFER: a new INVITE to the hub's transfer address brought the same thread back.
  expect(caller!.events.find((e) => e.type === 'TRANSFER')?.param).toMatch(/^sip:xfer-/);
  const transferred = (await eventsOf(thread.id)).find((e) => e.kind === 'transferred');
  expect(transferred?.data).toMatchObject({ note: 'Wants a loan for a car' });

  const established = caller!.waitEvent('CALL_ESTABLISHED', 15_000);
  const beforeAnswer = heard();
  await veraCard.getByRole('button', { name: 'Answer' }).click();
  await expect(callPhase(veraCard)).toHaveText('In call');
  await established;
  await expect.poll(() => bytesReceived(vera), { timeout: 15_000 }).toBeGreaterThan(8000);
  await expect.poll(heard, { timeout: 15_000 }).toBeGreaterThan(beforeAnswer + 8000);
  await expect.poll(async () => (await phoneThreads()).find((t) => t.id === thread.id)?.assigneeId).toBe(agentIds.vera);

  const closed = caller!.waitEvent('CALL_CLOSED', 15_000);
  await veraCard.getByRole('button', { name: 'Hang up' }).click();
  await closed;
  await expect(callPhase(veraCard)).toHaveText('Call ended');
  await veraCard.getByRole('button', { name: 'Close call card' }).click();
  await borisCard.getByRole('button', { name: 'Close call card' }).click();
});

test('a caller who gives up leaves a callback task; it clears when they call again and are answered', async () => {
  const { boris } = pages;
  await setStatus(boris, 'not_ready');
  const waiting = await dialAndChoose('1');
  const queuedAt = Date.now();
  // The condition is time itself: longer than a short abandon (5 s), so the caller really waited.
  await expect.poll(() => Date.now() - queuedAt, { timeout: 10_000 }).toBeGreaterThan(5_500);
  const closed = caller!.waitEvent('CALL_CLOSED', 10_000);
  await caller!.request('hangup');
  await closed;

  // The task is the group's, not Boris's own: it shows under "My groups".
  await boris.getByLabel('Show').selectOption('groups');
  const queue = boris.getByRole('list', { name: 'Queue' });
  const callBack = queue.getByRole('button', { name: `Call back ${CALLER}` });
  await expect(callBack).toBeVisible();
  expect(await kindsOf(waiting.id)).toContain('callback_task');

  await setStatus(boris, 'ready');
  const established = caller!.waitEvent('CALL_ESTABLISHED', 30_000);
  await dialAndChoose('1');
  const card = callCard(boris);
  await card.getByRole('button', { name: 'Answer' }).click();
  await established;
  await expect(callBack).toHaveCount(0, { timeout: 15_000 });
  expect(await kindsOf(waiting.id)).toContain('callback_cleared');
  expect((await hub<{ callbacks: unknown[] }>('/api/v1/callbacks')).callbacks).toEqual([]);

  const ended = caller!.waitEvent('CALL_CLOSED', 15_000);
  await card.getByRole('button', { name: 'Hang up' }).click();
  await ended;
  await card.getByRole('button', { name: 'Close call card' }).click();
});

test('a blocked number gets busy (486) from the PBX and rings nobody', async () => {
  await hub('/api/v1/blocklist', { json: { kind: 'phone', value: '8 916 123-45-67', reason: 'abuse' } });
  const before = (await phoneThreads()).length;
  const closed = caller!.waitEvent('CALL_CLOSED', 15_000);
  await caller!.request('dial', `sip:8800@${pbx!.domain}:${pbx!.udpPort}`);
  expect(String((await closed).param)).toMatch(/486/);
  const thread = (await phoneThreads())[before];
  expect(thread).toMatchObject({ status: 'closed', assigneeId: null });
  // Rejected at arrival while Boris is ready: the call was never offered.
  const kinds = await kindsOf(thread!.id);
  expect(kinds).toContain('blocked');
  expect(kinds).not.toContain('offered');
});
