/**
 * The microphone and network check (decision 0043) on real parts: the hub (SQLite) with Kamailio +
 * rtpengine, a registered baresip phone dialling `okno-check-en-<token>`. The hub claims the call,
 * records the phone's leg through rtpengine (pcap), measures the level, plays it back and ends the
 * call 480; the phone's received audio holds its own 400 Hz tone again; a silent phone is "silent".
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from '../../src/server/hub.js';
import { SYNC_API } from '../../src/shared/sync.js';
import { pbxStackMissing, Phone, startPbxStack, writeToneWav, type PbxStack } from '../support/pbxStack.js';
import { waitFor } from '../support/waitFor.js';
import { api, login, removeTempDirs, startHub, type Loose } from './hub-harness.js';

const missing = pbxStackMissing();

/** Goertzel power of `hz` relative to the window's total power, 0..1. */
function toneShare(samples: Int16Array, from: number, length: number, hz: number): number {
  const coeff = 2 * Math.cos((2 * Math.PI * hz) / 8000);
  let s1 = 0;
  let s2 = 0;
  let energy = 0;
  for (let i = from; i < from + length; i += 1) {
    const x = samples[i]! / 32768;
    energy += x * x;
    const s0 = x + coeff * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  const power = (s1 * s1 + s2 * s2 - coeff * s1 * s2) / (length / 2);
  return energy === 0 ? 0 : power / energy;
}

/** The phone's latest received-audio dump (sndfile) as samples. */
function received(phone: Phone): Int16Array {
  const dir = path.join(phone.dir, 'snd');
  const latest = readdirSync(dir)
    .filter((file) => file.endsWith('-dec.wav'))
    .sort((a, b) => statSync(path.join(dir, a)).mtimeMs - statSync(path.join(dir, b)).mtimeMs)
    .at(-1);
  if (!latest) return new Int16Array(0);
  const data = readFileSync(path.join(dir, latest)).subarray(44);
  return new Int16Array(data.buffer.slice(data.byteOffset, data.byteOffset + (data.length & ~1)));
}

/** Seconds of the received audio in which 400 Hz carries most of the power (half-second windows). */
function secondsOfTone(samples: Int16Array, hz: number): number {
  let windows = 0;
  for (let from = 0; from + 4000 <= samples.length; from += 4000) {
    if (toneShare(samples, from, 4000, hz) > 0.5) windows += 1;
  }
  return windows / 2;
}

describe.skipIf(missing !== null)(
  `the shift check through Kamailio + rtpengine${missing ? ` (${missing})` : ''}`,
  () => {
    let stack: PbxStack;
    let hub: Hub;
    let admin: string;
    const phones: Phone[] = [];

    const check = async (phone: Phone, token: string) => {
      const closed = phone.waitEvent('CALL_CLOSED', 60_000);
      await phone.request('dial', `sip:okno-check-en-${token}@${stack.domain}:${stack.udpPort}`);
      const event = await closed;
      const result = await waitFor('the check result', async () => {
        const reply = await api(hub.url, `/api/v1/shift-check/${token}`, { token: admin });
        return reply.status === 200 && reply.body.state !== 'waiting' ? (reply.body as Loose) : null;
      });
      return { event, result };
    };

    beforeAll(async () => {
      stack = await startPbxStack({ users: { '201': 'pw201', '202': 'pw202' } });
      hub = await startHub({
        pbx: {
          evapi: { host: '127.0.0.1', port: stack.evapiPort },
          rtpengine: { host: '127.0.0.1', port: stack.ngPort },
          dtmfPort: stack.dtmfPort,
          recordingDir: stack.rtpengine.recordingDir,
        },
      });
      admin = await login(hub.url);
      for (const [user, ip, audio] of [
        ['201', '127.0.0.3', writeToneWav(path.join(stack.dir, 'voice.wav'), { hz: 400, seconds: 120 })],
        ['202', '127.0.0.4', writeToneWav(path.join(stack.dir, 'mute.wav'), { hz: 400, seconds: 120, amplitude: 0 })],
      ] as const) {
        phones.push(
          await Phone.start({
            dir: path.join(stack.dir, user),
            user,
            password: `pw${user}`,
            ip,
            stack,
            answer: 'manual',
            audioFile: audio,
          }),
        );
      }
      // the hub's evapi link is up once Kamailio counts it (a check before that is answered 480 by Kamailio)
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }, 90_000);

    afterAll(async () => {
      await Promise.all(phones.map((phone) => phone.stop()));
      await hub?.close();
      await stack?.stop();
      removeTempDirs();
    });

    it('records the phone, hears its tone, plays it back and ends the call; the queue never sees it', async () => {
      const [phone] = phones;
      const token = 'a1b2c3d4e5f6a7b8c9d0';
      const { event, result } = await check(phone!, token);
      expect(result).toMatchObject({ state: 'done', mic: 'heard', playedBack: true, failure: null });
      // baresip's tone is a 0.3 full-scale sine: RMS -13.5 dBFS (PCMU both ways keeps it within a dB or so)
      expect(result.activeDbfs).toBeGreaterThan(-18);
      expect(result.activeDbfs).toBeLessThan(-9);
      expect(result.packets).toBeGreaterThan(100); // ~200 in 4 s at 50 packets a second
      expect(result.recordedMs).toBeGreaterThan(3000);
      expect(String(event.param ?? '')).toMatch(/480/);
      // What the phone heard: the prompts, the 1 kHz tone, then its own 400 Hz voice for about 4 s.
      expect(secondsOfTone(received(phone!), 400)).toBeGreaterThanOrEqual(2.5);
      // Nothing of it reached the queue (no phone thread) or stayed on disk.
      const pulled = await api(hub.url, `${SYNC_API.pull}?after=0&limit=5000`, { token: admin });
      const threads = (pulled.body.changes as Loose[]).filter((c) => c.entity === 'thread');
      expect(threads).toEqual([]);
      // the hub removes them once the call ended (the reject goes first): pcap and metadata alike
      const leftovers = () =>
        readdirSync(stack.rtpengine.recordingDir, { recursive: true, encoding: 'utf8' }).filter((f) =>
          path.basename(f).startsWith('q-'),
        );
      await waitFor('no file of the check left', () => leftovers().length === 0);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(leftovers()).toEqual([]);
    }, 90_000);

    it('says "silent" for a phone that sends silence, and 404 for an unknown token', async () => {
      const { result } = await check(phones[1]!, 'f0e1d2c3b4a5968778695a4b');
      expect(result).toMatchObject({ state: 'done', mic: 'silent', failure: null });
      expect(result.packets).toBeGreaterThan(100);
      const unknown = await api(hub.url, '/api/v1/shift-check/zzzzzzzzzzzzzzzzzzzz', { token: admin });
      expect(unknown.status).toBe(404);
      const bad = await api(hub.url, '/api/v1/shift-check/NOT-A-TOKEN', { token: admin });
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.body)).toContain('check token');
    }, 90_000);

    it('a phone that hangs up mid-check ends it as hung_up, and leaves no recording behind', async () => {
      const [phone] = phones;
      const token = '0a1b2c3d4e5f60718293';
      const progress = phone!.waitEvent('CALL_PROGRESS', 20_000);
      await phone!.request('dial', `sip:okno-check-en-${token}@${stack.domain}:${stack.udpPort}`);
      await progress;
      // the prompt (~3.3 s) and the tone are over and the recording runs: hang up now
      await new Promise((resolve) => setTimeout(resolve, 5000));
      await phone!.request('hangup');
      const result = await waitFor('the check result', async () => {
        const reply = await api(hub.url, `/api/v1/shift-check/${token}`, { token: admin });
        return reply.status === 200 && reply.body.state !== 'waiting' ? (reply.body as Loose) : null;
      });
      expect(result).toMatchObject({ state: 'failed', failure: 'hung_up', mic: null, playedBack: false });
      await waitFor('no pcap of the check left', () =>
        readdirSync(path.join(stack.rtpengine.recordingDir, 'pcaps')).every((f) => !f.startsWith('q-')),
      );
    }, 60_000);
  },
);
