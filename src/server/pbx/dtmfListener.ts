/**
 * Receives the digits a waiting caller presses: rtpengine started with `--dtmf-log-dest` sends one
 * JSON datagram per RFC 4733 event (`{"callid":"q-<Call-ID>","source_tag":…,"event":5,…}`). The
 * hub's menus want the SIP Call-ID, so the queue call's prefix is removed here.
 */
import { createSocket } from 'node:dgram';
import { z } from 'zod';
import { dtmfDigit, QUEUE_MEDIA_PREFIX } from '../../shared/calls/pbxProtocol.js';
import type { Logger } from '../../shared/log.js';

export interface DtmfDigit {
  /** The SIP Call-ID (the `q-` of the queue media call removed). */
  callId: string;
  /** The From-tag of the party that pressed the key. */
  fromTag: string;
  digit: string;
}

const DtmfDatagram = z.object({
  callid: z.string().min(1),
  source_tag: z.string(),
  event: z.number().int(),
});

export async function listenDtmf(
  options: { host: string; port: number; log: Logger },
  onDigit: (digit: DtmfDigit) => void,
): Promise<{ port: number; close(): Promise<void> }> {
  const { log } = options;
  const socket = createSocket('udp4');
  socket.on('message', (data) => {
    let json: unknown;
    try {
      json = JSON.parse(data.toString('utf8'));
    } catch {
      log.warn('DTMF datagram is not JSON', { text: data.toString('utf8').slice(0, 200) });
      return;
    }
    const parsed = DtmfDatagram.safeParse(json);
    if (!parsed.success) {
      log.warn('DTMF datagram without callid/source_tag/event', { text: data.toString('utf8').slice(0, 200) });
      return;
    }
    const digit = dtmfDigit(parsed.data.event);
    // 12-16 are A-D and flash: no menu uses them
    if (digit === null) return;
    const { callid } = parsed.data;
    const callId = callid.startsWith(QUEUE_MEDIA_PREFIX) ? callid.slice(QUEUE_MEDIA_PREFIX.length) : callid;
    try {
      onDigit({ callId, fromTag: parsed.data.source_tag, digit });
    } catch (error) {
      log.error('DTMF handler failed', { error: String(error) });
    }
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(options.port, options.host, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  socket.on('error', (error) => log.warn('DTMF socket error', { error: error.message }));
  return {
    port: socket.address().port,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
