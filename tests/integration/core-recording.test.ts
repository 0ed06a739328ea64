/**
 * Recordings through the agent core's contract (decision 0037): every recording.* request is forwarded
 * to a real hub and checked both ways — a lead lists and plays a stored recording, an agent who did not
 * take the call is refused with the hub's reason, the live recorder answers for a thread without a call,
 * settings are the admins' and health the leads'.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/shared/ids.js';
import { AudioStore } from '../../src/server/recording/audioStore.js';
import { encodeWav } from '../../src/server/recording/pcapAudio.js';
import { logCall, openSeedStore, writeImmediately } from '../support/deskSeed.js';
import { startAgent, type TestAgent } from './agent-harness.js';
import { ADMIN_PASSWORD, login, removeTempDirs, startHub, type Loose } from './hub-harness.js';
import { addAgent } from './hub-routing-support.js';

let hub: Awaited<ReturnType<typeof startHub>>;
let lead: TestAgent;
let anna: TestAgent;
let admin: TestAgent;
let threadId: string;
let recordingId: string;
let bytes: number;

async function refusal(work: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await work;
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('expected a refusal');
}

beforeAll(async () => {
  hub = await startHub();
  const adminToken = await login(hub.url);
  await addAgent(hub.url, adminToken, 'lena', 'Lena', 'lead');
  const boris = await addAgent(hub.url, adminToken, 'boris', 'Boris');
  await addAgent(hub.url, adminToken, 'anna', 'Anna');
  threadId = await logCall(hub.url, boris.token, '+79160000001');
  const seed = openSeedStore(hub.dataDir);
  const stored = await new AudioStore(path.join(hub.dataDir, 'recordings')).put(
    encodeWav(new Int16Array(4000).fill(900)),
  );
  bytes = stored.bytes;
  recordingId = uuidv7();
  writeImmediately(seed, () =>
    seed.recordings.save({
      id: recordingId,
      threadId,
      callId: 'call-1',
      lineId: null,
      agentId: boris.id,
      state: 'ready',
      startedAt: Date.now() - 2000,
      endedAt: Date.now() - 1500,
      durationMs: 500,
      bytes: stored.bytes,
      mediaType: 'audio/wav',
      sha256: stored.sha256,
      pauses: [],
      peaks: [7],
      deleteAfter: Date.now() + 86_400_000,
    }),
  );
  seed.close();
  lead = await startAgent(hub.url, 'lena', 'password-123');
  anna = await startAgent(hub.url, 'anna', 'password-123');
  admin = await startAgent(hub.url, 'admin', ADMIN_PASSWORD);
});

afterAll(async () => {
  await Promise.all([lead?.close(), anna?.close(), admin?.close()]);
  await hub?.close();
  removeTempDirs();
});

describe('recordings through the core', () => {
  it('lists and plays for a lead; refuses an agent who did not take the call', async () => {
    const listed = await lead.call<Loose>('recording.ofThread', { threadId });
    expect(listed.canPlay).toBe(true);
    expect(listed.recordings).toEqual([expect.objectContaining({ id: recordingId, state: 'ready', peaks: [7] })]);
    const slice = await lead.call<Loose>('recording.audio', { recordingId, offset: 0, length: 64, purpose: 'play' });
    expect(slice.total).toBe(bytes);
    expect(Buffer.from(slice.data, 'base64').toString('ascii', 0, 4)).toBe('RIFF');
    const refused = await refusal(
      anna.call('recording.audio', { recordingId, offset: 0, length: 64, purpose: 'play' }),
    );
    expect(refused.code).toBe('forbidden');
    expect(refused.message).toMatch(/own calls/);
    const bad = await refusal(lead.call('recording.audio', { recordingId, offset: -1, length: 64, purpose: 'play' }));
    expect(bad.code).toBe('bad_request');
  });

  it('answers for the live recorder of a thread without a call', async () => {
    expect(await anna.call('recording.live', { threadId })).toEqual({ threadId, state: 'off', pausedFor: [] });
    expect(await anna.call('recording.pause', { threadId, reason: 'identification' })).toMatchObject({ state: 'off' });
    expect(await anna.call('recording.resume', { threadId, reason: 'identification' })).toMatchObject({ state: 'off' });
    expect((await refusal(anna.call('recording.start', { threadId }))).code).toBe('conflict');
  });

  it('keeps settings for admins and health for leads', async () => {
    expect(await lead.call('recording.settings')).toEqual({ capBytes: 10 * 1024 ** 3, agentsHearOwn: false });
    const settings = { capBytes: 5 * 1024 ** 3, agentsHearOwn: true };
    expect((await refusal(lead.call('recording.saveSettings', settings))).code).toBe('forbidden');
    expect(await admin.call('recording.saveSettings', settings)).toEqual(settings);
    expect(await lead.call<Loose>('recording.health')).toMatchObject({ state: 'ok', capBytes: 5 * 1024 ** 3 });
    expect((await refusal(anna.call('recording.health'))).code).toBe('forbidden');
  });
});
