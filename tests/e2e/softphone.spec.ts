import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import { chromium, expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../playwright.config.js';
import { findKamailio, startKamailio, type RunningKamailio } from '../../scripts/kamailio.js';
import { startStackScript } from './support/startStack.js';
import { bytesReceived, callPhase } from './support/queuedCalls.js';
import type { SoftphoneStackInfo } from './support/softphoneStack.js';
import { startCallerServer, type CallerServer } from './support/sipCaller.js';

/**
 * The softphone end to end: a real Kamailio on loopback ports picked here, the agent app in
 * Debian's Chromium through the browser host, and bare SIP.js pages as the caller and as a second
 * agent, all with fake audio devices. Media goes browser to browser over loopback ICE.
 */
test.skip(!findKamailio(), 'kamailio is not installed (apt-get install -y kamailio kamailio-websocket-modules)');
test.describe.configure({ mode: 'serial' });
test.setTimeout(90_000);

const MEDIA_ARGS = [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
  // Candidates on 127.0.0.1: without it, the loopback interface is never offered to ICE.
  '--allow-loopback-in-peer-connection',
];

/** The PBX's user table (digest auth): the agent, a second agent and the caller's number. */
const SIP_USERS = { agent1: 'agent1-secret', agent2: 'agent2-secret', '+79161234567': 'caller-secret' } as const;
type SipUser = keyof typeof SIP_USERS;

let pbx: RunningKamailio | null = null;
let pbxPorts: { wsPort: number; udpPort: number };
let stack: (SoftphoneStackInfo & { stop(): Promise<void> }) | null = null;
let callerServer: CallerServer | null = null;
let browser: Browser;
let agentContext: BrowserContext;
let agent: Page;
let caller: Page;
let agent2: Page;

async function freeTcpPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

async function phonePage(name: string, user: SipUser): Promise<Page> {
  const context = await browser.newContext({ permissions: ['microphone'] });
  const page = await context.newPage();
  await page.goto(callerServer!.url);
  const args = [pbx!.wsUrl, `sip:${user}@${pbx!.domain}`, name, SIP_USERS[user]].map((a) => JSON.stringify(a));
  await page.evaluate(`window.phone.register(${args.join(', ')})`);
  return page;
}

const startPbx = () => startKamailio({ ...pbxPorts, users: SIP_USERS, testStatuses: true });

/** An answered call's end puts the agent in after-call work (busy); the tests go on as ready. */
async function backToReady(): Promise<void> {
  await agent.getByLabel('Status', { exact: true }).selectOption('ready');
  await expect(agent.getByLabel('Status', { exact: true })).toHaveValue('ready');
}

/** Reads a field of the bare phone's window.phone (or calls one of its functions). */
async function phone<T>(page: Page, expression: string): Promise<T> {
  return page.evaluate(`(async () => { const phone = window.phone; return ${expression}; })()`) as Promise<T>;
}

test.beforeAll(async () => {
  // Starting the stack compiles it with tsx: on a loaded 2-core machine that alone can take a minute.
  test.setTimeout(180_000);
  pbxPorts = { wsPort: await freeTcpPort(), udpPort: await freeUdpPort() };
  pbx = await startPbx();
  stack = await startStackScript<SoftphoneStackInfo>('tests/e2e/support/softphoneStack.ts', {}, 120_000);
  callerServer = await startCallerServer();
  browser = await chromium.launch({
    executablePath: process.env.OKNO_CHROMIUM ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, ...MEDIA_ARGS],
  });
  agentContext = await browser.newContext({ permissions: ['microphone'], locale: 'en-US' });
  await agentContext.addInitScript(`(() => {
    const Native = window.RTCPeerConnection;
    window.__okno_pcs = [];
    window.__okno_tones = '';
    // Which speaker each media element is sent to (the ringtone's and the calls' <audio>).
    window.__okno_sinks = [];
    // Which media each element starts playing (the ringtone is the shipped resources/sounds file).
    window.__okno_played = [];
    const play = HTMLMediaElement.prototype.play;
    HTMLMediaElement.prototype.play = function (...args) {
      window.__okno_played.push(this.currentSrc || this.src || '');
      return play.apply(this, args);
    };
    const setSink = HTMLMediaElement.prototype.setSinkId;
    if (setSink) {
      HTMLMediaElement.prototype.setSinkId = function (id) {
        window.__okno_sinks.push(id);
        return setSink.call(this, id);
      };
    }
    // RFC 4733: a tone fires 'tonechange' only when the sender actually plays it into the RTP stream.
    const insert = RTCDTMFSender.prototype.insertDTMF;
    RTCDTMFSender.prototype.insertDTMF = function (...args) {
      if (!this.__okno_listening) {
        this.__okno_listening = true;
        this.addEventListener('tonechange', (e) => { window.__okno_tones += e.tone; });
      }
      return insert.apply(this, args);
    };
    window.RTCPeerConnection = class extends Native {
      constructor(...args) { super(...args); window.__okno_pcs.push(this); }
    };
  })()`);
  agent = await agentContext.newPage();
});

test.afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await callerServer?.close();
  await stack?.stop();
  await pbx?.stop();
});

const lineStatus = () => agent.getByRole('status', { name: 'Phone line' });

test('the agent sets up the SIP account and registers', async () => {
  await agent.goto(stack!.agentUrl);
  await agent.getByLabel('Login').fill(stack!.admin.login);
  await agent.getByLabel('Password').fill(stack!.admin.password);
  await agent.getByRole('button', { name: 'Sign in' }).click();
  await expect(lineStatus()).toHaveText('Phone not set up');
  await agent.getByLabel('Status', { exact: true }).selectOption('ready');
  await expect(agent.getByLabel('Status', { exact: true })).toHaveValue('ready');

  await agent.getByRole('button', { name: 'Phone account' }).click();
  const form = agent.getByRole('form', { name: 'SIP account' });
  await form.getByLabel('PBX address (WebSocket)').fill('http://wrong');
  await form.getByLabel('SIP address').fill(`sip:agent1@${pbx!.domain}`);
  await form.getByRole('button', { name: 'Save and connect' }).click();
  await expect(form.getByRole('alert')).toContainText('ws://');

  await form.getByLabel('PBX address (WebSocket)').fill(pbx!.wsUrl);
  await form.getByLabel('SIP address').fill('agent1@');
  await form.getByRole('button', { name: 'Save and connect' }).click();
  await expect(form.getByRole('alert')).toHaveText('Check “SIP address”: it must look like sip:101@pbx.example.com');

  // The PBX asks for a digest: a wrong password ends in "failed" with a plain reason, not "Registering…".
  await form.getByLabel('SIP address').fill(`sip:agent1@${pbx!.domain}`);
  await form.getByLabel('Display name').fill('Agent One');
  await form.getByLabel('SIP password').fill('not-the-password');
  await form.getByRole('button', { name: 'Save and connect' }).click();
  // A new PBX origin reloads the page so its CSP allows the WebSocket; then it registers on its own.
  await expect(lineStatus()).toContainText('Phone registration failed — Wrong user name or password', {
    timeout: 15_000,
  });
  await expect(lineStatus()).toContainText('403');

  await agent.getByRole('button', { name: 'Phone account' }).click();
  await form.getByLabel('SIP password').fill(SIP_USERS.agent1);
  await form.getByRole('button', { name: 'Save and connect' }).click();
  await expect(lineStatus()).toHaveText('Phone ready', { timeout: 15_000 });
});

test('a known customer calls: the card names them, the agent answers, audio flows both ways', async () => {
  caller = await phonePage('Caller', '+79161234567');
  await phone(caller, `phone.call('sip:agent1@${pbx!.domain}')`);

  const card = agent.getByRole('region', { name: /Call with/ });
  await expect(callPhase(card)).toHaveText('Ringing');
  await expect(card).toContainText(stack!.customer.name);
  await expect(card).toContainText('+79161234567');
  await agent.keyboard.press('Alt+A');
  await expect(callPhase(card)).toHaveText('In call');
  await expect.poll(() => phone<string>(caller, 'phone.state')).toBe('Established');

  await expect.poll(() => phone<number>(caller, 'phone.bytesReceived()'), { timeout: 15_000 }).toBeGreaterThan(0);
  await expect.poll(() => bytesReceived(agent), { timeout: 15_000 }).toBeGreaterThan(0);
  await expect(card.getByRole('timer', { name: 'Call time' }).or(card.getByLabel('Call time'))).toHaveText(/00:0\d/);

  // Keypad digits go into the media as RFC 4733 telephone-events (the account's default).
  await card.getByRole('button', { name: 'Send digit 7' }).click();
  await card.getByRole('button', { name: 'Send digit #' }).click();
  await expect.poll(() => agent.evaluate('window.__okno_tones')).toBe('7#');
});

test('hold and resume change the media direction and bring it back', async () => {
  const card = agent.getByRole('region', { name: /Call with/ });
  await expect.poll(() => phone<string>(caller, 'phone.direction()')).toBe('sendrecv');
  await card.getByRole('button', { name: 'Hold' }).click();
  await expect(callPhase(card)).toHaveText('On hold');
  await expect.poll(() => phone<string>(caller, 'phone.direction()')).toBe('recvonly');
  await card.getByRole('button', { name: 'Resume' }).click();
  await expect(callPhase(card)).toHaveText('In call');
  await expect.poll(() => phone<string>(caller, 'phone.direction()')).toBe('sendrecv');
  const before = await phone<number>(caller, 'phone.bytesReceived()');
  await expect.poll(() => phone<number>(caller, 'phone.bytesReceived()')).toBeGreaterThan(before);
});

test('blind transfer: the caller ends up talking to a second agent', async () => {
  agent2 = await phonePage('Agent Two', 'agent2');
  await phone(agent2, 'phone.autoAnswer = true');
  const card = agent.getByRole('region', { name: /Call with/ });
  await card.getByLabel('Transfer to').fill('agent2');
  await card.getByRole('button', { name: 'Transfer' }).click();
  await expect(callPhase(card)).toHaveText('Call ended');
  await expect(card).toContainText('Transferred');
  await expect.poll(() => phone<number>(agent2, 'phone.incoming')).toBe(1);
  await expect.poll(() => phone<string>(caller, 'phone.state')).toBe('Established');
  await expect.poll(() => phone<number>(agent2, 'phone.bytesReceived()'), { timeout: 15_000 }).toBeGreaterThan(0);
  await phone(caller, 'phone.hangUp()');
  await expect.poll(() => phone<string>(agent2, 'phone.state')).toBe('Terminated');
  await card.getByRole('button', { name: 'Close call card' }).click();
  await backToReady();
});

test('attended transfer: the agent consults the second agent, then hands the caller over', async () => {
  await phone(caller, `phone.call('sip:agent1@${pbx!.domain}')`);
  const cards = agent.getByRole('region', { name: /Call with/ });
  const original = cards.first();
  await original.getByRole('button', { name: 'Answer' }).click();
  await expect(callPhase(original)).toHaveText('In call');
  const before = await phone<number>(agent2, 'phone.incoming');

  await original.getByLabel('Transfer to').fill('agent2');
  await original.getByRole('button', { name: 'Call first' }).click();
  await expect(callPhase(original)).toHaveText('On hold');
  const consult = cards.nth(1);
  await expect(callPhase(consult)).toHaveText('In call');
  await expect.poll(() => phone<number>(agent2, 'phone.incoming')).toBe(before + 1);

  await original.getByRole('button', { name: 'Complete transfer' }).click();
  // The caller calls the second agent with Replaces; both of the agent's legs end as transferred.
  await expect.poll(() => phone<number>(agent2, 'phone.incoming')).toBe(before + 2);
  await expect(cards.filter({ hasText: 'Transferred' })).toHaveCount(2);
  await expect.poll(() => phone<string>(caller, 'phone.state')).toBe('Established');
  await expect.poll(() => phone<number>(agent2, 'phone.bytesReceived()'), { timeout: 15_000 }).toBeGreaterThan(0);
  await expect.poll(() => phone<number>(caller, 'phone.referred')).toBe(2);
  await phone(caller, 'phone.hangUp()');
  await expect.poll(() => phone<string>(agent2, 'phone.state')).toBe('Terminated');
  // The transfer chain stays with the call (and goes into its record).
  await expect(cards.first()).toContainText('Transfers: agent2');
  await cards.first().getByRole('button', { name: 'Close call card' }).click();
  await cards.first().getByRole('button', { name: 'Close call card' }).click();
  await expect(cards).toHaveCount(0);
  await backToReady();
});

test('the agent dials out, sends DTMF as SIP INFO, and the other side hangs up', async () => {
  // Switch DTMF to SIP INFO in the account: same PBX, so no reload.
  await agent.getByRole('button', { name: 'Phone account' }).click();
  const form = agent.getByRole('form', { name: 'SIP account' });
  await form.getByLabel('Send keypad digits').selectOption('info');
  await form.getByRole('button', { name: 'Save and connect' }).click();
  await expect(lineStatus()).toHaveText('Phone ready');

  await phone(caller, 'phone.autoAnswer = true');
  await agent.getByLabel('Number to call').fill('8 916 123');
  await agent.getByRole('button', { name: 'Call', exact: true }).click();
  await expect(agent.getByRole('alert')).toContainText('not a phone number');

  await agent.getByLabel('Number to call').fill('89161234567');
  await agent.getByRole('button', { name: 'Call', exact: true }).click();
  const card = agent.getByRole('region', { name: /Call with/ });
  await expect(callPhase(card)).toHaveText('In call');
  await card.getByRole('button', { name: 'Send digit 4' }).click();
  await card.getByRole('button', { name: 'Send digit 2' }).click();
  await card.getByRole('button', { name: 'Send digit #' }).click();
  await expect.poll(() => phone<string>(caller, 'phone.infoDigits')).toBe('42#');

  await phone(caller, 'phone.hangUp()');
  await expect(callPhase(card)).toHaveText('Call ended');
  await expect(card).toContainText('The other side ended the call');
  await card.getByRole('button', { name: 'Close call card' }).click();
  await backToReady();
});

/** A bare phone calls the agent and reports the final status code the PBX brought back. */
const refusedCall = (page: Page) =>
  phone<string>(
    page,
    `new Promise((resolve) => {
      const inviter = new SIP.Inviter(phone.ua, SIP.UserAgent.makeURI('sip:agent1@${pbx!.domain}'), { sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } });
      inviter.invite({ requestDelegate: { onReject: (r) => resolve(String(r.message.statusCode)) } });
    })`,
  );

test('the agent is busy on a call, notes the call, hangs up; not ready refuses calls with 486', async () => {
  await phone(caller, 'phone.autoAnswer = false');
  await phone(caller, `phone.call('sip:agent1@${pbx!.domain}')`);
  const card = agent.getByRole('region', { name: /Call with/ });
  await card.getByRole('button', { name: 'Answer' }).click();
  await expect(callPhase(card)).toHaveText('In call');

  // A second caller while the agent talks: 486 Busy Here, and no second card rings.
  expect(await refusedCall(agent2)).toBe('486');
  await expect(agent.getByText('1 call refused while busy or not ready')).toBeVisible();
  await expect(agent.getByRole('region', { name: /Call with/ })).toHaveCount(1);

  await card.getByLabel('Topic').fill('Delivery date');
  await card.getByLabel('Notes').fill('Asked to move the delivery');
  await card.getByRole('button', { name: 'Hang up' }).click();
  await expect(card).toContainText('You ended the call');
  await expect.poll(() => phone<string>(caller, 'phone.state')).toBe('Terminated');

  // Every call became a phone thread of the known customer, synced through the hub into the queue;
  // the notes typed during the call went with it, and notes saved after the call follow it.
  const queue = agent.getByRole('list', { name: 'Queue' });
  await expect(queue).toContainText('Анна Петрова');
  await expect(queue).toContainText('Call from +79161234567');
  await expect(queue).toContainText('Call to +79161234567');
  await expect(queue).toContainText('Topic: Delivery date');
  await card.getByLabel('Topic').fill('Delivery moved');
  await card.getByRole('button', { name: 'Save notes' }).click();
  await expect(queue).toContainText('Topic: Delivery moved');
  await card.getByRole('button', { name: 'Close call card' }).click();
  await backToReady();

  await agent.getByLabel('Status', { exact: true }).selectOption('not_ready');
  await expect(agent.getByLabel('Status', { exact: true })).toHaveValue('not_ready');
  expect(await refusedCall(caller)).toBe('486');
  await expect(agent.getByText('2 calls refused while busy or not ready')).toBeVisible();
  await expect(agent.getByRole('region', { name: /Call with/ })).toHaveCount(0);
  await backToReady();
});

test('the PBX answers 403/404/480/486/503: each call ends with a clear reason, none stays stuck', async () => {
  const expected: [string, string][] = [
    ['900403', 'Refused by the PBX (403 Forbidden)'],
    ['900404', 'No such number or user (404)'],
    ['900480', 'Not available right now (480)'],
    ['900486', 'Busy (486)'],
    ['900503', 'The PBX is unavailable (503)'],
  ];
  const card = agent.getByRole('region', { name: /Call with/ });
  for (const [number, text] of expected) {
    await agent.getByLabel('Number to call').fill(number);
    await agent.getByRole('button', { name: 'Call', exact: true }).click();
    await expect(callPhase(card)).toHaveText('Call ended');
    await expect(card).toContainText(text);
    await card.getByRole('button', { name: 'Close call card' }).click();
    await expect(card).toHaveCount(0);
  }
});

test('a tel: link in the page asks first, then calls through the softphone', async () => {
  await phone(caller, 'phone.autoAnswer = true');
  // The number in a message of the call's thread is a tel: link (messages link valid numbers).
  await agent.getByRole('list', { name: 'Queue' }).getByText('Call from +79161234567').first().click();
  const number = agent.getByRole('log', { name: 'Messages' }).getByRole('link', { name: '+79161234567' }).first();
  await number.click();
  const confirm = agent.getByRole('alertdialog', { name: 'Call +79161234567?' });
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(agent.getByRole('region', { name: /Call with/ })).toHaveCount(0);

  // Any tel: link anywhere in the page is caught the same way (e.g. in a customer's email).
  await agent.evaluate(`(() => {
    const a = document.createElement('a');
    a.href = 'tel:+7 (916) 123-45-67';
    a.textContent = 'call the customer';
    document.body.appendChild(a);
  })()`);
  await agent.getByText('call the customer').click();
  await confirm.getByRole('button', { name: 'Call', exact: true }).click();
  const card = agent.getByRole('region', { name: /Call with/ });
  await expect(callPhase(card)).toHaveText('In call');
  await expect(card).toContainText('Анна Петрова');
  await card.getByRole('button', { name: 'Hang up' }).click();
  await card.getByRole('button', { name: 'Close call card' }).click();
  await backToReady();
  await phone(caller, 'phone.autoAnswer = false');
});

test('audio settings list the fake devices and the microphone level moves', async () => {
  await agent.getByRole('button', { name: 'Audio' }).click();
  const panel = agent.getByRole('region', { name: 'Microphone and speaker' });
  const microphone = panel.getByLabel('Microphone', { exact: true });
  await expect.poll(() => microphone.locator('option').count()).toBeGreaterThan(1);
  await expect(microphone.locator('option').nth(1)).toHaveText(/fake/i);
  const speaker = panel.getByLabel('Speaker (calls and ringtone)');
  await expect.poll(() => speaker.locator('option').count()).toBeGreaterThan(1);
  const firstMic = await microphone.locator('option').nth(1).getAttribute('value');
  await microphone.selectOption(firstMic!);
  const meter = panel.getByLabel('Microphone level');
  // Chromium's fake microphone beeps once a second: the level rises above digital silence (exactly 0).
  // Sampled every 100 ms: a poll that settles at once a second can keep landing between the beeps.
  await expect
    .poll(() => meter.getAttribute('value').then(Number), { timeout: 10_000, intervals: [100] })
    .toBeGreaterThan(0.001);

  // The ringtone of the next call plays on the speaker chosen here.
  const chosenSpeaker = (await speaker.locator('option').nth(1).getAttribute('value'))!;
  await speaker.selectOption(chosenSpeaker);
  await agent.evaluate('window.__okno_sinks = []');
  await phone(caller, `phone.call('sip:agent1@${pbx!.domain}')`);
  const ringing = agent.getByRole('region', { name: /Call with/ });
  await expect(callPhase(ringing)).toHaveText('Ringing');
  await expect.poll(() => agent.evaluate('window.__okno_sinks')).toContain(chosenSpeaker);
  // …and it is the ringtone file from resources/, served by the app itself.
  const played = await agent.evaluate<string[]>('window.__okno_played');
  const ringtone = played.find((src) => /ringtone[^/]*\.wav$/.test(src));
  expect(ringtone, `media played: ${played.join(', ')}`).toBeTruthy();
  const served = await agent.evaluate(async (src) => {
    const response = await fetch(src);
    return { type: response.headers.get('content-type'), bytes: (await response.arrayBuffer()).byteLength };
  }, ringtone!);
  expect(served.type).toBe('audio/wav');
  expect(served.bytes).toBeGreaterThan(44);
  await ringing.getByRole('button', { name: 'Decline' }).click();
  await expect.poll(() => phone<string>(caller, 'phone.state')).toBe('Terminated');
  await ringing.getByRole('button', { name: 'Close call card' }).click();

  // No echo extension on a bare Kamailio: the test call asks for a target, then dials it.
  await panel.getByRole('button', { name: 'Test call' }).click();
  await expect(agent.getByRole('alert').first()).toContainText('Set the test call number');
  await panel.getByLabel('Test call number (echo)').fill('900486');
  await panel.getByRole('button', { name: 'Test call' }).click();
  const card = agent.getByRole('region', { name: /Call with/ });
  await expect(card).toContainText('Busy (486)');
  await card.getByRole('button', { name: 'Close call card' }).click();
  await panel.getByRole('button', { name: 'Close', exact: true }).click();
});

test('a call to nobody ends with a clear reason and leaves no call stuck', async () => {
  await agent.getByLabel('Number to call').fill('nobody');
  await agent.getByRole('button', { name: 'Call', exact: true }).click();
  const card = agent.getByRole('region', { name: /Call with/ });
  await expect(callPhase(card)).toHaveText('Call ended');
  await expect(card).toContainText('No such number or user (404)');
  await card.getByRole('button', { name: 'Close call card' }).click();
  await expect(card).toHaveCount(0);
});

test('an unreachable PBX: the line says so, a call is refused plainly, and the right PBX registers again', async () => {
  const deadPort = await freeTcpPort();
  await agent.getByRole('button', { name: 'Phone account' }).click();
  const form = agent.getByRole('form', { name: 'SIP account' });
  await form.getByLabel('PBX address (WebSocket)').fill(`ws://127.0.0.1:${deadPort}`);
  await form.getByRole('button', { name: 'Save and connect' }).click();
  await expect(lineStatus()).toContainText('Phone offline — The PBX cannot be reached', { timeout: 15_000 });
  await agent.getByLabel('Number to call').fill('agent2');
  await agent.getByRole('button', { name: 'Call', exact: true }).click();
  await expect(agent.getByRole('alert')).toContainText('The phone is not connected to the PBX');
  await expect(agent.getByRole('region', { name: /Call with/ })).toHaveCount(0);

  await agent.getByRole('button', { name: 'Phone account' }).click();
  await form.getByLabel('PBX address (WebSocket)').fill(pbx!.wsUrl);
  await form.getByRole('button', { name: 'Save and connect' }).click();
  await expect(lineStatus()).toHaveText('Phone ready', { timeout: 15_000 });
});

test('the PBX restarts: the agent registers again without a click', async () => {
  await expect(lineStatus()).toHaveText('Phone ready');
  await pbx!.stop();
  await expect(lineStatus()).toContainText('Phone offline', { timeout: 15_000 });
  await new Promise((resolve) => setTimeout(resolve, 1000));
  pbx = await startPbx();
  await expect(lineStatus()).toHaveText('Phone ready', { timeout: 30_000 });
});
