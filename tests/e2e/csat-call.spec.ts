import path from 'node:path';
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../playwright.config.js';
import { SYNC_API } from '../../src/shared/sync.js';
import { pbxStackMissing, Phone, startPbxStack, writeToneWav, type PbxStack } from '../support/pbxStack.js';
import type { CallQueueStackInfo, CallQueueStackPbx } from './support/callQueueStack.js';
import { hubLogin } from './support/hubApi.js';
import { startStackScript } from './support/startStack.js';

/**
 * The rating after a call through the app's own softphone (issue 16, decision 0041): Anna answers a
 * queued call in Chromium and clicks Hang up; on a line that rates, the softphone transfers the caller
 * (REFER) to the hub's one-time rating address instead of hanging up; the baresip caller follows it,
 * hears the question on early media, presses 4, and the thread holds the rating with its channel.
 */
const missing = pbxStackMissing();
test.skip(missing !== null, `${missing} (scripts/test.sh installs the PBX packages)`);
test.describe.configure({ mode: 'serial' });
test.setTimeout(90_000);

const CALLER = '+79161239999';
const MEDIA_ARGS = [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
  '--allow-loopback-in-peer-connection',
];

let pbx: PbxStack | null = null;
let stack: (CallQueueStackInfo & { stop(): Promise<void> }) | null = null;
let browser: Browser | null = null;
let caller: Phone | null = null;
let admin: string;
let page: Page;
let annaId: string;

async function hub<T>(route: string, init: { method?: string; json?: unknown } = {}): Promise<T> {
  const reply = await fetch(`${stack!.hubUrl}${route}`, {
    method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
    headers: {
      authorization: `Bearer ${admin}`,
      ...(init.json === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });
  const text = await reply.text();
  expect(reply.ok, `${route}: ${reply.status} ${text}`).toBe(true);
  return (text ? JSON.parse(text) : null) as T;
}

async function latestPhoneThread(): Promise<{ id: string; assigneeId: string | null } | undefined> {
  const { changes } = await hub<{
    changes: { entity: string; data: { id: string; channel: string; assigneeId: string | null } }[];
  }>(`${SYNC_API.pull}?after=0&limit=5000`);
  return changes.filter((c) => c.entity === 'thread' && c.data.channel === 'phone').at(-1)?.data;
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  pbx = await startPbxStack({ users: { anna: 'anna-sip-secret' }, trunkIps: ['127.0.0.2'] });
  const ports: CallQueueStackPbx = {
    evapiPort: pbx.evapiPort,
    ngPort: pbx.ngPort,
    dtmfPort: pbx.dtmfPort,
    offerSeconds: 10,
    workstations: 1,
  };
  stack = await startStackScript<CallQueueStackInfo>(
    'tests/e2e/support/callQueueStack.ts',
    { OKNO_E2E_PBX: JSON.stringify(ports) },
    120_000,
  );
  admin = await hubLogin(stack.hubUrl, stack.admin);
  const config = await hub<{ agentStatus: object }>('/api/v1/routing-config');
  await hub('/api/v1/routing-config', {
    method: 'PUT',
    json: { ...config, agentStatus: { ...config.agentStatus, afterCallWorkSeconds: 0 } },
  });
  annaId = (
    await hub<{ id: string }>('/api/v1/agents', {
      json: { login: 'anna', name: 'Anna', role: 'agent', password: 'password-123' },
    })
  ).id;
  const group = await hub<{ id: string }>('/api/v1/groups', {
    json: { name: 'Phone', skills: { topics: [], channels: ['phone'] }, memberIds: [annaId] },
  });
  const line = await hub<{ id: string }>('/api/v1/lines', {
    json: { number: '8802', name: 'Bank', language: 'en', groupId: group.id, maxWaitSeconds: 120 },
  });
  await hub('/api/v1/csat/settings', {
    method: 'PUT',
    json: { lineIds: [line.id], channels: [], validityHours: 72, linkBase: null },
  });

  caller = await Phone.start({
    dir: path.join(pbx.dir, 'caller'),
    user: CALLER,
    stack: pbx,
    answer: 'manual',
    audioFile: writeToneWav(path.join(pbx.dir, 'caller.wav'), { hz: 400, seconds: 300 }),
  });
  browser = await chromium.launch({
    executablePath: process.env.OKNO_CHROMIUM ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, ...MEDIA_ARGS],
  });
  const context = await browser.newContext({ permissions: ['microphone'], locale: 'en-US' });
  page = await context.newPage();
  await page.goto(stack.agentUrls[0]!);
  await page.getByLabel('Login').fill('anna');
  await page.getByLabel('Password').fill('password-123');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('list', { name: 'Queue' })).toBeVisible();
  await page.getByRole('button', { name: 'Phone account' }).click();
  const form = page.getByRole('form', { name: 'SIP account' });
  await form.getByLabel('PBX address (WebSocket)').fill(pbx.kamailio.wsUrl);
  // With the PBX's UDP port: the caller follows the transfer's Refer-To, which the softphone builds from it.
  await form.getByLabel('SIP address').fill(`sip:anna@${pbx.domain}:${pbx.udpPort}`);
  await form.getByLabel('Display name').fill('Anna');
  await form.getByLabel('SIP password').fill('anna-sip-secret');
  await form.getByRole('button', { name: 'Save and connect' }).click();
  await expect(page.getByRole('status', { name: 'Phone line' })).toHaveText('Phone ready', { timeout: 20_000 });
});

test.afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await caller?.stop();
  await stack?.stop();
  await pbx?.stop();
});

test('Hang up on a line that rates hands the caller to the rating; the digit is recorded on the thread', async () => {
  const status = page.getByLabel('Status', { exact: true });
  await status.selectOption('ready');
  await expect(status).toHaveValue('ready');
  const established = caller!.waitEvent('CALL_ESTABLISHED', 45_000);
  await caller!.request('dial', `sip:8802@${pbx!.domain}:${pbx!.udpPort}`);
  const card = page.getByRole('region', { name: /^Call with/ });
  // The card has more than one status (the call-quality warning): find the call's by its words.
  await expect(card.getByRole('status').filter({ hasText: 'Ringing' })).toBeVisible({ timeout: 30_000 });
  await card.getByRole('button', { name: 'Answer' }).click();
  await expect(card.getByRole('status').filter({ hasText: 'In call' })).toBeVisible();
  await established;
  let thread: { id: string; assigneeId: string | null } | undefined;
  await expect
    .poll(async () => {
      thread = await latestPhoneThread();
      return thread?.assigneeId;
    })
    .toBe(annaId);

  const transferred = caller!.waitEvent('TRANSFER', 20_000);
  // The caller's new call to the rating address is answered on early media (183), like a queued call.
  const progress = caller!.waitEvent('CALL_PROGRESS', 30_000);
  await card.getByRole('button', { name: 'Hang up' }).click();
  expect(String((await transferred).param)).toMatch(/^sip:csat-/);
  await progress;
  const atTransfer = caller!.receivedAudio().samples;
  await expect
    .poll(() => caller!.receivedAudio().samples, { message: 'the question reaches the caller', timeout: 20_000 })
    .toBeGreaterThan(atTransfer + 8000);
  const closed = caller!.waitEvent('CALL_CLOSED', 30_000);
  await caller!.request('sndcode', '4');
  await expect
    .poll(async () =>
      (await hub<{ events: { kind: string; data: unknown }[] }>(`/api/v1/threads/${thread!.id}/events`)).events
        .filter((e) => e.kind === 'csat')
        .map((e) => e.data),
    )
    .toEqual([{ score: 4, channel: 'phone' }]);
  await closed;
});
