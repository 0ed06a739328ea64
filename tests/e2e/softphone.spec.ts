import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import { chromium, expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../playwright.config.js';
import { findKamailio, startKamailio, type RunningKamailio } from '../../scripts/kamailio.js';
import { startStackScript } from './support/startStack.js';
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

async function phonePage(name: string, user: string): Promise<Page> {
  const context = await browser.newContext({ permissions: ['microphone'] });
  const page = await context.newPage();
  await page.goto(callerServer!.url);
  await page.evaluate(
    `window.phone.register(${JSON.stringify(pbx!.wsUrl)}, ${JSON.stringify(`sip:${user}@${pbx!.domain}`)}, ${JSON.stringify(name)})`,
  );
  return page;
}

/** Reads a field of the bare phone's window.phone (or calls one of its functions). */
async function phone<T>(page: Page, expression: string): Promise<T> {
  return page.evaluate(`(async () => { const phone = window.phone; return ${expression}; })()`) as Promise<T>;
}

/** Sum of inbound audio bytes over every peer connection the agent app made (recorded by an init script). */
async function agentBytesReceived(): Promise<number> {
  return agent.evaluate(`(async () => {
    let bytes = 0;
    for (const pc of window.__okno_pcs || []) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((r) => { if (r.type === 'inbound-rtp' && r.kind === 'audio') bytes += r.bytesReceived || 0; });
    }
    return bytes;
  })()`) as Promise<number>;
}

test.beforeAll(async () => {
  pbxPorts = { wsPort: await freeTcpPort(), udpPort: await freeUdpPort() };
  pbx = await startKamailio({ ...pbxPorts });
  stack = await startStackScript<SoftphoneStackInfo>('tests/e2e/support/softphoneStack.ts');
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
  await agent.getByLabel('Status').selectOption('ready');
  await expect(agent.getByLabel('Status')).toHaveValue('ready');

  await agent.getByRole('button', { name: 'Phone account' }).click();
  const form = agent.getByRole('form', { name: 'SIP account' });
  await form.getByLabel('PBX address (WebSocket)').fill('http://wrong');
  await form.getByLabel('SIP address').fill(`sip:agent1@${pbx!.domain}`);
  await form.getByRole('button', { name: 'Save and connect' }).click();
  await expect(form.getByRole('alert')).toContainText('ws://');

  await form.getByLabel('PBX address (WebSocket)').fill(pbx!.wsUrl);
  await form.getByLabel('Display name').fill('Agent One');
  await form.getByRole('button', { name: 'Save and connect' }).click();
  // A new PBX origin reloads the page so its CSP allows the WebSocket; then it registers on its own.
  await expect(lineStatus()).toHaveText('Phone ready', { timeout: 15_000 });
});

test('a known customer calls: the card names them, the agent answers, audio flows both ways', async () => {
  caller = await phonePage('Caller', '+79161234567');
  await phone(caller, `phone.call('sip:agent1@${pbx!.domain}')`);

  const card = agent.getByRole('region', { name: /Call with/ });
  await expect(card.getByRole('status')).toHaveText('Ringing');
  await expect(card).toContainText(stack!.customer.name);
  await expect(card).toContainText('+79161234567');
  await agent.keyboard.press('Alt+A');
  await expect(card.getByRole('status')).toHaveText('In call');
  await expect.poll(() => phone<string>(caller, 'phone.state')).toBe('Established');

  await expect.poll(() => phone<number>(caller, 'phone.bytesReceived()'), { timeout: 15_000 }).toBeGreaterThan(0);
  await expect.poll(() => agentBytesReceived(), { timeout: 15_000 }).toBeGreaterThan(0);
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
  await expect(card.getByRole('status')).toHaveText('On hold');
  await expect.poll(() => phone<string>(caller, 'phone.direction()')).toBe('recvonly');
  await card.getByRole('button', { name: 'Resume' }).click();
  await expect(card.getByRole('status')).toHaveText('In call');
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
  await expect(card.getByRole('status')).toHaveText('Call ended');
  await expect(card).toContainText('Transferred');
  await expect.poll(() => phone<number>(agent2, 'phone.incoming')).toBe(1);
  await expect.poll(() => phone<string>(caller, 'phone.state')).toBe('Established');
  await expect.poll(() => phone<number>(agent2, 'phone.bytesReceived()'), { timeout: 15_000 }).toBeGreaterThan(0);
  await phone(caller, 'phone.hangUp()');
  await expect.poll(() => phone<string>(agent2, 'phone.state')).toBe('Terminated');
  await card.getByRole('button', { name: 'Close call card' }).click();
});

test('attended transfer: the agent consults the second agent, then hands the caller over', async () => {
  await phone(caller, `phone.call('sip:agent1@${pbx!.domain}')`);
  const cards = agent.getByRole('region', { name: /Call with/ });
  const original = cards.first();
  await original.getByRole('button', { name: 'Answer' }).click();
  await expect(original.getByRole('status')).toHaveText('In call');
  const before = await phone<number>(agent2, 'phone.incoming');

  await original.getByLabel('Transfer to').fill('agent2');
  await original.getByRole('button', { name: 'Call first' }).click();
  await expect(original.getByRole('status')).toHaveText('On hold');
  const consult = cards.nth(1);
  await expect(consult.getByRole('status')).toHaveText('In call');
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
  await cards.first().getByRole('button', { name: 'Close call card' }).click();
  await cards.first().getByRole('button', { name: 'Close call card' }).click();
  await expect(cards).toHaveCount(0);
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
  await expect(card.getByRole('status')).toHaveText('In call');
  await card.getByRole('button', { name: 'Send digit 4' }).click();
  await card.getByRole('button', { name: 'Send digit 2' }).click();
  await card.getByRole('button', { name: 'Send digit #' }).click();
  await expect.poll(() => phone<string>(caller, 'phone.infoDigits')).toBe('42#');

  await phone(caller, 'phone.hangUp()');
  await expect(card.getByRole('status')).toHaveText('Call ended');
  await expect(card).toContainText('The other side ended the call');
  await card.getByRole('button', { name: 'Close call card' }).click();
});

test('the agent hangs up; not ready refuses calls with 486', async () => {
  await phone(caller, 'phone.autoAnswer = false');
  await phone(caller, `phone.call('sip:agent1@${pbx!.domain}')`);
  const card = agent.getByRole('region', { name: /Call with/ });
  await card.getByRole('button', { name: 'Answer' }).click();
  await expect(card.getByRole('status')).toHaveText('In call');
  await card.getByRole('button', { name: 'Hang up' }).click();
  await expect(card).toContainText('You ended the call');
  await expect.poll(() => phone<string>(caller, 'phone.state')).toBe('Terminated');
  await card.getByRole('button', { name: 'Close call card' }).click();

  // Every call became a phone thread of the known customer, synced through the hub into the queue.
  const queue = agent.getByRole('list', { name: 'Queue' });
  await expect(queue).toContainText('Анна Петрова');
  await expect(queue).toContainText('Call from +79161234567');
  await expect(queue).toContainText('Call to +79161234567');

  await agent.getByLabel('Status').selectOption('not_ready');
  await expect(agent.getByLabel('Status')).toHaveValue('not_ready');
  const refused = await phone<string>(
    caller,
    `new Promise((resolve) => {
      const inviter = new SIP.Inviter(phone.ua, SIP.UserAgent.makeURI('sip:agent1@${pbx!.domain}'), { sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } });
      inviter.invite({ requestDelegate: { onReject: (r) => resolve(String(r.message.statusCode)) } });
    })`,
  );
  expect(refused).toBe('486');
  await expect(agent.getByText('1 call refused while not ready')).toBeVisible();
  await expect(agent.getByRole('region', { name: /Call with/ })).toHaveCount(0);
  await agent.getByLabel('Status').selectOption('ready');
});

test('a call to nobody ends with a clear reason and leaves no call stuck', async () => {
  await agent.getByLabel('Number to call').fill('nobody');
  await agent.getByRole('button', { name: 'Call', exact: true }).click();
  const card = agent.getByRole('region', { name: /Call with/ });
  await expect(card.getByRole('status')).toHaveText('Call ended');
  await expect(card).toContainText('No such number or user (404)');
  await card.getByRole('button', { name: 'Close call card' }).click();
  await expect(card).toHaveCount(0);
});

test('the PBX restarts: the agent registers again without a click', async () => {
  await expect(lineStatus()).toHaveText('Phone ready');
  await pbx!.stop();
  await expect(lineStatus()).toContainText('Phone offline', { timeout: 15_000 });
  await new Promise((resolve) => setTimeout(resolve, 1000));
  pbx = await startKamailio({ ...pbxPorts });
  await expect(lineStatus()).toHaveText('Phone ready', { timeout: 30_000 });
});
