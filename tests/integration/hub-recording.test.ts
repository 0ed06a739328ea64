/**
 * Recordings on a real hub without a PBX (decision 0037): stored recordings (real files in the hub's
 * content-addressed folder, rows written on a second connection as the recorder would) are played by
 * whoever may and refused — and audited — for the rest; retention at the hub's start deletes the rows
 * past their date and their files (a file two rows share stays until the last goes), on an injected
 * clock; the cap turns health to cap_reached; a group's recording policy is kept.
 */
import { writeFileSync } from 'node:fs';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/shared/ids.js';
import { AudioStore } from '../../src/server/recording/audioStore.js';
import { encodeWav } from '../../src/server/recording/pcapAudio.js';
import type { StoredRecording } from '../../src/server/storage/recordingsRepo.js';
import type { HubStore } from '../../src/server/storage/hubStore.js';
import { logCall, openSeedStore, writeImmediately } from '../support/deskSeed.js';
import { waitFor } from '../support/waitFor.js';
import { api, login, removeTempDirs, startHub, tempDir } from './hub-harness.js';
import { addAgent, type TeamAgent } from './hub-routing-support.js';

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2026, 11, 1, 9);

describe('recordings on the hub', () => {
  const dataDir = tempDir('okno-hub-recording-');
  let clock = T0;
  let hub: Awaited<ReturnType<typeof startHub>>;
  let seed: HubStore;
  let admin: string;
  let lead: TeamAgent;
  let own: TeamAgent;
  let other: TeamAgent;
  let threadId: string;
  let customerId: string;
  const audio = new AudioStore(path.join(dataDir, 'recordings'));
  const rows: StoredRecording[] = [];

  const tone = (hz: number) =>
    encodeWav(Int16Array.from({ length: 8000 }, (_, i) => Math.round(8000 * Math.sin((2 * Math.PI * hz * i) / 8000))));
  const row = async (wav: Buffer, agentId: string, deleteAfter: number): Promise<StoredRecording> => {
    const stored = await audio.put(wav);
    const recording: StoredRecording = {
      id: uuidv7(clock),
      threadId,
      callId: `call-${rows.length}`,
      lineId: null,
      agentId,
      state: 'ready',
      startedAt: clock - 60_000,
      endedAt: clock - 59_000,
      durationMs: 1000,
      bytes: stored.bytes,
      mediaType: 'audio/wav',
      sha256: stored.sha256,
      pauses: [{ atMs: 100, lengthMs: 200, reasons: ['manual'] }],
      peaks: [1, 2, 3],
      deleteAfter,
    };
    writeImmediately(seed, () => seed.recordings.save(recording));
    rows.push(recording);
    return recording;
  };
  const audioOf = (token: string, id: string, offset = 0, purpose = 'play') =>
    api(hub.url, `/api/v1/recordings/${id}/audio?offset=${offset}&length=1000&purpose=${purpose}`, { token });
  const auditActions = () =>
    seed.audit
      .list({ from: 0, to: Number.MAX_SAFE_INTEGER, limit: 100 })
      .filter((entry) => entry.action.startsWith('recording.'))
      .reverse();

  beforeAll(async () => {
    hub = await startHub({ dataDir, now: () => clock });
    admin = await login(hub.url);
    lead = await addAgent(hub.url, admin, 'lead1', 'Lead One', 'lead');
    own = await addAgent(hub.url, admin, 'agent1', 'Agent One');
    other = await addAgent(hub.url, admin, 'agent2', 'Agent Two');
    threadId = await logCall(hub.url, own.token, '+79161230000');
    seed = openSeedStore(dataDir);
    customerId = seed.threads.byId(threadId)!.customerId;
    await row(tone(400), own.id, T0 + 10 * DAY);
    await row(tone(400), own.id, T0 + 20 * DAY); // the same audio: one file for two rows
    await row(tone(600), own.id, T0 + 10 * DAY);
  });

  afterAll(async () => {
    seed?.close();
    await hub?.close();
    removeTempDirs();
  });

  it('lists a thread with its waveform and pauses, and who may play it', async () => {
    const asLead = await api(hub.url, `/api/v1/recordings/threads/${threadId}`, { token: lead.token });
    expect(asLead.status).toBe(200);
    expect(asLead.body.canPlay).toBe(true);
    expect(asLead.body.recordings).toHaveLength(3);
    expect(asLead.body.recordings[0]).toMatchObject({ state: 'ready', peaks: [1, 2, 3], agentId: own.id });
    expect(asLead.body.recordings[0].pauses).toEqual([{ atMs: 100, lengthMs: 200, reasons: ['manual'] }]);
    expect(asLead.body.recordings[0].sha256).toBeUndefined();
    const asOther = await api(hub.url, `/api/v1/recordings/threads/${threadId}`, { token: other.token });
    expect(asOther.body.canPlay).toBe(false);
  });

  it('plays to a lead, refuses other agents and (until allowed) the agent of the call; audits each', async () => {
    const first = rows[0]!;
    const played = await audioOf(lead.token, first.id);
    expect(played.status).toBe(200);
    expect(played.body.total).toBe(first.bytes);
    expect(Buffer.from(played.body.data, 'base64').subarray(0, 4).toString('ascii')).toBe('RIFF');
    const later = await audioOf(lead.token, first.id, 1000); // seeking: not audited again
    expect(Buffer.from(later.body.data, 'base64')).toHaveLength(1000);

    const stranger = await audioOf(other.token, first.id);
    expect(stranger.status).toBe(403);
    expect(stranger.body.error.message).toMatch(/only the recordings of their own calls/);
    const notAllowed = await audioOf(own.token, first.id);
    expect(notAllowed.status).toBe(403);
    expect(notAllowed.body.error.message).toMatch(/not allowed/);

    const byAgent = await api(hub.url, '/api/v1/recordings/settings', {
      method: 'PUT',
      token: own.token,
      json: { capBytes: 1024 ** 3, agentsHearOwn: true },
    });
    expect(byAgent.status).toBe(403);
    const allowed = await api(hub.url, '/api/v1/recordings/settings', {
      method: 'PUT',
      token: admin,
      json: { capBytes: 1024 ** 3, agentsHearOwn: true },
    });
    expect(allowed.body).toEqual({ capBytes: 1024 ** 3, agentsHearOwn: true });
    expect((await audioOf(own.token, first.id, 0, 'download')).status).toBe(200);
    expect((await audioOf(other.token, first.id)).status).toBe(403);

    const bad = await api(hub.url, `/api/v1/recordings/${first.id}/audio?offset=-1&length=10&purpose=play`, {
      token: lead.token,
    });
    expect(bad.status).toBe(400);
    expect((await audioOf(lead.token, uuidv7(clock))).status).toBe(404);

    // One clock instant: the audit's order within it is its ids', so compare as sets.
    const seen = auditActions().map((entry) => `${entry.action} ${entry.agentId}`);
    expect(seen.sort()).toEqual(
      [
        `recording.played ${lead.id}`,
        `recording.refused ${other.id}`,
        `recording.refused ${own.id}`,
        `recording.downloaded ${own.id}`,
        `recording.refused ${other.id}`,
      ].sort(),
    );
    for (const entry of auditActions()) {
      expect(entry).toMatchObject({ threadId, customerId, at: T0 });
      expect(entry.detail.recordingId).toBe(first.id);
    }
  });

  it('reports health, and cap_reached with since once the folder is past the cap', async () => {
    const ok = await api(hub.url, '/api/v1/recordings/health', { token: admin });
    expect(ok.body).toMatchObject({ state: 'ok', capBytes: 1024 ** 3, since: null });
    expect(ok.body.usedBytes).toBeGreaterThanOrEqual(rows[0]!.bytes + rows[2]!.bytes);
    expect((await api(hub.url, '/api/v1/recordings/health', { token: own.token })).status).toBe(403);
    writeFileSync(path.join(dataDir, 'recordings', 'filler.bin'), Buffer.alloc(2 * 1024 * 1024));
    clock = T0 + 1000;
    await api(hub.url, '/api/v1/recordings/settings', {
      method: 'PUT',
      token: admin,
      json: { capBytes: 1024 * 1024, agentsHearOwn: true },
    });
    const full = await api(hub.url, '/api/v1/recordings/health', { token: lead.token });
    expect(full.body).toMatchObject({ state: 'cap_reached', capBytes: 1024 * 1024, since: T0 + 1000 });
    expect(full.body.usedBytes).toBeGreaterThan(2 * 1024 * 1024);
    const small = { capBytes: 1024, agentsHearOwn: true };
    const refused = await api(hub.url, '/api/v1/recordings/settings', { method: 'PUT', token: admin, json: small });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toMatch(/capBytes/);
  });

  it('keeps a group policy; a resave without it keeps it, null clears it', async () => {
    const made = await api(hub.url, '/api/v1/groups', {
      token: admin,
      json: { name: 'Recorded', recordingPolicy: 'all' },
    });
    expect(made.body.recordingPolicy).toBe('all');
    const { id, recordingPolicy: _p, ...older } = made.body;
    await api(hub.url, `/api/v1/groups/${id}`, { method: 'PUT', token: admin, json: older });
    const groups = await api(hub.url, '/api/v1/groups', { token: admin });
    expect(groups.body.groups.find((g: { id: string }) => g.id === id).recordingPolicy).toBe('all');
    const cleared = await api(hub.url, `/api/v1/groups/${id}`, {
      method: 'PUT',
      token: admin,
      json: { ...older, recordingPolicy: null },
    });
    expect(cleared.body.recordingPolicy).toBeNull();
    const wrong = await api(hub.url, '/api/v1/groups', {
      token: admin,
      json: { name: 'X', recordingPolicy: 'always' },
    });
    expect(wrong.status).toBe(400);
  });

  it('deletes rows past retention and their files at start; a shared file stays until its last row goes', async () => {
    const [a, b, c] = rows as [StoredRecording, StoredRecording, StoredRecording];
    expect(a.sha256).toBe(b.sha256);
    await hub.close();
    clock = T0 + 15 * DAY;
    hub = await startHub({ dataDir, now: () => clock });
    await waitFor(
      'retention at start',
      () => seed.recordings.byId(a.id) === null && seed.recordings.byId(c.id) === null,
    );
    expect(seed.recordings.byId(b.id)).not.toBeNull();
    await waitFor('the unshared file removed', () => !existsSync(audio.pathOf(c.sha256!)));
    expect(existsSync(audio.pathOf(a.sha256!))).toBe(true);

    await hub.close();
    clock = T0 + 25 * DAY;
    hub = await startHub({ dataDir, now: () => clock });
    await waitFor('the last row', () => seed.recordings.byId(b.id) === null);
    await waitFor('the shared file removed', () => !existsSync(audio.pathOf(a.sha256!)));
  });
});
