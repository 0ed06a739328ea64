/**
 * One SIP INVITE sent by hand over UDP from a loopback address, for what no well-behaved phone will
 * send (a trunk's garbage SDP): resolves with the first final status the PBX answers.
 */
import { createSocket } from 'node:dgram';
import { randomBytes } from 'node:crypto';

export async function rawInvite(options: {
  from: { ip: string; user: string };
  to: { host: string; port: number; user: string };
  body: string;
  contentType?: string;
  timeoutMs?: number;
}): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, options.from.ip, resolve));
  const { port } = socket.address();
  const branch = `z9hG4bK${randomBytes(6).toString('hex')}`;
  const callId = `${randomBytes(8).toString('hex')}@${options.from.ip}`;
  const { to, from } = options;
  const message = [
    `INVITE sip:${to.user}@${to.host}:${to.port} SIP/2.0`,
    `Via: SIP/2.0/UDP ${from.ip}:${port};branch=${branch};rport`,
    'Max-Forwards: 70',
    `From: <sip:${from.user}@${from.ip}>;tag=${randomBytes(4).toString('hex')}`,
    `To: <sip:${to.user}@${to.host}>`,
    `Call-ID: ${callId}`,
    'CSeq: 1 INVITE',
    `Contact: <sip:${from.user}@${from.ip}:${port}>`,
    `Content-Type: ${options.contentType ?? 'application/sdp'}`,
    `Content-Length: ${Buffer.byteLength(options.body)}`,
    '',
    options.body,
  ].join('\r\n');
  try {
    return await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no final answer to the INVITE')), options.timeoutMs ?? 5000);
      socket.on('message', (data) => {
        const status = Number(/^SIP\/2\.0 (\d{3})/.exec(data.toString('latin1'))?.[1]);
        if (status >= 200) {
          clearTimeout(timer);
          resolve(status);
        }
      });
      socket.send(message, to.port, to.host);
    });
  } finally {
    socket.close();
  }
}
