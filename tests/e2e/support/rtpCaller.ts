/**
 * A plain-RTP trunk caller written for the call-quality e2e (tests/e2e/call-quality.spec.ts): SIP over
 * UDP by hand (INVITE, ACK of every 2xx, BYE; in-dialog requests answered 200) and one G.711 µ-law
 * tone sent every 20 ms to the address the 200 OK's SDP names. Packet loss is injected here, on the
 * caller's side: while `lossEvery` is n > 0, every n-th packet is not sent but its sequence number is
 * still used — exactly what a lossy access network does, so the agent's WebRTC stack counts it lost.
 */
import { randomBytes } from 'node:crypto';
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';

export interface RtpCallerOptions {
  /** The trunk's address (Kamailio trusts OKNO_TRUNK_IPS). */
  ip: string;
  user: string;
  pbx: { host: string; port: number; domain: string };
}

interface Message {
  first: string;
  headers: [string, string][];
  body: string;
}

function parse(data: Buffer): Message {
  const text = data.toString('latin1');
  const split = text.indexOf('\r\n\r\n');
  const head = split < 0 ? text : text.slice(0, split);
  const [first = '', ...lines] = head.split('\r\n');
  const headers = lines.map((line): [string, string] => {
    const colon = line.indexOf(':');
    return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()];
  });
  return { first, headers, body: split < 0 ? '' : text.slice(split + 4) };
}

const all = (m: Message, name: string) => m.headers.filter(([n]) => n === name).map(([, v]) => v);
const one = (m: Message, name: string) => all(m, name)[0] ?? '';
/** Record-Route values in order, whether on separate lines or comma-joined. */
const routes = (m: Message) => all(m, 'record-route').flatMap((v) => v.split(/,(?=\s*<)/).map((r) => r.trim()));

/** 8 kHz µ-law of a 400 Hz tone, 160 samples (20 ms) a packet. */
function toneFrame(offset: number): Buffer {
  const frame = Buffer.alloc(160);
  for (let i = 0; i < 160; i++) {
    const sample = Math.round(8000 * Math.sin((2 * Math.PI * 400 * (offset + i)) / 8000));
    frame[i] = linearToUlaw(sample);
  }
  return frame;
}

function linearToUlaw(sample: number): number {
  const sign = sample < 0 ? 0x80 : 0;
  let magnitude = Math.min(32635, Math.abs(sample)) + 0x84;
  let exponent = 7;
  for (let mask = 0x4000; (magnitude & mask) === 0 && exponent > 0; mask >>= 1) exponent -= 1;
  const mantissa = (magnitude >> (exponent + 3)) & 0x0f;
  magnitude = 0;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

export class RtpCaller {
  /** 0: every packet is sent; n: every n-th packet is dropped (4 = 25 % loss). */
  lossEvery = 0;
  sent = 0;
  dropped = 0;
  private readonly callId = `${randomBytes(8).toString('hex')}@okno-e2e`;
  private readonly fromTag = randomBytes(4).toString('hex');
  private readonly ssrc = randomBytes(4).readUInt32BE(0);
  private toTag = '';
  private remoteContact = '';
  private routeSet: string[] = [];
  private rtpTarget: { host: string; port: number } | null = null;
  private rtpTimer: NodeJS.Timeout | null = null;
  private seq = 1;
  private established: ((value: void) => void) | null = null;
  private failed: ((error: Error) => void) | null = null;
  private ended = false;

  private constructor(
    private readonly options: RtpCallerOptions,
    private readonly sip: Socket,
    private readonly rtp: Socket,
  ) {
    sip.on('message', (data, from) => this.onSip(parse(data), from));
    rtp.on('message', () => {});
  }

  static async start(options: RtpCallerOptions): Promise<RtpCaller> {
    const bind = async () => {
      const socket = createSocket('udp4');
      await new Promise<void>((resolve) => socket.bind(0, options.ip, resolve));
      return socket;
    };
    return new RtpCaller(options, await bind(), await bind());
  }

  get sipCallId(): string {
    return this.callId;
  }

  /** Dials `service`; resolves when an agent answered (200 OK, ACKed, audio flowing). */
  dial(service: string, timeoutMs = 60_000): Promise<void> {
    const { ip, user, pbx } = this.options;
    const sdp = [
      'v=0',
      `o=- 1 1 IN IP4 ${ip}`,
      's=-',
      `c=IN IP4 ${ip}`,
      't=0 0',
      `m=audio ${this.rtp.address().port} RTP/AVP 0`,
      'a=rtpmap:0 PCMU/8000',
      'a=ptime:20',
      'a=sendrecv',
      '',
    ].join('\r\n');
    this.send(
      [
        `INVITE sip:${service}@${pbx.domain}:${pbx.port} SIP/2.0`,
        this.via(),
        'Max-Forwards: 70',
        `From: <sip:${user}@${ip}>;tag=${this.fromTag}`,
        `To: <sip:${service}@${pbx.domain}>`,
        `Call-ID: ${this.callId}`,
        'CSeq: 1 INVITE',
        `Contact: <sip:${user}@${ip}:${this.sip.address().port}>`,
        'Content-Type: application/sdp',
        `Content-Length: ${Buffer.byteLength(sdp)}`,
        '',
        sdp,
      ].join('\r\n'),
    );
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no agent answered the call')), timeoutMs);
      this.established = () => {
        clearTimeout(timer);
        resolve();
      };
      this.failed = (error) => {
        clearTimeout(timer);
        reject(error);
      };
    });
  }

  async hangUp(): Promise<void> {
    this.stopRtp();
    if (this.ended || !this.toTag) return;
    this.ended = true;
    this.send(
      [
        `BYE ${this.remoteContact} SIP/2.0`,
        this.via(),
        ...this.routeSet.map((r) => `Route: ${r}`),
        'Max-Forwards: 70',
        `From: <sip:${this.options.user}@${this.options.ip}>;tag=${this.fromTag}`,
        `To: <sip:x@${this.options.pbx.domain}>;tag=${this.toTag}`,
        `Call-ID: ${this.callId}`,
        'CSeq: 2 BYE',
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n'),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
  }

  async stop(): Promise<void> {
    await this.hangUp().catch(() => undefined);
    this.sip.close();
    this.rtp.close();
  }

  private via(): string {
    return `Via: SIP/2.0/UDP ${this.options.ip}:${this.sip.address().port};branch=z9hG4bK${randomBytes(6).toString('hex')};rport`;
  }

  private send(text: string): void {
    this.sip.send(text, this.options.pbx.port, this.options.pbx.host);
  }

  private onSip(message: Message, from: RemoteInfo): void {
    const status = /^SIP\/2\.0 (\d{3})/.exec(message.first);
    if (status) {
      const code = Number(status[1]);
      if (!/INVITE/.test(one(message, 'cseq'))) return;
      if (code >= 300) {
        this.failed?.(new Error(`the PBX answered ${message.first}`));
        return;
      }
      if (code < 200) return;
      this.toTag = /;tag=([^;>\s]+)/.exec(one(message, 'to'))?.[1] ?? '';
      this.remoteContact = /<([^>]+)>/.exec(one(message, 'contact'))?.[1] ?? one(message, 'contact');
      this.routeSet = routes(message).reverse();
      this.ack();
      const host = /c=IN IP4 (\S+)/.exec(message.body)?.[1];
      const port = Number(/m=audio (\d+)/.exec(message.body)?.[1]);
      if (host && port) this.rtpTarget = { host, port };
      this.startRtp();
      this.established?.();
      this.established = null;
      return;
    }
    const method = message.first.split(' ')[0] ?? '';
    if (method === 'ACK') return;
    if (method === 'BYE') this.stopRtp();
    // In-dialog requests (re-INVITE, BYE, OPTIONS, UPDATE): 200, keeping the same media.
    const body =
      method === 'INVITE' || method === 'UPDATE'
        ? `v=0\r\no=- 1 2 IN IP4 ${this.options.ip}\r\ns=-\r\nc=IN IP4 ${this.options.ip}\r\nt=0 0\r\nm=audio ${this.rtp.address().port} RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv\r\n`
        : '';
    if (method === 'INVITE' || method === 'UPDATE') {
      const host = /c=IN IP4 (\S+)/.exec(message.body)?.[1];
      const port = Number(/m=audio (\d+)/.exec(message.body)?.[1]);
      if (host && port) this.rtpTarget = { host, port };
    }
    const reply = [
      'SIP/2.0 200 OK',
      ...all(message, 'via').map((v) => `Via: ${v}`),
      ...all(message, 'record-route').map((v) => `Record-Route: ${v}`),
      `From: ${one(message, 'from')}`,
      `To: ${one(message, 'to')}`,
      `Call-ID: ${one(message, 'call-id')}`,
      `CSeq: ${one(message, 'cseq')}`,
      `Contact: <sip:${this.options.user}@${this.options.ip}:${this.sip.address().port}>`,
      ...(body ? ['Content-Type: application/sdp'] : []),
      `Content-Length: ${Buffer.byteLength(body)}`,
      '',
      body,
    ].join('\r\n');
    this.sip.send(reply, from.port, from.address);
  }

  private ack(): void {
    this.send(
      [
        `ACK ${this.remoteContact} SIP/2.0`,
        this.via(),
        ...this.routeSet.map((r) => `Route: ${r}`),
        'Max-Forwards: 70',
        `From: <sip:${this.options.user}@${this.options.ip}>;tag=${this.fromTag}`,
        `To: <sip:x@${this.options.pbx.domain}>;tag=${this.toTag}`,
        `Call-ID: ${this.callId}`,
        'CSeq: 1 ACK',
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n'),
    );
  }

  private startRtp(): void {
    if (this.rtpTimer) return;
    const started = Date.now();
    let next = 0;
    // Paced by the wall clock, so a late timer catches up instead of sending fewer packets (no false loss).
    this.rtpTimer = setInterval(() => {
      const due = Math.floor((Date.now() - started) / 20);
      while (next <= due) {
        this.sendPacket(next);
        next += 1;
      }
    }, 10);
  }

  private sendPacket(index: number): void {
    if (!this.rtpTarget) return;
    const header = Buffer.alloc(12);
    header[0] = 0x80;
    header[1] = index === 0 ? 0x80 : 0; // marker on the first packet, payload type 0 (PCMU)
    header.writeUInt16BE(this.seq & 0xffff, 2);
    header.writeUInt32BE((index * 160) >>> 0, 4);
    header.writeUInt32BE(this.ssrc, 8);
    const drop = this.lossEvery > 0 && this.seq % this.lossEvery === 0;
    this.seq += 1;
    if (drop) {
      this.dropped += 1;
      return;
    }
    this.sent += 1;
    this.rtp.send(Buffer.concat([header, toneFrame(index * 160)]), this.rtpTarget.port, this.rtpTarget.host);
  }

  private stopRtp(): void {
    if (this.rtpTimer) clearInterval(this.rtpTimer);
    this.rtpTimer = null;
  }
}
