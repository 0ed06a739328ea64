/**
 * The agent core's attachment cache against a real hub: a customer's files arrive through the
 * generic webhook channel, the agent opens them through the contract; the bytes land in
 * content-addressed files under the core's data folder, the database keeps only their metadata,
 * and a file over the cache's size cap is refused with an error naming the file and the cap.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sign } from '../../src/server/gateways/webhook/signature.js';
import { ATTACHMENTS_DIR, sha256Of } from '../../src/main/core/files/attachmentFiles.js';
import { STORE_FILE } from '../../src/main/core/store/localStore.js';
import type { CacheStatus, QueueItem, RequestOutput } from '../../src/shared/contract.js';
import { createChannel } from '../support/channelHarness.js';
import { startAgent, waitFor, type TestAgent } from './agent-harness.js';
import { ADMIN_PASSWORD, api, login, removeTempDirs, startHub } from './hub-harness.js';

const SECRET = 'webhook-signing-secret-for-attachments';
const SMALL = Buffer.from('%PDF-1.4 invoice 1042 '.repeat(400));
const BIG = Buffer.alloc(1536 * 1024, 7); // 1.5 MiB

let hub: Awaited<ReturnType<typeof startHub>>;
let token: string;
let anna: TestAgent;
let hookPath: string;

type Got = RequestOutput<'attachment.get'>;

async function customerSends(id: string, text: string, files: { name: string; mime: string; data: Buffer }[]) {
  const body = JSON.stringify({
    type: 'message',
    id,
    conversationId: 'conv-files',
    sender: { id: 'user-files', name: 'Vera Files' },
    text,
    attachments: files.map((f) => ({ name: f.name, mime: f.mime, base64: f.data.toString('base64') })),
  });
  const at = Math.floor(Date.now() / 1000);
  const response = await fetch(`${hub.url}${hookPath}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-okno-signature': sign(SECRET, at, body),
      'x-okno-timestamp': String(at),
    },
    body,
  });
  const reply = (await response.json()) as { messageId: string };
  const described = await api(hub.url, `/api/v1/messages/${reply.messageId}/body`, { token });
  return {
    messageId: reply.messageId,
    attachments: described.body.attachments as { id: string; name: string; size: number }[],
  };
}

function storedFiles(): string[] {
  const dir = path.join(anna.dataDir, ATTACHMENTS_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((shard) => readdirSync(path.join(dir, shard)));
}

beforeAll(async () => {
  hub = await startHub();
  token = await login(hub.url);
  const channel = await createChannel(hub.url, token, {
    kind: 'webhook',
    name: 'Files bot',
    settings: { callbackUrl: 'http://127.0.0.1:9/unused' },
    secrets: { signingSecret: SECRET },
  });
  hookPath = channel.webhookPath;
  anna = await startAgent(hub.url, 'admin', ADMIN_PASSWORD);
});

afterAll(async () => {
  await anna?.close();
  await hub?.close();
  removeTempDirs();
});

describe('attachments in the local cache', () => {
  it('stores opened files outside the database, once per content, capped by the setting', async () => {
    const first = await customerSends('files-1', 'here are my documents', [
      { name: 'invoice.pdf', mime: 'application/pdf', data: SMALL },
      { name: 'scan.tiff', mime: 'image/tiff', data: BIG },
    ]);
    const second = await customerSends('files-2', 'the invoice again', [
      { name: 'invoice-copy.pdf', mime: 'application/pdf', data: SMALL },
    ]);
    await waitFor('the webhook thread', async () => {
      const { items } = await anna.call<{ items: QueueItem[] }>('queue.list', { limit: 50 });
      return items.find((t) => t.channel === 'webhook');
    });
    const status = await anna.call<CacheStatus>('cache.update', { attachmentMaxMb: 1 });
    expect(status.settings.attachmentMaxMb).toBe(1);

    const [invoice, scan] = first.attachments;
    const got = await anna.call<Got>('attachment.get', { messageId: first.messageId, attachmentId: invoice!.id });
    expect(got.attachment).toMatchObject({
      name: 'invoice.pdf',
      mime: 'application/pdf',
      size: SMALL.length,
      sha256: sha256Of(SMALL),
    });
    expect(Buffer.from(got.dataBase64, 'base64').equals(SMALL)).toBe(true);
    expect(storedFiles()).toEqual([sha256Of(SMALL)]);

    // Over the cap: refused, naming the file and the cap; nothing written, what was cached stays.
    const refused = await anna.call('attachment.get', { messageId: first.messageId, attachmentId: scan!.id }).then(
      () => null,
      (e: Error & { code?: string }) => e,
    );
    expect(refused?.code).toBe('attachment_too_large');
    expect(refused?.message).toContain('scan.tiff');
    expect(refused?.message).toContain('1.0 MiB');
    expect(storedFiles()).toEqual([sha256Of(SMALL)]);

    // The same bytes under another message and name: one file, two rows.
    const copy = await anna.call<Got>('attachment.get', {
      messageId: second.messageId,
      attachmentId: second.attachments[0]!.id,
    });
    expect(copy.attachment.name).toBe('invoice-copy.pdf');
    expect(storedFiles()).toHaveLength(1);
    expect((await anna.call<CacheStatus>('cache.get')).attachmentBytes).toBe(SMALL.length);

    // Offline, what was opened before still opens.
    anna.offline();
    const offline = await anna.call<Got>('attachment.get', { messageId: first.messageId, attachmentId: invoice!.id });
    expect(Buffer.from(offline.dataBase64, 'base64').equals(SMALL)).toBe(true);
    anna.online();
    await waitFor('online again', async () => (await anna.connection()).status === 'online');

    // A higher cap lets the big one in; the database file holds none of the bytes.
    await anna.call('cache.update', { attachmentMaxMb: 2 });
    const big = await anna.call<Got>('attachment.get', { messageId: first.messageId, attachmentId: scan!.id });
    expect(big.attachment.size).toBe(BIG.length);
    expect(storedFiles().sort()).toEqual([sha256Of(SMALL), sha256Of(BIG)].sort());
    const { statSync } = await import('node:fs');
    expect(statSync(path.join(anna.dataDir, STORE_FILE)).size).toBeLessThan(BIG.length);
  });
});
