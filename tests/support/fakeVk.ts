/**
 * A LOCAL stand-in for the VK API (api.vk.com is not reachable from the test machines), on
 * 127.0.0.1, implementing only the documented subset the gateway uses:
 *   POST /method/messages.send (form: peer_id, message, random_id, access_token, v) → {response: <message id>}
 *   GET  /files/<name>  bytes of a photo or document the test put there (VK's CDN URLs)
 * A wrong access token gets {error: {error_code: 5, error_msg: "User authorization failed"}}, like VK.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export class FakeVk {
  readonly sent: { peerId: string; message: string; randomId: string }[] = [];
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
        if (url.pathname !== '/method/messages.send' || request.method !== 'POST') {
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
        if (!form.get('random_id') || !form.get('v')) {
          json({ error: { error_code: 100, error_msg: 'One of the parameters specified was missing or invalid' } });
          return;
        }
        if (this.failSends) {
          json({ error: this.failSends });
          return;
        }
        this.sent.push({
          peerId: form.get('peer_id') ?? '',
          message: form.get('message') ?? '',
          randomId: form.get('random_id') ?? '',
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
