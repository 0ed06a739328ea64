/**
 * The call queue on early media (docs/pbx-queue-protocol.md) against the real PBX: rtpengine and
 * Kamailio with okno.cfg's OKNO_QUEUE, baresip phones with plain RTP as caller (a trunk) and agents
 * (registered with digest auth), and this test as the hub through PbxLink, RtpengineNg and listenDtmf.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PbxEvent } from '../../src/shared/calls/pbxProtocol.js';
import { createLogger } from '../../src/shared/log.js';
import { listenDtmf, type DtmfDigit } from '../../src/server/pbx/dtmfListener.js';
import { connectPbx, type PbxLink } from '../../src/server/pbx/pbxLink.js';
import { RtpengineNg } from '../../src/server/pbx/rtpengineNg.js';
import { pbxStackMissing, Phone, startPbxStack, writeToneWav, type PbxStack } from '../support/pbxStack.js';
import { waitFor } from '../support/waitFor.js';

const missing = pbxStackMissing();
const log = createLogger('test:pbx-queue');
const THREAD = '0190a0b0-1111-7000-8000-000000000001';

describe.skipIf(missing !== null)(`call queue through Kamailio + rtpengine${missing ? ` (${missing})` : ''}`, () => {
  let stack: PbxStack;
  let link: PbxLink;
  let ng: RtpengineNg;
  let dtmf: { port: number; close(): Promise<void> };
  const events: PbxEvent[] = [];
  const digits: DtmfDigit[] = [];
  const phones: Phone[] = [];
  let caller: Phone;
  let ringsOut: Phone;
  let answers: Phone;
  let music: string;

  const dial = (phone: Phone) => phone.request('dial', `sip:8800@${stack.domain}:${stack.udpPort}`);
  const event = <K extends PbxEvent['event']>(kind: K, callId?: string) =>
    waitFor(`PBX event ${kind}`, () =>
      events.find(
        (item): item is Extract<PbxEvent, { event: K }> =>
          item.event === kind && (callId === undefined || ('callId' in item && item.callId === callId)),
      ),
    );
  const arrive = async (phone: Phone) => {
    const seen = events.length;
    const progress = phone.waitEvent('CALL_PROGRESS');
    await dial(phone);
    await progress;
    return waitFor('arrived', () =>
      events.slice(seen).find((item): item is Extract<PbxEvent, { event: 'arrived' }> => item.event === 'arrived'),
    );
  };

  beforeAll(async () => {
    stack = await startPbxStack({ users: { '201': 'pw201', '202': 'pw202' }, trunkIps: ['127.0.0.2'] });
    dtmf = await listenDtmf({ host: '127.0.0.1', port: stack.dtmfPort, log }, (digit) => digits.push(digit));
    ng = new RtpengineNg({ host: '127.0.0.1', port: stack.ngPort, log });
    link = connectPbx({ host: '127.0.0.1', port: stack.evapiPort, log, reconnectMs: 100 });
    link.onEvent((item) => events.push(item));
    music = writeToneWav(path.join(stack.dir, 'music.wav'), { hz: 600, seconds: 20 });
    const voice = writeToneWav(path.join(stack.dir, 'voice.wav'), { hz: 400, seconds: 60 });
    const agentVoice = writeToneWav(path.join(stack.dir, 'agent.wav'), { hz: 1000, seconds: 60 });
    caller = await Phone.start({
      dir: path.join(stack.dir, 'caller'),
      user: '+79161234567',
      stack,
      answer: 'manual',
      audioFile: voice,
    });
    phones.push(caller);
    // 201 rings and never answers; 202 answers at once
    ringsOut = await Phone.start({
      dir: path.join(stack.dir, '201'),
      user: '201',
      password: 'pw201',
      ip: '127.0.0.3',
      stack,
      answer: 'manual',
      audioFile: agentVoice,
    });
    phones.push(ringsOut);
    answers = await Phone.start({
      dir: path.join(stack.dir, '202'),
      user: '202',
      password: 'pw202',
      ip: '127.0.0.4',
      stack,
      answer: 'auto',
      audioFile: agentVoice,
    });
    phones.push(answers);
    await waitFor('the hub linked to evapi', () => link.connected);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(phones.map((phone) => phone.stop()));
    await link?.close();
    await ng?.close();
    await dtmf?.close();
    await stack?.stop();
  });

  it('holds a caller on early media: music, digits, a timed-out offer, then an agent who answers', async () => {
    const arrived = await arrive(caller);
    expect(arrived).toMatchObject({
      to: '8800',
      from: '+79161234567',
      source: expect.stringMatching(/^127\.0\.0\.2:/),
    });

    const played = await ng.playMedia({ callId: `q-${arrived.callId}`, fromTag: arrived.fromTag, file: music });
    expect(played.durationMs).toBe(20_000);
    // the music reaches the caller (sndfile's dump of what it receives is the 600 Hz tone, not silence)
    await waitFor('music at the caller', () => caller.receivedAudio().rms > 0.1);

    await caller.request('sndcode', '5');
    const digit = await waitFor('a DTMF digit', () => digits.find((item) => item.callId === arrived.callId));
    expect(digit).toEqual({ callId: arrived.callId, fromTag: arrived.fromTag, digit: '5' });

    const incoming = ringsOut.waitEvent('CALL_INCOMING');
    const offeredAt = Date.now();
    expect(link.send({ cmd: 'offer', ...tx(arrived), user: '201', threadId: THREAD, timeoutMs: 1500 })).toBe(true);
    await incoming;
    const cancelled = ringsOut.waitEvent('CALL_CLOSED');
    const failed = await event('offer_failed', arrived.callId);
    expect(failed.code).toBe(408);
    expect(Date.now() - offeredAt).toBeGreaterThanOrEqual(1400);
    await cancelled; // the unanswered phone stops ringing (CANCEL)
    // still waiting: no final answer, and the music keeps coming
    expect(caller.events.some((item) => item.type === 'CALL_CLOSED')).toBe(false);
    const before = caller.receivedAudio().samples;
    await waitFor('music after the failed offer', () => caller.receivedAudio().samples > before + 4000);

    const established = caller.waitEvent('CALL_ESTABLISHED');
    expect(link.send({ cmd: 'offer', ...tx(failed), user: '202', threadId: THREAD, timeoutMs: 5000 })).toBe(true);
    expect(await event('answered', arrived.callId)).toMatchObject({ contact: '202' });
    await established;
    // RTP both ways through rtpengine: the agent hears the caller's 400 Hz, the caller the agent's 1 kHz
    const atAnswer = caller.receivedAudio().samples;
    await waitFor('caller audio at the agent', () => answers.receivedAudio().samples > 8000);
    expect(answers.receivedAudio().rms).toBeGreaterThan(0.1);
    await waitFor('agent audio at the caller', () => caller.receivedAudio().samples > atAnswer + 8000);

    const closed = answers.waitEvent('CALL_CLOSED');
    await caller.request('hangup');
    expect(await event('ended', arrived.callId)).toMatchObject({ by: 'caller' });
    await closed;
  });

  it('rejects when the hub says so, and tells the hub when the caller gives up', async () => {
    const rejected = await arrive(caller);
    const closed = caller.waitEvent('CALL_CLOSED');
    link.send({ cmd: 'reject', ...tx(rejected), code: 486, reason: 'Busy Here' });
    expect((await closed).param).toMatch(/486/);

    const waiting = await arrive(caller);
    await caller.request('hangup');
    await event('abandoned', waiting.callId);
    // rtpengine forgot the queue call
    await expect(ng.command('query', { 'call-id': `q-${waiting.callId}` })).rejects.toThrow(/Unknown call-id/);
  });

  it('answers 480 at once when no hub is connected', async () => {
    await link.close();
    await waitFor('480 without a hub', async () => {
      const closed = caller.waitEvent('CALL_CLOSED', 5_000);
      await dial(caller);
      return /480/.test(String((await closed).param));
    });
  });
});

function tx(call: { callId: string; tindex: number; tlabel: number }) {
  return { callId: call.callId, tindex: call.tindex, tlabel: call.tlabel };
}
