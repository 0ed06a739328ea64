/**
 * The PBX with its queue, for tests: rtpengine + Kamailio (okno.cfg with OKNO_QUEUE) on loopback
 * ports picked here, and baresip user agents (plain SIP/RTP phones scripted over ctrl_tcp) as callers
 * and agents. Everything is stopped by the PID started here.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findKamailio, startKamailio, type RunningKamailio } from '../../scripts/kamailio.js';
import { findRtpengine, startRtpengine, type RunningRtpengine } from '../../scripts/rtpengine.js';
import { NetstringDecoder, encodeNetstring } from '../../src/server/pbx/netstring.js';
import { freePort } from './freePort.js';
import { waitFor } from './waitFor.js';

export { freePort };

const MODULES = '/usr/lib/x86_64-linux-gnu/kamailio/modules';

/** Why the PBX stack cannot run here (a missing binary or module), or null when it can. */
export function pbxStackMissing(): string | null {
  if (!findKamailio()) return 'kamailio is not installed';
  if (!existsSync(`${MODULES}/evapi.so`) || !existsSync(`${MODULES}/jansson.so`))
    return 'kamailio-extra-modules (evapi, jansson) are not installed';
  if (!existsSync(`${MODULES}/rtpengine.so`)) return "Kamailio's rtpengine module is not installed";
  if (!findRtpengine()) return 'rtpengine-daemon is not installed';
  if (spawnSync('sh', ['-c', 'command -v baresip']).status !== 0) return 'baresip is not installed';
  return null;
}

export interface PbxStack {
  domain: string;
  udpPort: number;
  wsPort: number;
  /** Kamailio's evapi port on 127.0.0.1 (the hub connects here). */
  evapiPort: number;
  /** rtpengine's ng port on 127.0.0.1. */
  ngPort: number;
  /** The UDP port rtpengine sends DTMF datagrams to (bind it with listenDtmf). */
  dtmfPort: number;
  rtpengine: RunningRtpengine;
  kamailio: RunningKamailio;
  /** A folder removed on stop, for WAV files and phones. */
  dir: string;
  stop(): Promise<void>;
}

export interface PbxStackOptions {
  /** SIP users with passwords; null runs the PBX open. */
  users: Record<string, string> | null;
  trunkIps?: string[];
  /** Seconds without a hub before Kamailio releases waiting callers (default 20). */
  hubGraceSeconds?: number;
  /** Kamailio's stderr, for debugging a test. */
  stdio?: 'inherit' | 'ignore';
  debug?: number;
}

export async function startPbxStack(options: PbxStackOptions): Promise<PbxStack> {
  const dir = mkdtempSync(path.join(tmpdir(), 'okno-pbx-stack-'));
  const [udpPort, wsPort, evapiPort, ngPort, dtmfPort] = [
    await freePort('udp'),
    await freePort('tcp'),
    await freePort('tcp'),
    await freePort('udp'),
    await freePort('udp'),
  ];
  // a random block of 200 ports: concurrent test runs rarely pick the same one
  const portMin = 20_000 + 200 * Math.floor(Math.random() * 100);
  const rtpengine = await startRtpengine({
    ngPort,
    portMin,
    portMax: portMin + 199,
    dtmfLogDest: { host: '127.0.0.1', port: dtmfPort },
    recordingDir: path.join(dir, 'recordings'),
    stdio: options.stdio,
  });
  let kamailio: RunningKamailio;
  try {
    kamailio = await startKamailio({
      wsPort,
      udpPort,
      users: options.users,
      debug: options.debug,
      stdio: options.stdio,
      queue: { rtpengineNg: ngPort, evapiPort, trunkIps: options.trunkIps, hubGraceSeconds: options.hubGraceSeconds },
    });
  } catch (error) {
    await rtpengine.stop();
    throw error;
  }
  return {
    domain: kamailio.domain,
    udpPort,
    wsPort,
    evapiPort,
    ngPort,
    dtmfPort,
    rtpengine,
    kamailio,
    dir,
    async stop() {
      await kamailio.stop();
      await rtpengine.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** An 8 kHz mono 16-bit WAV of a sine tone (baresip's aufile and rtpengine's play media read it). */
export function writeToneWav(file: string, options: { hz: number; seconds: number; amplitude?: number }): string {
  const rate = 8000;
  const samples = Math.round(rate * options.seconds);
  const data = Buffer.alloc(samples * 2);
  const amplitude = (options.amplitude ?? 0.3) * 32767;
  for (let i = 0; i < samples; i += 1) {
    data.writeInt16LE(Math.round(amplitude * Math.sin((2 * Math.PI * options.hz * i) / rate)), i * 2);
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(data.length, 40);
  writeFileSync(file, Buffer.concat([header, data]));
  return file;
}

export interface BaresipEvent {
  type: string;
  param?: string;
  class?: string;
  [key: string]: unknown;
}

export interface PhoneOptions {
  /** Folder for this phone's config and audio dumps (made here). */
  dir: string;
  user: string;
  /** Registers with this password; without it the phone does not register (a trunk caller). */
  password?: string;
  stack: PbxStack;
  /** 'auto' answers every call, 'manual' rings until hung up. */
  answer: 'auto' | 'manual';
  /** What the phone sends: a WAV file (8 kHz mono). */
  audioFile: string;
  /**
   * The loopback address the phone binds, 127.0.0.2 by default. Not Kamailio's 127.0.0.1: okno.cfg
   * aliases its IP on every port, so a contact on 127.0.0.1 would count as the proxy itself and
   * in-dialog requests to it would loop back into Kamailio.
   */
  ip?: string;
}

/**
 * baresip 1.0 as a plain SIP phone (UDP, PCMU, RFC 4733 digits) driven over ctrl_tcp (netstring
 * JSON). Received audio is dumped by the sndfile module to `<dir>/snd/*-dec.wav` as it arrives.
 */
export class Phone {
  readonly events: BaresipEvent[] = [];
  private readonly replies = new Map<string, (reply: { ok: boolean; data: string }) => void>();
  private nextToken = 1;
  private waiters: { match: (event: BaresipEvent) => boolean; resolve: (event: BaresipEvent) => void }[] = [];

  private constructor(
    readonly dir: string,
    private readonly child: ChildProcess,
    private readonly exited: Promise<void>,
    private readonly socket: Socket,
  ) {
    const decoder = new NetstringDecoder();
    socket.on('data', (chunk: Buffer) => {
      for (const frame of decoder.push(chunk)) {
        const event = JSON.parse(frame) as BaresipEvent;
        if (event.response === true && typeof event.token === 'string') {
          this.replies.get(event.token)?.(event as unknown as { ok: boolean; data: string });
          this.replies.delete(event.token);
          continue;
        }
        if (!event.type) continue;
        this.events.push(event);
        this.waiters = this.waiters.filter((waiter) => {
          if (!waiter.match(event)) return true;
          waiter.resolve(event);
          return false;
        });
      }
    });
  }

  static async start(options: PhoneOptions): Promise<Phone> {
    const { dir, stack } = options;
    mkdirSync(path.join(dir, 'snd'), { recursive: true });
    const ip = options.ip ?? '127.0.0.2';
    const sipPort = await freePort('udp');
    const ctrlPort = await freePort('tcp');
    const rtpMin = 40_000 + 100 * Math.floor(Math.random() * 200);
    const aor = `sip:${options.user}@${stack.domain}:${stack.udpPort}`;
    const params = [`answermode=${options.answer}`, 'audio_codecs=PCMU'];
    params.push(options.password ? `auth_pass=${options.password};regint=300` : 'regint=0');
    writeFileSync(path.join(dir, 'accounts'), `<${aor}>;${params.join(';')}\n`);
    writeFileSync(
      path.join(dir, 'config'),
      [
        'poll_method epoll',
        `sip_listen ${ip}:${sipPort}`,
        `net_interface ${ip}`,
        'audio_player aubridge,nowhere',
        'audio_alert aubridge,nowhere',
        `audio_source aufile,${options.audioFile}`,
        `rtp_ports ${rtpMin}-${rtpMin + 99}`,
        'rtcp_mux no',
        'jitter_buffer_delay 1-10',
        'module_path /usr/lib/baresip/modules',
        'module g711.so',
        'module aufile.so',
        'module aubridge.so',
        'module sndfile.so',
        'module_app account.so',
        'module_app menu.so',
        'module_app ctrl_tcp.so',
        `ctrl_tcp_listen 127.0.0.1:${ctrlPort}`,
        `snd_path ${path.join(dir, 'snd')}`,
        '',
      ].join('\n'),
    );
    const child = spawn('baresip', ['-f', dir], { stdio: ['ignore', 'ignore', 'ignore'] });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const socket = await waitFor(
      `baresip ctrl_tcp on ${ctrlPort}`,
      () =>
        new Promise<Socket | null>((resolve) => {
          const attempt = connect({ host: '127.0.0.1', port: ctrlPort });
          attempt.once('connect', () => resolve(attempt));
          attempt.once('error', () => resolve(null));
        }),
      10_000,
      50,
    );
    const phone = new Phone(dir, child, exited, socket);
    // REGISTER_OK may come before ctrl_tcp accepts us: ask for the registration state instead
    if (options.password) {
      await waitFor(`${options.user} registered`, async () => {
        // eslint-disable-next-line no-control-regex -- baresip colours its status with ANSI escapes
        const plain = (await phone.request('reginfo')).data.replace(/\u001b\[[0-9;]*m/g, '');
        return /\sOK\s/.test(plain);
      });
    }
    return phone;
  }

  /** Sends a ctrl_tcp command (dial, hangup, sndcode, reginfo …) and resolves with baresip's reply. */
  request(command: string, params = ''): Promise<{ ok: boolean; data: string }> {
    const token = `t${this.nextToken++}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`baresip did not answer ${command}`)), 5_000);
      this.replies.set(token, (reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
      this.socket.write(encodeNetstring(JSON.stringify({ command, params, token })));
    });
  }

  /** Resolves with the first event of `type` (and matching `where`) from now on; arm it before acting. */
  waitEvent(type: string, timeoutMs = 15_000, where: (event: BaresipEvent) => boolean = () => true) {
    return new Promise<BaresipEvent>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`baresip: no ${type} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        match: (event) => event.type === type && where(event),
        resolve: (event) => {
          clearTimeout(timer);
          resolve(event);
        },
      });
    });
  }

  /** Received audio of the latest call (sndfile's PCM dump, read as it grows): samples and RMS, 0..1. */
  receivedAudio(): { samples: number; rms: number } {
    const sndDir = path.join(this.dir, 'snd');
    const dumps = readdirSync(sndDir)
      .filter((file) => file.endsWith('-dec.wav'))
      .map((file) => ({ file, at: statSync(path.join(sndDir, file)).birthtimeMs }))
      .sort((a, b) => a.at - b.at || a.file.localeCompare(b.file));
    const latest = dumps.at(-1);
    if (!latest) return { samples: 0, rms: 0 };
    const data = readFileSync(path.join(sndDir, latest.file)).subarray(44);
    let sum = 0;
    const samples = Math.floor(data.length / 2);
    for (let i = 0; i < samples; i += 1) sum += (data.readInt16LE(i * 2) / 32768) ** 2;
    return { samples, rms: samples === 0 ? 0 : Math.sqrt(sum / samples) };
  }

  async stop(): Promise<void> {
    this.socket.destroy();
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGTERM');
      const killer = setTimeout(() => this.child.kill('SIGKILL'), 3_000);
      await this.exited;
      clearTimeout(killer);
    }
  }
}
