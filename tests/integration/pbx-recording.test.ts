/**
 * Call recording end to end (decision 0037): a real hub drives the queue of a real Kamailio + rtpengine
 * (pcap recording), baresip phones are the caller (a trunk, 400 Hz) and the agent (1 kHz). The stored
 * WAV is measured with sox: its length matches the call, it is not silence, a pause is silence of the
 * paused length; policy none records nothing; on demand records from the agent's start; the size cap
 * stops recording while the call goes on.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubStore } from '../../src/server/storage/hubStore.js';
import type { StoredRecording } from '../../src/server/storage/recordingsRepo.js';
import { openSeedStore } from '../support/deskSeed.js';
import { pbxStackMissing, Phone, startPbxStack, writeToneWav, type PbxStack } from '../support/pbxStack.js';
import { waitFor } from '../support/waitFor.js';
import { api, login, removeTempDirs, startHub, type Loose } from './hub-harness.js';
import { addAgent, setStatus, type TeamAgent } from './hub-routing-support.js';

const soxMissing =
  spawnSync('sh', ['-c', 'command -v sox && command -v soxi']).status !== 0 ? 'sox is not installed' : null;
const missing = pbxStackMissing() ?? soxMissing;

/** sox's RMS amplitude (0..1) of the file, or of `[from, from + length]` seconds of it. */
function rms(file: string, window?: { from: number; length: number }): number {
  const trim = window ? ['trim', window.from.toFixed(3), window.length.toFixed(3)] : [];
  const out = spawnSync('sox', [file, '-n', ...trim, 'stat'], { encoding: 'utf8' });
  const match = /RMS\s+amplitude:\s+([0-9.]+)/.exec(out.stderr);
  if (!match) throw new Error(`sox stat said: ${out.stderr}`);
  return Number(match[1]);
}

const seconds = (file: string) => Number(execFileSync('soxi', ['-D', file], { encoding: 'utf8' }).trim());
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(missing !== null)(`recording through Kamailio + rtpengine${missing ? ` (${missing})` : ''}`, () => {
  let stack: PbxStack;
  let hub: Awaited<ReturnType<typeof startHub>>;
  let seed: HubStore;
  let admin: string;
  let lead: TeamAgent;
  let agent: TeamAgent;
  let lineId: string;
  let lineInput: Loose;
  let caller: Phone;
  let phone: Phone;

  const live = async (threadId: string) =>
    (await api(hub.url, `/api/v1/recordings/live/${threadId}`, { token: agent.token })).body as Loose;
  const setPolicy = async (policy: 'all' | 'none' | 'on_demand') => {
    lineInput = { ...lineInput, recording: { policy, notice: true, retentionDays: 30 } };
    const saved = await api(hub.url, `/api/v1/lines/${lineId}`, { method: 'PUT', token: admin, json: lineInput });
    expect(saved.status).toBe(200);
  };
  /** Dials the line and waits until the agent's phone has answered; the call's thread and when it was answered. */
  const call = async () => {
    const established = phone.waitEvent('CALL_ESTABLISHED', 30_000);
    await caller.request('dial', `sip:8800@${stack.domain}:${stack.udpPort}`);
    await established;
    const answeredAt = Date.now();
    const answered = await waitFor('the hub stored the call answered', () =>
      seed.queueCalls.live().find((c) => c.state === 'answered'),
    );
    return { threadId: answered.threadId, callId: answered.callId, answeredAt };
  };
  const hangUp = async (callId: string) => {
    const closed = phone.waitEvent('CALL_CLOSED');
    await caller.request('hangup');
    await closed;
    const hungUpAt = Date.now();
    await waitFor('the call ended on the hub', () => seed.queueCalls.byId(callId)?.state === 'ended');
    return hungUpAt;
  };
  const recordingOf = (threadId: string) =>
    waitFor(
      'the recording is ready',
      () => seed.recordings.ofThread(threadId).find((r) => r.state === 'ready' || r.state === 'failed'),
      30_000,
      100,
    );
  const fileOf = (recording: StoredRecording) =>
    path.join(hub.dataDir, 'recordings', recording.sha256!.slice(0, 2), `${recording.sha256}.wav`);

  beforeAll(async () => {
    stack = await startPbxStack({ users: { '301': 'pw301' }, trunkIps: ['127.0.0.2'] });
    hub = await startHub({
      clockMs: 0,
      pbx: {
        evapi: { host: '127.0.0.1', port: stack.evapiPort },
        rtpengine: { host: '127.0.0.1', port: stack.ngPort },
        dtmfPort: stack.dtmfPort,
        offerSeconds: 15,
        recordingDir: stack.rtpengine.recordingDir,
      },
    });
    seed = openSeedStore(hub.dataDir);
    admin = await login(hub.url);
    lead = await addAgent(hub.url, admin, 'lead', 'Lead', 'lead');
    agent = await addAgent(hub.url, admin, 'agent301', 'Agent 301');
    const group = await api(hub.url, '/api/v1/groups', {
      token: admin,
      json: { name: 'Phones', skills: { channels: ['phone'] }, memberIds: [agent.id] },
    });
    lineInput = { number: '8800', name: 'Recorded', language: 'en', groupId: group.body.id, maxWaitSeconds: 120 };
    const line = await api(hub.url, '/api/v1/lines', { token: admin, json: lineInput });
    expect(line.status).toBe(200);
    lineId = line.body.id;
    const voice = writeToneWav(path.join(stack.dir, 'voice.wav'), { hz: 400, seconds: 120 });
    const agentVoice = writeToneWav(path.join(stack.dir, 'agent.wav'), { hz: 1000, seconds: 120 });
    caller = await Phone.start({
      dir: path.join(stack.dir, 'caller'),
      user: '+79161234567',
      stack,
      answer: 'manual',
      audioFile: voice,
    });
    phone = await Phone.start({
      dir: path.join(stack.dir, '301'),
      user: '301',
      password: 'pw301',
      ip: '127.0.0.3',
      stack,
      answer: 'auto',
      audioFile: agentVoice,
    });
    const phoneSet = await api(hub.url, '/api/v1/agents/me/phone', {
      method: 'PUT',
      token: agent.token,
      json: { sipUser: '301' },
    });
    expect(phoneSet.status).toBe(200);
    await setStatus(hub.url, agent, 'ready');
  }, 120_000);

  afterAll(async () => {
    await Promise.all([caller?.stop(), phone?.stop()]);
    seed?.close();
    await hub?.close();
    await stack?.stop();
    removeTempDirs();
  });

  it('records a call whole, with a pause that is silence of the paused length', async () => {
    await setPolicy('all');
    const { threadId, callId, answeredAt } = await call();
    await waitFor('recording', async () => (await live(threadId)).state === 'recording');
    await sleep(3000);
    const pausedAt = Date.now();
    const paused = await api(hub.url, `/api/v1/recordings/live/${threadId}/pause`, {
      token: agent.token,
      json: { reason: 'manual' },
    });
    expect(paused.body).toEqual({ threadId, state: 'paused', pausedFor: ['manual'] });
    // a second reason stacks: one resume is not enough
    await api(hub.url, `/api/v1/recordings/live/${threadId}/pause`, {
      token: agent.token,
      json: { reason: 'identification' },
    });
    await sleep(1000);
    const still = await api(hub.url, `/api/v1/recordings/live/${threadId}/resume`, {
      token: agent.token,
      json: { reason: 'manual' },
    });
    expect(still.body).toMatchObject({ state: 'paused', pausedFor: ['identification'] });
    await sleep(1000);
    const resumed = await api(hub.url, `/api/v1/recordings/live/${threadId}/resume`, {
      token: lead.token,
      json: { reason: 'identification' },
    });
    const resumedAt = Date.now();
    expect(resumed.body).toMatchObject({ state: 'recording', pausedFor: [] });
    await sleep(2500);
    const hungUpAt = await hangUp(callId);

    const recording = await recordingOf(threadId);
    expect(recording.state).toBe('ready');
    const file = fileOf(recording);
    const length = seconds(file);
    expect(Math.abs(length - (hungUpAt - answeredAt) / 1000)).toBeLessThan(0.5);
    expect(Math.abs(length - recording.durationMs / 1000)).toBeLessThan(0.01);
    expect(rms(file)).toBeGreaterThan(0.05);
    expect(rms(file, { from: 0.5, length: 2 })).toBeGreaterThan(0.05); // before the pause: both parties
    const [pause] = recording.pauses;
    expect(recording.pauses).toHaveLength(1);
    expect(pause!.reasons).toEqual(['identification', 'manual']);
    expect(Math.abs(pause!.lengthMs - (resumedAt - pausedAt))).toBeLessThan(300);
    expect(Math.abs(pause!.atMs - (pausedAt - answeredAt))).toBeLessThan(500);
    expect(rms(file, { from: pause!.atMs / 1000, length: pause!.lengthMs / 1000 })).toBe(0);
    expect(rms(file, { from: (pause!.atMs + pause!.lengthMs) / 1000 + 0.3, length: 1.5 })).toBeGreaterThan(0.05);
    expect(recording.peaks.length).toBeGreaterThan(100);
    expect(Math.max(...recording.peaks)).toBeGreaterThan(50);
    // the pcaps are gone once the audio is kept
    expect(readdirSync(path.join(stack.rtpengine.recordingDir, 'pcaps')).filter((f) => f.startsWith(callId))).toEqual(
      [],
    );

    const played = await api(hub.url, `/api/v1/recordings/${recording.id}/audio?offset=0&length=4096&purpose=play`, {
      token: lead.token,
    });
    expect(played.status).toBe(200);
    expect(played.body.total).toBe(recording.bytes);
    const audit = seed.audit.list({ from: 0, to: Number.MAX_SAFE_INTEGER, agentId: lead.id, limit: 10 });
    expect(audit.find((entry) => entry.action === 'recording.played')).toMatchObject({ threadId });
  });

  it('records nothing under policy none', async () => {
    await setPolicy('none');
    const { threadId, callId } = await call();
    expect((await live(threadId)).state).toBe('off');
    const start = await api(hub.url, `/api/v1/recordings/live/${threadId}/start`, {
      method: 'POST',
      token: agent.token,
      json: {},
    });
    expect(start.status).toBe(409);
    await sleep(1000);
    await hangUp(callId);
    await sleep(1000);
    expect(seed.recordings.ofThread(threadId)).toEqual([]);
    expect(readdirSync(path.join(stack.rtpengine.recordingDir, 'pcaps')).filter((f) => f.startsWith(callId))).toEqual(
      [],
    );
  });

  it('records on demand from the moment the agent starts it', async () => {
    await setPolicy('on_demand');
    const { threadId, callId } = await call();
    expect((await live(threadId)).state).toBe('available');
    await sleep(2000);
    const startedAt = Date.now();
    const started = await api(hub.url, `/api/v1/recordings/live/${threadId}/start`, {
      method: 'POST',
      token: agent.token,
      json: {},
    });
    expect(started.body).toEqual({ threadId, state: 'recording', pausedFor: [] });
    await sleep(2500);
    const hungUpAt = await hangUp(callId);
    const recording = await recordingOf(threadId);
    expect(recording.state).toBe('ready');
    expect(Math.abs(seconds(fileOf(recording)) - (hungUpAt - startedAt) / 1000)).toBeLessThan(0.5);
    expect(rms(fileOf(recording))).toBeGreaterThan(0.05);
  });

  it('stops recording past the size cap, tells the admins, and leaves the call alone', async () => {
    await setPolicy('all');
    const { threadId, callId } = await call();
    await waitFor('recording', async () => (await live(threadId)).state === 'recording');
    const filler = path.join(hub.dataDir, 'recordings', 'filler.bin');
    writeFileSync(filler, Buffer.alloc(2 * 1024 * 1024));
    const capped = await api(hub.url, '/api/v1/recordings/settings', {
      method: 'PUT',
      token: admin,
      json: { capBytes: 1024 * 1024, agentsHearOwn: false },
    });
    expect(capped.status).toBe(200);
    await waitFor('stopped', async () => (await live(threadId)).state === 'stopped');
    const health = await api(hub.url, '/api/v1/recordings/health', { token: admin });
    expect(health.body).toMatchObject({ state: 'cap_reached', capBytes: 1024 * 1024 });
    expect(health.body.since).toEqual(expect.any(Number));
    // the call goes on: the agent keeps hearing the caller, nobody hung up
    const heard = phone.receivedAudio().samples;
    await waitFor('the caller still heard', () => phone.receivedAudio().samples > heard + 8000);
    expect(phone.events.slice(-3).some((e) => e.type === 'CALL_CLOSED')).toBe(false);
    expect(seed.queueCalls.byId(callId)?.state).toBe('answered');
    await hangUp(callId);
    // what was recorded before the stop is kept (it is small); no new call records while capped
    expect((await recordingOf(threadId)).state).toMatch(/ready|failed/);
    const next = await call();
    expect((await live(next.threadId)).state).toBe('stopped');
    await hangUp(next.callId);
    rmSync(filler);
    await api(hub.url, '/api/v1/recordings/settings', {
      method: 'PUT',
      token: admin,
      json: { capBytes: 1024 ** 3, agentsHearOwn: false },
    });
    expect(existsSync(filler)).toBe(false);
  });
});
