/**
 * The core's calls client builds every request from its callsApi row: method, filled path, body or
 * query, and checks the answer with the row's schema. The hub here is a real HTTP server on
 * loopback that records what arrives and answers what each test tells it to.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queryOf } from '../../src/main/core/hubApi/callEndpoint.js';
import { createCallsClient, type CallsClient } from '../../src/main/core/hubApi/callsClient.js';
import { ServiceLineInput } from '../../src/shared/calls/serviceLine.js';
import { callsApi } from '../../src/shared/hubApi/callsApi.js';
import { fillPath } from '../../src/shared/hubApi/endpoint.js';
import { OknoError } from '../../src/shared/errors.js';
import { uuidv7 } from '../../src/shared/ids.js';
import { T0, thread } from './core-fixtures.js';

interface Seen {
  method: string;
  url: string;
  body: unknown;
  authorization: string | undefined;
}

let server: Server;
let hubUrl: string;
let seen: Seen[] = [];
let answer: { status: number; json: unknown } = { status: 200, json: {} };

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : undefined;
}

beforeAll(async () => {
  server = createServer((req, res) => {
    void readBody(req).then((body) => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', body, authorization: req.headers.authorization });
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hubUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

let client: CallsClient;
beforeEach(() => {
  seen = [];
  answer = { status: 200, json: {} };
  client = createCallsClient({ link: () => ({ hubUrl, token: 'tok' }), timeoutMs: 5000 });
});

const lineInput = ServiceLineInput.parse({ number: '+74950000000', name: 'Cards' });
const line = (id: string) => ({ ...lineInput, id, updatedAt: T0 });

describe('calls client', () => {
  it('lists lines with a GET to the row path, no body, the session token', async () => {
    const id = uuidv7();
    answer.json = { lines: [line(id)], prompts: ['welcome'] };
    const reply = await client.lines();
    expect(reply.lines[0]?.id).toBe(id);
    expect(reply.prompts).toEqual(['welcome']);
    expect(seen).toEqual([{ method: 'GET', url: '/api/v1/lines', body: undefined, authorization: 'Bearer tok' }]);
  });

  it('saves a new line with POST and an existing one with PUT on its own path, id not in the body', async () => {
    const id = uuidv7();
    answer.json = line(id);
    await client.saveLine(lineInput);
    await client.saveLine({ ...lineInput, id });
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual(['POST /api/v1/lines', `PUT /api/v1/lines/${id}`]);
    expect(seen[0]?.body).toEqual(lineInput);
    expect(seen[1]?.body).toEqual(lineInput);
  });

  it('deletes and removes with DELETE on the filled path, without a body', async () => {
    const lineId = uuidv7();
    const blockId = uuidv7();
    answer.json = { deleted: lineId };
    expect(await client.deleteLine(lineId)).toEqual({ deleted: lineId });
    answer.json = { removed: blockId };
    expect(await client.removeBlock(blockId)).toEqual({ removed: blockId });
    expect(seen.map((s) => [s.method, s.url, s.body])).toEqual([
      ['DELETE', `/api/v1/lines/${lineId}`, undefined],
      ['DELETE', `/api/v1/blocklist/${blockId}`, undefined],
    ]);
  });

  it('puts the thread id in the path and the rest in the body (transfer, callback, phone)', async () => {
    const threadId = uuidv7();
    const groupId = uuidv7();
    const t = thread({ id: threadId });
    answer.json = { thread: t, sipTarget: null };
    await client.transfer({ threadId, to: { groupId, note: 'cards' } });
    const callback = {
      threadId,
      number: '+79990000000',
      lineId: null,
      requestedAt: T0,
      waitedMs: 1000,
      dueAt: T0 + 60_000,
      state: 'done',
      result: 'reached',
    };
    answer.json = { thread: t, callback };
    await client.completeCallback({ threadId, result: 'reached' });
    answer.json = { sipUser: '1001' };
    expect(await client.setMyPhone({ sipUser: '1001' })).toEqual({ sipUser: '1001' });
    expect(seen.map((s) => [s.method, s.url, s.body])).toEqual([
      ['POST', `/api/v1/threads/${threadId}/transfer`, { groupId, note: 'cards' }],
      ['POST', `/api/v1/threads/${threadId}/callback`, { result: 'reached' }],
      ['PUT', '/api/v1/agents/me/phone', { sipUser: '1001' }],
    ]);
  });

  it('sends every row with its own method to its own path (the table is the only source)', async () => {
    const id = uuidv7();
    answer = { status: 500, json: {} };
    for (const [name, row] of Object.entries(callsApi)) {
      const params = row.path.includes(':id') ? { id } : {};
      const input = row.method === 'GET' || row.method === 'DELETE' ? {} : sampleInput(name);
      await expect(client.call(name as keyof typeof callsApi, { params, input } as never)).rejects.toThrow(OknoError);
      expect(seen.at(-1)).toMatchObject({ method: row.method, url: fillPath(row.path, params) });
    }
    expect(seen).toHaveLength(Object.keys(callsApi).length);
  });

  it('refuses an answer its row does not describe, and keeps the hub refusal with its field issues', async () => {
    answer.json = { lines: 'no' };
    await expect(client.lines()).rejects.toMatchObject({ code: 'hub_error' });
    answer = {
      status: 400,
      json: {
        error: {
          code: 'invalid_input',
          message: 'the menu loops',
          issues: [{ path: 'menu.nodes.main', message: 'step "main" leads back to itself' }],
        },
      },
    };
    const refused = await client.saveLine(lineInput).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OknoError);
    expect((refused as OknoError).issues).toEqual([
      { path: 'menu.nodes.main', message: 'step "main" leads back to itself' },
    ]);
  });

  it('does not send a request whose params its row refuses', async () => {
    await expect(client.deleteLine('not-an-id')).rejects.toThrow();
    expect(seen).toEqual([]);
  });

  it('refuses an input its row refuses as the hub would (bad_request, fields named), without sending it', async () => {
    const refused = await client
      .call('addBlock', { params: {}, input: { kind: 'fax', value: '1' } as never })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OknoError);
    expect((refused as OknoError).code).toBe('bad_request');
    expect((refused as OknoError).issues?.map((i) => i.path)).toContain('kind');
    expect(seen).toEqual([]);
  });

  it('writes a GET input as the query', () => {
    expect(queryOf({})).toBe('');
    expect(queryOf({ a: 1, b: 'x y', c: undefined, d: null })).toBe('?a=1&b=x+y');
  });
});

function sampleInput(name: string): unknown {
  switch (name) {
    case 'createLine':
    case 'updateLine':
      return lineInput;
    case 'addBlock':
      return { kind: 'phone', value: '+79990000000', reason: 'spam' };
    case 'transfer':
      return { groupId: uuidv7() };
    case 'completeCallback':
      return { result: 'no_answer' };
    case 'setMyPhone':
      return { sipUser: null };
    case 'uploadPrompt':
      return { name: 'Greeting', dataBase64: 'UklGRg==' };
    default:
      throw new Error(`no sample input for ${name}`);
  }
}
