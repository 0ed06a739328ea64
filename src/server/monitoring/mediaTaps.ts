/**
 * The rtpengine side of live monitoring (decision 0039): taps on a call's parties for a lead's page
 * (ng `subscribe request`/`subscribe answer`), the lead's voice as a publisher (`publish`), and the
 * agent's tap on that voice. Every offer is for a browser (DTLS-SRTP with ICE); `ICE-lite: forward` is
 * what lets Chrome's checks succeed (without it rtpengine answers them 487 Role Conflict).
 */
import { OknoError } from '../../shared/errors.js';
import type { TapMedia } from '../../shared/monitoring/monitoring.js';
import type { BValue } from '../pbx/bencode.js';
import type { RtpengineNg } from '../pbx/rtpengineNg.js';

const OFFER: Record<TapMedia, Record<string, BValue>> = {
  browser: {
    'transport-protocol': 'UDP/TLS/RTP/SAVPF',
    ICE: 'force',
    'ICE-lite': 'forward',
    'rtcp-mux': ['offer'],
    flags: ['generate-mid', 'SDES-off'],
  },
  rtp: { 'transport-protocol': 'RTP/AVP', ICE: 'remove', DTLS: 'off', 'rtcp-mux': ['demux'], flags: ['SDES-off'] },
};

export interface Tap {
  /** rtpengine's tag of the subscriber (to unsubscribe and to answer). */
  toTag: string;
  sdp: string;
}

function text(value: BValue | undefined, what: string): string {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  throw new Error(`rtpengine's reply has no ${what}`);
}

export class MediaTaps {
  constructor(private readonly ng: RtpengineNg) {}

  /** The agent's tag in the call: the party the caller's monologue is in an offer/answer dialogue with. */
  async agentTag(callId: string, callerTag: string): Promise<string> {
    const reply = await this.ng.command('query', { 'call-id': callId });
    const tags = reply.tags as Record<string, { subscriptions?: { tag?: BValue; type?: BValue }[] }> | undefined;
    const dialogue = tags?.[callerTag]?.subscriptions?.find((sub) => text(sub.type, 'type') === 'offer/answer');
    if (!dialogue?.tag) throw new Error(`rtpengine knows no agent leg in call ${callId}`);
    return text(dialogue.tag, 'tag');
  }

  /** An offer that carries what the party with `fromTag` sends, for a browser to answer. */
  async tap(callId: string, fromTag: string, media: TapMedia): Promise<Tap> {
    const reply = await this.ng.command('subscribe request', {
      'call-id': callId,
      'from-tag': fromTag,
      ...OFFER[media],
    });
    return { toTag: text(reply['to-tag'], 'to-tag'), sdp: text(reply.sdp, 'sdp') };
  }

  /** A refused answer is the sender's fault (an SDP that does not fit the offer): a 400 naming rtpengine's reason. */
  async answer(callId: string, toTag: string, sdp: string): Promise<void> {
    try {
      await this.ng.command('subscribe answer', { 'call-id': callId, 'to-tag': toTag, sdp });
    } catch (error) {
      throw new OknoError('bad_request', `rtpengine refused the answer: ${(error as Error).message}`);
    }
  }

  /** The lead's microphone joins the call as a publisher no one hears until someone taps it. */
  async publish(callId: string, fromTag: string, offer: string): Promise<string> {
    try {
      const reply = await this.ng.command('publish', { 'call-id': callId, 'from-tag': fromTag, sdp: offer });
      return text(reply.sdp, 'sdp');
    } catch (error) {
      throw new OknoError('bad_request', `rtpengine refused the lead's voice: ${(error as Error).message}`);
    }
  }

  /** Ends a tap; false when rtpengine no longer had it (the call was hung up and deleted first). */
  async untap(callId: string, toTag: string): Promise<boolean> {
    try {
      await this.ng.command('unsubscribe', { 'call-id': callId, 'to-tag': toTag });
      return true;
    } catch {
      return false;
    }
  }
}
