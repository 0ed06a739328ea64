/**
 * A client of rtpengine's ng control protocol (UDP, `<cookie> <bencoded dict>`): the commands the hub
 * needs for a waiting caller, prompts and music. Replies are matched to requests by cookie, so
 * several commands may be in flight on one socket; a lost datagram ends in a timeout, never a hang.
 */
import { randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import type { Logger } from '../../shared/log.js';
import { bdecode, bencode, type BValue } from './bencode.js';

export interface RtpengineNgOptions {
  host: string;
  port: number;
  log: Logger;
  /** How long to wait for a reply (default 3000 ms). */
  timeoutMs?: number;
}

/** Names a party of a call: rtpengine's call-id (`q-<Call-ID>` for a waiting caller) and its tag. */
export interface MediaTarget {
  callId: string;
  /** The From-tag of the party that hears the media. */
  fromTag: string;
}

type Reply = Record<string, BValue>;

interface Pending {
  resolve(reply: Reply): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

export class RtpengineNg {
  private readonly socket: Socket;
  private readonly pending = new Map<string, Pending>();
  private readonly host: string;
  private readonly port: number;
  private readonly log: Logger;
  private readonly timeoutMs: number;
  private readonly ready: Promise<void>;

  constructor(options: RtpengineNgOptions) {
    this.host = options.host;
    this.port = options.port;
    this.log = options.log;
    this.timeoutMs = options.timeoutMs ?? 3000;
    this.socket = createSocket('udp4');
    this.socket.on('message', (data) => this.receive(data));
    this.socket.on('error', (error) => this.log.warn('rtpengine ng socket error', { error: error.message }));
    this.ready = new Promise((resolve) => this.socket.bind(0, '127.0.0.1', () => resolve()));
  }

  /** Plays a WAV file (absolute path rtpengine can read) to the party; the duration if rtpengine knows it. */
  async playMedia(target: MediaTarget & { file: string }): Promise<{ durationMs: number | null }> {
    const reply = await this.command('play media', {
      'call-id': target.callId,
      'from-tag': target.fromTag,
      file: target.file,
    });
    return { durationMs: typeof reply.duration === 'number' ? reply.duration : null };
  }

  async stopMedia(target: MediaTarget): Promise<void> {
    await this.command('stop media', { 'call-id': target.callId, 'from-tag': target.fromTag });
  }

  async ping(): Promise<void> {
    const reply = await this.command('ping', {});
    if (reply.result !== 'pong') throw new Error(`rtpengine answered ping with "${String(reply.result)}"`);
  }

  /** Any ng command; rejects with rtpengine's error-reason when the result is "error". */
  async command(name: string, fields: Record<string, BValue>): Promise<Reply> {
    await this.ready;
    const cookie = randomBytes(8).toString('hex');
    const packet = Buffer.concat([Buffer.from(`${cookie} `, 'latin1'), bencode({ ...fields, command: name })]);
    const reply = await new Promise<Reply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(cookie);
        reject(new Error(`rtpengine did not answer "${name}" within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      this.pending.set(cookie, { resolve, reject, timer });
      this.socket.send(packet, this.port, this.host, (error) => {
        if (!error) return;
        clearTimeout(timer);
        this.pending.delete(cookie);
        reject(error);
      });
    });
    if (reply.result === 'error') {
      const reason = typeof reply['error-reason'] === 'string' ? reply['error-reason'] : 'no reason given';
      throw new Error(`rtpengine refused "${name}": ${reason}`);
    }
    return reply;
  }

  async close(): Promise<void> {
    for (const [cookie, waiter] of this.pending) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error('rtpengine client closed'));
      this.pending.delete(cookie);
    }
    await this.ready;
    await new Promise<void>((resolve) => this.socket.close(() => resolve()));
  }

  private receive(data: Buffer): void {
    const space = data.indexOf(0x20);
    const cookie = space > 0 ? data.subarray(0, space).toString('latin1') : '';
    const waiter = this.pending.get(cookie);
    if (!waiter) {
      this.log.debug('rtpengine reply with an unknown cookie', { cookie: cookie.slice(0, 40) });
      return;
    }
    this.pending.delete(cookie);
    clearTimeout(waiter.timer);
    try {
      const reply = bdecode(data.subarray(space + 1));
      if (typeof reply !== 'object' || Array.isArray(reply)) throw new Error('the reply is not a dictionary');
      waiter.resolve(reply);
    } catch (error) {
      waiter.reject(new Error(`rtpengine sent an unreadable reply: ${String(error)}`));
    }
  }
}
