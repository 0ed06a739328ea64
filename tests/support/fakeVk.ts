/**
 * A LOCAL stand-in for the VK API (api.vk.com is not reachable from the test machines), on
 * 127.0.0.1, implementing only the documented subset the gateway uses:
 *   POST /method/messages.send (form: peer_id, message, random_id, keyboard?, access_token, v) → {response: <message id>}
 *   POST /method/messages.sendMessageEventAnswer (form: event_id, user_id, peer_id, event_data) → {response: 1}
 *   GET  /files/<name>  bytes of a photo or document the test put there (VK's CDN URLs)
 * A wrong access token gets {error: {error_code: 5, error_msg: "User authorization failed"}}, like VK.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** An inline keyboard as the bot sent it (buttons with their action and payload string). */
export interface VkKeyboard {
  inline?: boolean;
  buttons: { action: { type: string; label: string; payload?: string } }[][];
}

export class FakeVk {
  readonly sent: { peerId: string; message: string; randomId: string; keyboard?: VkKeyboard }[] = [];
  /** Answers to callback-button presses (message_event): the event, the user and what they were shown. */
  readonly eventAnswers: {
    eventId: string;
    userId: string;
    peerId: string;
    eventData: { type: string; text?: string };
  }[] = [];
  readonly files = new Map<string, Buffer>();
  /** When set, messages.send answers with this VK error. */
  failSends: { error_code: number; error_msg: string } | null = null;
  url = '';
  private server: http.Server | null = null;
  private nextId = 900;

  constructor(readonly accessToken: string) {}

  async start(): Promise<this> {
    this.server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (c: Buffer) => chunks.push(c));
      request.on('end', () => {
        const url = new URL(request.url ?? '/', 'http://x');
        const file = /^\/files\/(.+)$/.exec(url.pathname);
        if (file) {
          const data = this.files.get(file[1]!);
          response.writeHead(data ? 200 : 404).end(data ?? '');
          return;
        }
        const methods = ['/method/messages.send', '/method/messages.sendMessageEventAnswer'];
        if (!methods.includes(url.pathname) || request.method !== 'POST') {
          response
            .writeHead(404, { 'content-type': 'application/json' })
            .end('{"error":{"error_code":3,"error_msg":"Unknown method passed"}}');
          return;
        }
        const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
        const json = (body: unknown) =>
          response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
        if (form.get('access_token') !== this.accessToken) {
          json({ error: { error_code: 5, error_msg: 'User authorization failed: invalid access_token' } });
          return;
        }
        // random_id is messages.send's own parameter; every method needs the API version.
        if ((url.pathname === '/method/messages.send' && !form.get('random_id')) || !form.get('v')) {
          json({ error: { error_code: 100, error_msg: 'One of the parameters specified was missing or invalid' } });
          return;
        }
        if (this.failSends) {
          json({ error: this.failSends });
          return;
        }
        if (url.pathname === '/method/messages.sendMessageEventAnswer') {
          this.eventAnswers.push({
            eventId: form.get('event_id') ?? '',
            userId: form.get('user_id') ?? '',
            peerId: form.get('peer_id') ?? '',
            eventData: JSON.parse(form.get('event_data') ?? '{}'),
          });
          json({ response: 1 });
          return;
        }
        const keyboard = form.get('keyboard');
        this.sent.push({
          peerId: form.get('peer_id') ?? '',
          message: form.get('message') ?? '',
          randomId: form.get('random_id') ?? '',
          ...(keyboard ? { keyboard: JSON.parse(keyboard) as VkKeyboard } : {}),
        });
        json({ response: this.nextId++ });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}
