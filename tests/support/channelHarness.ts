/** Helpers shared by the channel gateway tests: admin calls, pushes, pulls and bounded waiting. */
import { waitFor as pollUntil } from './waitFor.js';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { uuidv7 } from '../../src/shared/ids.js';
import { PullResponse, PushResponse, SYNC_API, type Change } from '../../src/shared/sync.js';
import { api, type Loose } from '../integration/hub-harness.js';

export async function createChannel(hubUrl: string, token: string, channel: unknown): Promise<Loose> {
  const reply = await api(hubUrl, '/api/v1/channels', { token, json: channel });
  if (reply.status !== 201) throw new Error(`channel not created: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

export async function pullAll(hubUrl: string, token: string): Promise<Change[]> {
  const reply = await api(hubUrl, `${SYNC_API.pull}?after=0&limit=5000`, { token });
  return PullResponse.parse(reply.body).changes;
}

export async function threadsOf(hubUrl: string, token: string, channel: string): Promise<Loose[]> {
  return (await pullAll(hubUrl, token))
    .filter((c) => c.entity === 'thread' && c.data.channel === channel)
    .map((c) => c.data);
}

export async function messagesOf(hubUrl: string, token: string, threadId: string): Promise<Loose[]> {
  return (await pullAll(hubUrl, token))
    .filter((c) => c.entity === 'message' && c.data.threadId === threadId)
    .map((c) => c.data)
    .sort((a: Loose, b: Loose) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

export async function reply(hubUrl: string, token: string, threadId: string, text: string): Promise<string> {
  const now = Date.now();
  const messageId = uuidv7(now);
  const answer = await api(hubUrl, SYNC_API.push, {
    token,
    json: { mutations: [{ id: uuidv7(now), kind: 'message.send', threadId, messageId, text, createdAt: now }] },
  });
  const result = PushResponse.parse(answer.body).results[0];
  if (result?.outcome !== 'applied') throw new Error(`reply not applied: ${JSON.stringify(answer.body)}`);
  return messageId;
}

export async function deadLetters(hubUrl: string, token: string): Promise<Loose[]> {
  const answer = await api(hubUrl, '/api/v1/admin/dead-letters', { token });
  if (answer.status !== 200) throw new Error(`dead letters: ${answer.status}`);
  return answer.body.deadLetters as Loose[];
}

/** The shared poller with this harness's bounds: 10 s, every 50 ms. */
export function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 10_000,
): Promise<T> {
  return pollUntil(what, probe, timeoutMs, 50);
}

export interface RecordedCall {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A local HTTP server on 127.0.0.1 that records every request and answers with `status()`. */
export async function startRecorder(status: () => number = () => 200): Promise<{
  url: string;
  calls: RecordedCall[];
  close(): Promise<void>;
}> {
  const calls: RecordedCall[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      calls.push({ path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks) });
      response.writeHead(status(), { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
