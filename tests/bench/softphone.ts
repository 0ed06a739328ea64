/**
 * Softphone timings through a real Kamailio, in Debian's Chromium with fake audio:
 * - INVITE sent by a bare SIP.js caller → "Ringing" shown in the agent app;
 * - Answer clicked in the app → first inbound audio bytes at the agent (getStats).
 * Each next to the same step done by bare RTCPeerConnections on one page (a data-channel message
 * painted on screen; answer applied → first inbound audio bytes): the machine's floor.
 * Times are taken inside the pages (performance.timeOrigin + now()), not by polling from Node.
 */
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../playwright.config.js';
import { findKamailio, startKamailio } from '../../scripts/kamailio.js';
import { startCallerServer } from '../e2e/support/sipCaller.js';
import type { SoftphoneStackInfo } from '../e2e/support/softphoneStack.js';
import { startStackScript } from '../e2e/support/startStack.js';
import { summarize } from './stats.js';
import { freePort } from '../support/freePort.js';

const MEDIA_ARGS = [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
  '--allow-loopback-in-peer-connection',
];


/** Installed in the agent page: stamps when "Ringing" appears, when Answer is clicked, when audio first arrives. */
const AGENT_PROBE = `(() => {
  const Native = window.RTCPeerConnection;
  const pcs = [];
  window.RTCPeerConnection = class extends Native { constructor(...a) { super(...a); pcs.push(this); } };
  const now = () => performance.timeOrigin + performance.now();
  const probe = (window.__probe = { ringingAt: [], answerAt: [], audioAt: [] });
  new MutationObserver(() => {
    const ringing = [...document.querySelectorAll('.call-phase')].some((e) => e.textContent === 'Ringing');
    if (ringing && probe.ringingAt.length === probe.answerAt.length) probe.ringingAt.push(now());
  }).observe(document, { subtree: true, childList: true, characterData: true });
  document.addEventListener('click', (event) => {
    if (!(event.target instanceof Element) || event.target.textContent !== 'Answer') return;
    const seen = pcs.length;
    probe.answerAt.push(now());
    const poll = async () => {
      for (const pc of pcs.slice(seen)) {
        let bytes = 0;
        (await pc.getStats()).forEach((r) => { if (r.type === 'inbound-rtp' && r.kind === 'audio') bytes += r.bytesReceived || 0; });
        if (bytes > 0) { probe.audioAt.push(now()); return; }
      }
      setTimeout(poll, 5);
    };
    void poll();
  }, true);
})()`;

/** Bare RTCPeerConnections on one page: the floor for both steps. */
const BARE_BASELINE = `(async () => {
  const now = () => performance.timeOrigin + performance.now();
  const a = new RTCPeerConnection(), b = new RTCPeerConnection();
  a.onicecandidate = (e) => e.candidate && b.addIceCandidate(e.candidate);
  b.onicecandidate = (e) => e.candidate && a.addIceCandidate(e.candidate);
  const micA = await navigator.mediaDevices.getUserMedia({ audio: true });
  const micB = await navigator.mediaDevices.getUserMedia({ audio: true });
  micA.getTracks().forEach((t) => a.addTrack(t, micA));
  micB.getTracks().forEach((t) => b.addTrack(t, micB));
  const channel = a.createDataChannel('ring');
  let received;
  b.ondatachannel = (e) => { received = e.channel; };
  await a.setLocalDescription(await a.createOffer());
  await b.setRemoteDescription(a.localDescription);
  const answer = await b.createAnswer();
  const answeredAt = now();
  await b.setLocalDescription(answer);
  await a.setRemoteDescription(answer);
  let audioAt = 0;
  for (let i = 0; i < 2000 && !audioAt; i++) {
    let bytes = 0;
    (await a.getStats()).forEach((r) => { if (r.type === 'inbound-rtp' && r.kind === 'audio') bytes += r.bytesReceived || 0; });
    if (bytes > 0) audioAt = now(); else await new Promise((r) => setTimeout(r, 5));
  }
  for (let i = 0; i < 400 && (channel.readyState !== 'open' || !received); i++) await new Promise((r) => setTimeout(r, 5));
  const shown = document.createElement('p');
  document.body.append(shown);
  const paintedAt = new Promise((resolve) => {
    received.onmessage = () => { shown.textContent = 'Ringing'; requestAnimationFrame(() => resolve(now())); };
  });
  const sentAt = now();
  channel.send('ring');
  const ringingMs = (await paintedAt) - sentAt;
  a.close(); b.close();
  return { ringingMs, firstAudioMs: audioAt ? audioAt - answeredAt : null };
})()`;

export interface SoftphoneBench {
  calls: number;
  inviteToRingingShownMs: ReturnType<typeof summarize>;
  answerToFirstInboundAudioMs: ReturnType<typeof summarize>;
  bare: { messageToPaintMs: ReturnType<typeof summarize>; answerToFirstInboundAudioMs: ReturnType<typeof summarize> };
  ratios: { ringing: number; firstAudio: number };
  note: string;
}

export async function benchSoftphone(calls: number): Promise<SoftphoneBench | { skipped: string }> {
  if (!findKamailio()) return { skipped: 'kamailio is not installed' };
  // Open PBX (no digest auth): the figures compare signalling and media, not the 407 round trip.
  const pbx = await startKamailio({ wsPort: await freePort('tcp'), udpPort: await freePort('udp'), users: null });
  const stack = await startStackScript<SoftphoneStackInfo>('tests/e2e/support/softphoneStack.ts');
  const callerServer = await startCallerServer();
  const browser = await chromium.launch({
    executablePath: process.env.OKNO_CHROMIUM ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, ...MEDIA_ARGS],
  });
  try {
    const agentContext = await browser.newContext({ permissions: ['microphone'], locale: 'en-US' });
    await agentContext.addInitScript(AGENT_PROBE);
    const agent = await agentContext.newPage();
    await agent.goto(stack.agentUrl);
    await agent.getByLabel('Login').fill(stack.admin.login);
    await agent.getByLabel('Password').fill(stack.admin.password);
    await agent.getByRole('button', { name: 'Sign in' }).click();
    await agent.getByLabel('Status', { exact: true }).selectOption('ready');
    await agent.getByRole('button', { name: 'Phone account' }).click();
    const form = agent.getByRole('form', { name: 'SIP account' });
    await form.getByLabel('PBX address (WebSocket)').fill(pbx.wsUrl);
    await form.getByLabel('SIP address').fill(`sip:agent1@${pbx.domain}`);
    await form.getByRole('button', { name: 'Save and connect' }).click();
    await agent.getByRole('status', { name: 'Phone line' }).filter({ hasText: 'Phone ready' }).waitFor();

    const callerContext = await browser.newContext({ permissions: ['microphone'] });
    const caller: Page = await callerContext.newPage();
    await caller.goto(callerServer.url);
    await caller.evaluate(`window.phone.register(${JSON.stringify(pbx.wsUrl)}, 'sip:+79161234567@${pbx.domain}', 'Caller')`);

    const ringing: number[] = [];
    const audio: number[] = [];
    // One warm-up call (the first after the browser starts is about a second slower), then the measured ones.
    for (let i = 0; i <= calls; i++) {
      const sentAt = (await caller.evaluate(`(() => {
        const at = performance.timeOrigin + performance.now();
        window.phone.call('sip:agent1@${pbx.domain}');
        return at;
      })()`)) as number;
      const card = agent.getByRole('region', { name: /Call with/ });
      await card.getByRole('button', { name: 'Answer' }).click();
      // Polled with evaluate: waitForFunction compiles its predicate in the page, which the app's CSP forbids.
      for (let tries = 0; ; tries++) {
        if (((await agent.evaluate('window.__probe.audioAt.length')) as number) > i) break;
        if (tries >= 400) throw new Error(`no inbound audio on call ${i} within 20 s`);
        await agent.waitForTimeout(50);
      }
      const probe = (await agent.evaluate('window.__probe')) as { ringingAt: number[]; answerAt: number[]; audioAt: number[] };
      if (i > 0) {
        ringing.push(probe.ringingAt[i]! - sentAt);
        audio.push(probe.audioAt[i]! - probe.answerAt[i]!);
      }
      await card.getByRole('button', { name: 'Hang up' }).click();
      await card.getByRole('button', { name: 'Close call card' }).click();
    }

    const bareRinging: number[] = [];
    const bareAudio: number[] = [];
    for (let i = 0; i < Math.max(3, Math.min(calls, 10)); i++) {
      const r = (await caller.evaluate(BARE_BASELINE)) as { ringingMs: number; firstAudioMs: number | null };
      bareRinging.push(r.ringingMs);
      if (r.firstAudioMs !== null) bareAudio.push(r.firstAudioMs);
    }
    const result = {
      calls,
      inviteToRingingShownMs: summarize(ringing),
      answerToFirstInboundAudioMs: summarize(audio),
      bare: { messageToPaintMs: summarize(bareRinging), answerToFirstInboundAudioMs: summarize(bareAudio) },
      ratios: { ringing: 0, firstAudio: 0 },
      note: 'ratios: app median / bare median (bare = RTCPeerConnections and a data channel on one page, no PBX)',
    };
    const ratio = (x: number, y: number) => Math.round((x / y) * 100) / 100;
    result.ratios = {
      ringing: ratio(result.inviteToRingingShownMs.median, result.bare.messageToPaintMs.median),
      firstAudio: ratio(result.answerToFirstInboundAudioMs.median, result.bare.answerToFirstInboundAudioMs.median),
    };
    return result;
  } finally {
    await browser.close().catch(() => undefined);
    await callerServer.close();
    await stack.stop();
    await pbx.stop();
  }
}
