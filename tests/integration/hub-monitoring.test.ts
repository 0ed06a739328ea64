/**
 * Live monitoring on real parts (decision 0039): the hub (SQLite) with Kamailio + rtpengine, a baresip
 * caller (a trunk) and a baresip agent phone. A lead lists the answered call and starts listening:
 * rtpengine's offers for both parties come back, this test answers each with a plain RTP socket and
 * receives the caller's and the agent's packets there. Whisper: the lead's voice is published and the
 * agent's tap on it carries the packets the "lead" sends. An agent is refused (403) and every start and
 * refusal is in the desk audit.
 */
import { createSocket, type Socket } from 'node:dgram';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from '../../src/server/hub.js';
import { pbxStackMissing, Phone, startPbxStack, writeToneWav, type PbxStack } from '../support/pbxStack.js';
import { waitFor } from '../support/waitFor.js';
import { api, login, removeTempDirs, startHub, type Loose } from './hub-harness.js';
import { addAgent, setStatus, type TeamAgent } from './hub-routing-support.js';

const missing = pbxStackMissing();
const CALLER = '+79161234567';

/** A plain RTP endpoint on loopback: counts the packets rtpengine sends it and can send its own. */
async function rtpSink(): Promise<{ socket: Socket; port: number; packets: number; from: Set<number> }> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
  const sink = { socket, port: socket.address().port, packets: 0, from: new Set<number>() };
  socket.on('message', (data) => {
    if (data.length > 12 && (data.readUInt8(0) & 0xc0) === 0x80) {
      sink.packets += 1;
      sink.from.add(data.readUInt32BE(8)); // SSRC
    }
  });
  return sink;
}

const plainSdp = (port: number, direction: 'recvonly' | 'sendonly') =>
  [
    'v=0',
    'o=- 1 1 IN IP4 127.0.0.1',
    's=-',
    'c=IN IP4 127.0.0.1',
    't=0 0',
    `m=audio ${port} RTP/AVP 0`,
    'a=rtpmap:0 PCMU/8000',
    `a=${direction}`,
    '',
  ].join('\r\n');

/** A plain answer to rtpengine's offer: the same formats (PCMU and telephone-event), received at `port`. */
const answerTo = (offer: string, port: number) => {
  const formats = /m=audio \d+ RTP\/AVP ([\d ]+)/.exec(offer)?.[1] ?? '0';
  const maps = offer.split(/\r?\n/).filter((line) => /^a=(rtpmap|fmtp):/.test(line));
  return plainSdp(port, 'recvonly').replace(
    /m=audio .*\r\na=rtpmap:0 PCMU\/8000/,
    [`m=audio ${port} RTP/AVP ${formats}`, ...maps].join('\r\n'),
  );
};

const portOf = (sdp: string) => Number(/m=audio (\d+)/.exec(sdp)?.[1]);

describe.skipIf(missing !== null)(`live monitoring through rtpengine${missing ? ` (${missing})` : ''}`, () => {
  let stack: PbxStack;
  let hub: Hub;
  let admin: string;
  let lead: TeamAgent;
  let agent: TeamAgent;
  let other: TeamAgent;
  let caller: Phone;
  let agentPhone: Phone;
  const sockets: Socket[] = [];

  const audit = async (): Promise<Loose[]> =>
    (await api(hub.url, `/api/v1/desk-audit?from=0&to=${Date.now() + 60_000}`, { token: admin })).body.entries;

  beforeAll(async () => {
    stack = await startPbxStack({ users: { '202': 'pw202' }, trunkIps: ['127.0.0.2'] });
    hub = await startHub({
      seedDefaults: true,
      clockMs: 0,
      pbx: {
        evapi: { host: '127.0.0.1', port: stack.evapiPort },
        rtpengine: { host: '127.0.0.1', port: stack.ngPort },
        dtmfPort: stack.dtmfPort,
        offerSeconds: 10,
      },
    });
    admin = await login(hub.url);
    lead = await addAgent(hub.url, admin, 'lena', 'Lena', 'lead');
    agent = await addAgent(hub.url, admin, 'boris', 'Boris');
    other = await addAgent(hub.url, admin, 'anna', 'Anna');
    const group = await api(hub.url, '/api/v1/groups', {
      token: admin,
      json: { name: 'Cards', skills: { topics: ['cards'], channels: ['phone'] }, memberIds: [agent.id] },
    });
    const line = await api(hub.url, '/api/v1/lines', {
      token: admin,
      json: {
        number: '8800',
        name: 'Bank',
        language: 'en',
        groupId: group.body.id,
        announceEverySeconds: 30,
        maxWaitSeconds: 120,
        menu: { start: 'main', nodes: { main: { kind: 'queue', topic: 'cards' } } },
      },
    });
    expect(line.status).toBe(200);
    caller = await Phone.start({
      dir: path.join(stack.dir, 'caller'),
      user: CALLER,
      stack,
      answer: 'manual',
      audioFile: writeToneWav(path.join(stack.dir, 'voice.wav'), { hz: 400, seconds: 120 }),
    });
    agentPhone = await Phone.start({
      dir: path.join(stack.dir, '202'),
      user: '202',
      password: 'pw202',
      ip: '127.0.0.4',
      stack,
      answer: 'auto',
      audioFile: writeToneWav(path.join(stack.dir, 'agent.wav'), { hz: 1000, seconds: 120 }),
    });
    const phone = await api(hub.url, '/api/v1/agents/me/phone', {
      method: 'PUT',
      token: agent.token,
      json: { sipUser: '202' },
    });
    expect(phone.body).toEqual({ sipUser: '202' });
  }, 90_000);

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await Promise.all([caller, agentPhone].map((phone) => phone?.stop()));
    await hub?.close();
    await stack?.stop();
    removeTempDirs();
  });

  it('lets a lead listen to both parties and whisper to the agent; refuses an agent; audits all', async () => {
    await setStatus(hub.url, agent, 'ready');
    const established = caller.waitEvent('CALL_ESTABLISHED', 40_000);
    await caller.request('dial', `sip:8800@${stack.domain}:${stack.udpPort}`);
    await established;
    const live = await waitFor('the answered call in the lead panel', async () => {
      const reply = await api(hub.url, '/api/v1/monitoring/calls', { token: lead.token });
      return (reply.body.calls as Loose[])[0];
    });
    expect(live).toMatchObject({ caller: expect.stringContaining('79161234567'), agentName: 'Boris', watchers: [] });

    // An agent may neither list nor start: 403 naming why, and the attempt is audited.
    expect((await api(hub.url, '/api/v1/monitoring/calls', { token: agent.token })).status).toBe(403);
    const refused = await api(hub.url, '/api/v1/monitoring/sessions', {
      token: agent.token,
      json: { callId: live.callId, mode: 'listen' },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/lead or admin; you are agent/);
    // Bad input is named.
    const bad = await api(hub.url, '/api/v1/monitoring/sessions', {
      token: lead.token,
      json: { callId: live.callId, mode: 'shout' },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/mode/);
    const gone = await api(hub.url, '/api/v1/monitoring/sessions', {
      token: lead.token,
      json: { callId: 'no-such-call', mode: 'listen' },
    });
    expect(gone.status).toBe(404);

    const started = await api(hub.url, '/api/v1/monitoring/sessions', {
      token: lead.token,
      json: { callId: live.callId, mode: 'listen', media: 'rtp' },
    });
    expect(started.status).toBe(200);
    const session = started.body;
    expect(session.legs.map((leg: Loose) => leg.party)).toEqual(['caller', 'agent']);
    for (const leg of session.legs) {
      expect(leg.sdp).toMatch(/ RTP\/AVP /);
      expect(leg.sdp).toMatch(/a=sendonly/);
    }
    // Answer each offer with a plain RTP socket: rtpengine then sends that party's voice there.
    const sinks = { caller: await rtpSink(), agent: await rtpSink() };
    sockets.push(sinks.caller.socket, sinks.agent.socket);
    for (const leg of session.legs as { party: 'caller' | 'agent'; sdp: string }[]) {
      const answered = await api(hub.url, `/api/v1/monitoring/sessions/${session.sessionId}/answer`, {
        token: lead.token,
        json: { party: leg.party, sdp: answerTo(leg.sdp, sinks[leg.party].port) },
      });
      expect(answered.body).toEqual({ ok: true });
    }
    await waitFor('the caller heard by the lead', () => sinks.caller.packets > 50, 15_000);
    await waitFor('the agent heard by the lead', () => sinks.agent.packets > 50, 15_000);
    const [callerSsrc] = [...sinks.caller.from];
    const [agentSsrc] = [...sinks.agent.from];
    expect(callerSsrc).not.toBe(agentSsrc);

    // Another lead's session is not this lead's to steer.
    const stranger = await api(hub.url, `/api/v1/monitoring/sessions/${session.sessionId}/mode`, {
      token: admin,
      json: { mode: 'barge' },
    });
    expect(stranger.status).toBe(403);

    // The agent sees the lead but has nothing to hear while the lead only listens.
    const mine = await api(hub.url, '/api/v1/monitoring/mine', { token: agent.token });
    expect(mine.body.monitor).toMatchObject({
      sessionId: session.sessionId,
      leadName: 'Lena',
      mode: 'listen',
      voice: false,
    });
    const early = await api(hub.url, `/api/v1/monitoring/sessions/${session.sessionId}/hear`, {
      token: agent.token,
      json: {},
    });
    expect(early.status).toBe(409);

    // Whisper: the lead's voice is published; the agent's tap carries exactly what the lead sends.
    const whisper = await api(hub.url, `/api/v1/monitoring/sessions/${session.sessionId}/mode`, {
      token: lead.token,
      json: { mode: 'whisper' },
    });
    expect(whisper.body.mode).toBe('whisper');
    const leadMic = await rtpSink();
    sockets.push(leadMic.socket);
    const published = await api(hub.url, `/api/v1/monitoring/sessions/${session.sessionId}/voice`, {
      token: lead.token,
      json: { sdp: plainSdp(leadMic.port, 'sendonly') },
    });
    expect(published.status).toBe(200);
    expect((await api(hub.url, '/api/v1/monitoring/mine', { token: agent.token })).body.monitor.voice).toBe(true);
    // Only the call's agent may hear the lead.
    expect((await api(hub.url, '/api/v1/monitoring/mine', { token: other.token })).body.monitor).toBeNull();
    const eavesdrop = await api(hub.url, `/api/v1/monitoring/sessions/${session.sessionId}/hear`, {
      token: other.token,
      json: {},
    });
    expect(eavesdrop.status).toBe(403);
    expect(eavesdrop.body.error.message).toMatch(/another agent's call/);
    const hear = await api(hub.url, `/api/v1/monitoring/sessions/${session.sessionId}/hear`, {
      token: agent.token,
      json: { media: 'rtp' },
    });
    expect(hear.status).toBe(200);
    const agentEar = await rtpSink();
    sockets.push(agentEar.socket);
    expect(
      (
        await api(hub.url, `/api/v1/monitoring/sessions/${session.sessionId}/hear/answer`, {
          token: agent.token,
          json: { sdp: answerTo(hear.body.sdp, agentEar.port) },
        })
      ).body,
    ).toEqual({ ok: true });
    const LEAD_SSRC = 0x1ead0001;
    const target = portOf(published.body.sdp);
    let seq = 0;
    const sender = setInterval(() => {
      const packet = Buffer.alloc(12 + 160, 0xff);
      packet[0] = 0x80;
      packet[1] = 0;
      packet.writeUInt16BE(seq & 0xffff, 2);
      packet.writeUInt32BE(seq * 160, 4);
      packet.writeUInt32BE(LEAD_SSRC, 8);
      seq += 1;
      leadMic.socket.send(packet, target, '127.0.0.1');
    }, 20);
    try {
      await waitFor('the lead heard by the agent', () => agentEar.packets > 20, 15_000);
    } finally {
      clearInterval(sender);
    }

    // Stop: the lead's taps end (no more packets), the session leaves the list.
    const stopped = await api(hub.url, `/api/v1/monitoring/sessions/${session.sessionId}/stop`, {
      token: lead.token,
      json: {},
    });
    expect(stopped.body).toEqual({ ok: true });
    const afterStop = sinks.caller.packets;
    let seen = afterStop;
    await waitFor('the caller tap to go quiet', async () => {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const quiet = sinks.caller.packets === seen;
      seen = sinks.caller.packets;
      return quiet;
    });
    expect(sinks.caller.packets - afterStop).toBeLessThan(100); // only what was in flight (50 packets a second)
    expect((await api(hub.url, '/api/v1/monitoring/calls', { token: lead.token })).body.calls[0].watchers).toEqual([]);

    const actions = (await audit()).filter((row) => String(row.action).startsWith('monitor.'));
    const threadId = live.threadId;
    expect(actions.map((row) => [row.action, row.agentId, row.threadId])).toEqual(
      expect.arrayContaining([
        ['monitor.refused', agent.id, threadId],
        ['monitor.listen', lead.id, threadId],
        ['monitor.whisper', lead.id, threadId],
      ]),
    );
    expect(actions).toHaveLength(3);
    for (const row of actions) expect(row.customerId).toEqual(expect.any(String));

    // The call ends: a session started on it is gone with it.
    const again = await api(hub.url, '/api/v1/monitoring/sessions', {
      token: lead.token,
      json: { callId: live.callId, mode: 'barge' },
    });
    expect(again.status).toBe(200);
    // A browser's offer by default: DTLS-SRTP with ICE.
    for (const leg of again.body.legs) expect(leg.sdp).toMatch(/UDP\/TLS\/RTP\/SAVPF[\s\S]*a=fingerprint:/);
    const closed = caller.waitEvent('CALL_CLOSED', 15_000);
    await caller.request('hangup');
    await closed;
    await waitFor('the session ended with the call', async () => {
      const reply = await api(hub.url, '/api/v1/monitoring/mine', { token: agent.token });
      return reply.body.monitor === null;
    });
    const late = await api(hub.url, `/api/v1/monitoring/sessions/${again.body.sessionId}/mode`, {
      token: lead.token,
      json: { mode: 'listen' },
    });
    expect(late.status).toBe(404);
  }, 120_000);
});
