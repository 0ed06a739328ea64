/**
 * Email as the customer wrote it (decision 0026): the core's message.body client against a real
 * HTTP server on loopback, and the sandboxed frame's own policy.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMessageBodies } from '../../src/main/core/hubApi/messageBodies.js';
import { MESSAGE_HTML_MAX_CHARS, requests } from '../../src/shared/contract.js';
import { OknoError } from '../../src/shared/errors.js';
import { emailFramePolicy } from '../../src/renderer/features/conversation/emailFramePolicy.js';

const SMALL = '0190a4c2-1d2e-7f00-8000-000000000001';
const HUGE = '0190a4c2-1d2e-7f00-8000-000000000002';
const PLAIN = '0190a4c2-1d2e-7f00-8000-000000000003';
let server: Server;
let hubUrl: string;
const asked: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    asked.push(request.url ?? '');
    const id = /\/api\/v1\/messages\/([^/]+)\/body/.exec(request.url ?? '')?.[1];
    const reply = (status: number, body: unknown) =>
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    // The hub's whole answer, as channelsApi's messageBody row describes it.
    const body = (messageId: string, text: string, html: string | null) =>
      reply(200, { messageId, text, html, headers: {}, attachments: [], delivery: null });
    if (request.headers.authorization !== 'Bearer tok') return reply(401, { error: { code: 'unauthorized' } });
    if (id === SMALL) return body(id, 'Hi (text)', '<p>Hi</p>');
    if (id === HUGE) return body(id, 'Big (text)', 'x'.repeat(MESSAGE_HTML_MAX_CHARS + 1));
    if (id === PLAIN) return body(id, 'Only text', null);
    return reply(404, { error: { code: 'not_found', message: `message ${id} does not exist` } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hubUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('message bodies from the hub', () => {
  const bodies = () => createMessageBodies({ link: () => ({ hubUrl, token: 'tok' }) });

  it('passes the HTML and text parts on as the contract says, and asks the hub once per message', async () => {
    const client = bodies();
    asked.length = 0;
    const first = await client.get(SMALL);
    expect(first).toEqual({ text: 'Hi (text)', html: '<p>Hi</p>', htmlTooLarge: false });
    expect(requests['message.body'].output.parse(first)).toEqual(first);
    expect(await client.get(SMALL)).toEqual(first);
    expect(asked).toHaveLength(1);
    expect(await client.get(PLAIN)).toEqual({ text: 'Only text', html: null, htmlTooLarge: false });
  });

  it('leaves out HTML too large for a contract frame, so the text part is shown', async () => {
    expect(await bodies().get(HUGE)).toEqual({ text: 'Big (text)', html: null, htmlTooLarge: true });
  });

  it('says which message the hub does not have, and needs a sign-in', async () => {
    const missing = '0190a4c2-1d2e-7f00-8000-0000000000ff';
    await expect(bodies().get(missing)).rejects.toMatchObject({ code: 'not_found' });
    const signedOut = createMessageBodies({ link: () => null });
    await expect(signedOut.get(SMALL)).rejects.toBeInstanceOf(OknoError);
    await expect(signedOut.get(SMALL)).rejects.toMatchObject({ code: 'not_signed_in' });
  });
});

describe("the email frame's own policy", () => {
  it('lets nothing load until remote images are allowed, then only this message’s image origins', () => {
    expect(emailFramePolicy([])).toBe(
      "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
    );
    expect(emailFramePolicy(['https://images.example', 'https://cdn.example'])).toContain(
      'img-src data: https://images.example https://cdn.example;',
    );
  });
});
