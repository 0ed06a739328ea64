/**
 * What agents send beyond text, and what admins do with dead letters:
 * - files on replies: uploaded to the hub (10 MB cap, clear 413), named by the reply's mutation,
 *   sent by Telegram (a LOCAL server implementing the documented Bot API subset, because
 *   api.telegram.org is not reachable here) and by email (REAL Dovecot + OpenSMTPD);
 * - each group's email signature, appended to the text and HTML parts;
 * - dead letters: an agent gets 403, an admin discards one and retries one into the queue.
 */
import { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OUTBOUND_FILE_MAX_BYTES } from '../../src/shared/attachments.js';
import { uuidv7 } from '../../src/shared/ids.js';
import { PushResponse, SYNC_API } from '../../src/shared/sync.js';
import type { Hub } from '../../src/server/hub.js';
import { createChannel, deadLetters, messagesOf, threadsOf, waitFor } from '../support/channelHarness.js';
import { FakeTelegram } from '../support/fakeTelegram.js';
import { mailServersMissing, startMailServers, type MailServers } from '../support/mailServers.js';
import { ADMIN_PASSWORD, api, login, removeTempDirs, startHub, tempDir, type Loose } from './hub-harness.js';
import { openHubDatabase } from '../support/testDatabase.js';

const TOKEN = '123456:outbound-token';
const OLGA = { id: 7101, first_name: 'Olga' };

async function upload(hubUrl: string, token: string, name: string, data: Buffer, mime = 'application/pdf') {
  const response = await fetch(`${hubUrl}/api/v1/uploads`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/octet-stream',
      'x-okno-file-name': encodeURIComponent(name),
      'x-okno-file-type': mime,
    },
    body: data,
  });
  return { status: response.status, body: (await response.json()) as Loose };
}

/** A group with the admin in it (test hubs start without groups). */
async function adminGroup(hubUrl: string, token: string, name: string): Promise<string> {
  const me = await api(hubUrl, SYNC_API.login, { json: { login: 'admin', password: ADMIN_PASSWORD } });
  const group = await api(hubUrl, '/api/v1/groups', { token, json: { name, memberIds: [me.body.agent.id] } });
  if (group.status !== 201) throw new Error(`group not created: ${JSON.stringify(group.body)}`);
  return group.body.id as string;
}

async function replyWith(hubUrl: string, token: string, threadId: string, text: string, attachmentIds: string[]) {
  const now = Date.now();
  const messageId = uuidv7(now);
  const answer = await api(hubUrl, SYNC_API.push, {
    token,
    json: {
      mutations: [{ id: uuidv7(now), kind: 'message.send', threadId, messageId, text, createdAt: now, attachmentIds }],
    },
  });
  return { messageId, result: PushResponse.parse(answer.body).results[0]! };
}

describe('files on replies, group signatures and dead letters (Telegram: local Bot API subset)', () => {
  let fake: FakeTelegram;
  let hub: Hub & { dataDir: string };
  let admin: string;
  let agent: string;
  let channelId: string;
  let thread: Loose;

  beforeAll(async () => {
    fake = await new FakeTelegram(TOKEN).start();
    hub = await startHub({ dataDir: tempDir(), channels: { retryDelaysMs: [20] } });
    admin = await login(hub.url);
    const created = await api(hub.url, '/api/v1/agents', {
      token: admin,
      json: { login: 'ivan', name: 'Ivan', password: 'ivan-password', role: 'agent' },
    });
    expect(created.status).toBe(201);
    agent = await login(hub.url, 'ivan', 'ivan-password');
    const channel = await createChannel(hub.url, admin, {
      kind: 'telegram',
      name: 'Bank bot',
      settings: { apiBase: fake.url, mode: 'polling', pollTimeoutSec: 1, retryDelayMs: 50 },
      secrets: { botToken: TOKEN },
    });
    channelId = channel.id;
    fake.pushMessage(OLGA, { text: 'Please send me the statement' });
    thread = await waitFor('the telegram thread', async () => (await threadsOf(hub.url, admin, 'telegram'))[0]);
  });
  afterAll(async () => {
    await hub?.close();
    await fake?.stop();
    removeTempDirs();
  });

  it('sends an uploaded file with the reply as a Telegram document', async () => {
    const pdf = Buffer.from('%PDF-1.4 statement for Olga');
    const up = await upload(hub.url, admin, 'statement.pdf', pdf);
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ name: 'statement.pdf', mime: 'application/pdf', size: pdf.length });
    const { messageId, result } = await replyWith(hub.url, admin, thread.id, 'Here it is', [up.body.id]);
    expect(result.outcome).toBe('applied');
    await hub.channels.settled();
    const sent = await waitFor('the document at the Bot API', async () =>
      fake.sent.find((s) => s.method === 'sendDocument'),
    );
    expect(sent).toMatchObject({ chatId: '7101', text: 'Here it is' });
    expect(sent.file).toMatchObject({ name: 'statement.pdf', mime: 'application/pdf', size: pdf.length });
    const body = (await api(hub.url, `/api/v1/messages/${messageId}/body`, { token: admin })).body;
    expect(body.attachments).toMatchObject([{ name: 'statement.pdf', size: pdf.length }]);
    expect(body.delivery).toMatchObject({ status: 'sent' });
  });

  it('refuses a file over the cap with the sizes, and a reply naming an upload that is not yours', async () => {
    const big = Buffer.alloc(OUTBOUND_FILE_MAX_BYTES + 1, 1);
    const tooBig = await upload(hub.url, admin, 'scan.tiff', big, 'image/tiff');
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.message).toMatch(/10\.0 MB; replies carry files up to 10\.0 MB/);

    const mine = await upload(hub.url, admin, 'a.txt', Buffer.from('admin file'), 'text/plain');
    const { result } = await replyWith(hub.url, agent, thread.id, 'Stolen file', [mine.body.id]);
    expect(result).toMatchObject({ outcome: 'rejected', error: { code: 'bad_request' } });
    expect(result.error?.message).toMatch(/not an upload of yours/);
    // Nothing of the refused reply reached Telegram.
    expect(fake.sent.some((s) => s.text === 'Stolen file')).toBe(false);
  });

  it('keeps group signatures for leads; an agent gets 403', async () => {
    await adminGroup(hub.url, admin, 'Cards');
    const list = await api(hub.url, '/api/v1/signatures', { token: admin });
    expect(list.status).toBe(200);
    const group = list.body.signatures[0];
    expect(group).toMatchObject({ text: '' });
    const saved = await api(hub.url, `/api/v1/signatures/${group.groupId}`, {
      method: 'PUT',
      token: admin,
      json: { text: 'Card team\n+7 800 000-00-00' },
    });
    expect(saved.body).toMatchObject({ groupId: group.groupId, text: 'Card team\n+7 800 000-00-00' });
    const tooLong = await api(hub.url, `/api/v1/signatures/${group.groupId}`, {
      method: 'PUT',
      token: admin,
      json: { text: 'x'.repeat(2001) },
    });
    expect(tooLong.status).toBe(400);
    const forbidden = await api(hub.url, `/api/v1/signatures/${group.groupId}`, {
      method: 'PUT',
      token: agent,
      json: { text: 'mine' },
    });
    expect(forbidden.status).toBe(403);
    expect((await api(hub.url, '/api/v1/channels', { token: agent })).status).toBe(403);
  });

  it('lets an admin (not an agent) see, discard and retry dead letters', async () => {
    fake.push({ edited_channel_post: { message_id: 1, chat: { id: -1 }, date: 1 } });
    const [letter] = await waitFor('the unsupported update as a dead letter', async () => {
      const letters = await deadLetters(hub.url, admin);
      return letters.length > 0 ? letters : null;
    });
    expect(letter).toMatchObject({ channelKind: 'telegram', reason: 'unsupported' });
    expect(Buffer.from(letter.payload, 'base64').toString()).toContain('edited_channel_post');

    expect((await api(hub.url, '/api/v1/admin/dead-letters', { token: agent })).status).toBe(403);
    const agentDiscard = await api(hub.url, `/api/v1/admin/dead-letters/${letter.id}`, {
      method: 'DELETE',
      token: agent,
    });
    expect(agentDiscard.status).toBe(403);

    // Retrying an update the gateway still does not take keeps it, as a new letter.
    const again = await api(hub.url, `/api/v1/admin/dead-letters/${letter.id}/retry`, { token: admin, json: {} });
    expect(again.body).toEqual({ outcome: 'dead_letter' });
    const [renewed] = await deadLetters(hub.url, admin);
    expect(renewed.id).not.toBe(letter.id);
    const discarded = await api(hub.url, `/api/v1/admin/dead-letters/${renewed.id}`, {
      method: 'DELETE',
      token: admin,
    });
    expect(discarded.status).toBe(204);
    expect(await deadLetters(hub.url, admin)).toEqual([]);

    // A message kept after a failure of ours (here written straight into the hub's database)
    // reaches the queue when retried.
    const update = {
      update_id: 999,
      message: {
        message_id: 77,
        date: 1,
        chat: { id: 7202 },
        from: { id: 7202, first_name: 'Pavel' },
        text: 'Kept after a failure',
      },
    };
    const db = openHubDatabase(hub.dataDir);
    db.prepare(
      'INSERT INTO dead_letters (id, channel_id, channel_kind, reason, detail, payload, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(
      uuidv7(Date.now()),
      channelId,
      'telegram',
      'failed',
      'disk was full',
      Buffer.from(JSON.stringify(update)),
      Date.now(),
    );
    db.close();
    const [failed] = await deadLetters(hub.url, admin);
    const retried = await api(hub.url, `/api/v1/admin/dead-letters/${failed.id}/retry`, { token: admin, json: {} });
    expect(retried.body).toEqual({ outcome: 'queued' });
    const threads = await threadsOf(hub.url, admin, 'telegram');
    const pavel = threads.find((t) => t.subject === 'Kept after a failure');
    expect(pavel).toBeDefined();
    expect(await deadLetters(hub.url, admin)).toEqual([]);
    const missing = await api(hub.url, `/api/v1/admin/dead-letters/${failed.id}`, { method: 'DELETE', token: admin });
    expect(missing.status).toBe(404);
  });
});

describe('unsent reply files', () => {
  it('are dropped when the hub starts a day after they were uploaded (injected clock)', async () => {
    const dataDir = tempDir();
    let now = Date.UTC(2026, 2, 2, 9, 0);
    let hub = await startHub({ dataDir, now: () => now });
    let admin = await login(hub.url);
    const kept = await upload(hub.url, admin, 'kept.txt', Buffer.from('kept'), 'text/plain');
    now += 23 * 60 * 60 * 1000;
    admin = await login(hub.url); // sessions end 12 h after sign-in
    const fresh = await upload(hub.url, admin, 'fresh.txt', Buffer.from('fresh'), 'text/plain');
    await hub.close();

    now += 2 * 60 * 60 * 1000; // 25 h after the first upload, 2 h after the second
    hub = await startHub({ dataDir, now: () => now });
    admin = await login(hub.url);
    const db = openHubDatabase(dataDir);
    const left = db.prepare('SELECT id FROM outbound_uploads').all() as { id: string }[];
    db.close();
    expect(left.map((r) => r.id)).toEqual([fresh.body.id]);
    expect(left.map((r) => r.id)).not.toContain(kept.body.id);
    await hub.close();
  });
});

const SUPPORT = 'desk@example.test';
const CUSTOMER = 'anna@example.test';
const missing = mailServersMissing();

describe.skipIf(missing !== null)(
  `email reply with a group signature and a file (real Dovecot + OpenSMTPD)${missing ? ` — skipped: ${missing}` : ''}`,
  () => {
    let servers: MailServers;
    let hub: Hub;
    let admin: string;

    beforeAll(async () => {
      servers = await startMailServers([SUPPORT, CUSTOMER]);
      hub = await startHub({ dataDir: tempDir(), channels: { retryDelaysMs: [20] } });
      admin = await login(hub.url);
      await createChannel(hub.url, admin, {
        kind: 'email',
        name: 'Desk',
        settings: {
          address: SUPPORT,
          imap: { host: '127.0.0.1', port: servers.imapPort, user: SUPPORT },
          smtp: { host: '127.0.0.1', port: servers.smtpPort },
          pollIntervalMs: 500,
          signature: 'channel signature (not used when the group has one)',
        },
        secrets: { imapPassword: servers.password(SUPPORT) },
      });
    });
    afterAll(async () => {
      await hub?.close();
      await servers?.stop();
      removeTempDirs();
    });

    it('appends the group’s signature to both parts and attaches the uploaded file', async () => {
      const transport = nodemailer.createTransport({
        host: '127.0.0.1',
        port: servers.smtpPort,
        secure: false,
        ignoreTLS: true,
      });
      await transport.sendMail({ from: CUSTOMER, to: SUPPORT, subject: 'Loan papers', text: 'Send the contract' });
      transport.close();
      const thread = await waitFor(
        'the email thread',
        async () => (await threadsOf(hub.url, admin, 'email'))[0],
        15_000,
      );
      // The thread came in before any group existed: the replying agent's group signs it.
      const groupId = await adminGroup(hub.url, admin, 'Loans');
      await api(hub.url, `/api/v1/signatures/${groupId}`, {
        method: 'PUT',
        token: admin,
        json: { text: 'Loans desk <loans>\nOkno Bank' },
      });
      const contract = Buffer.from('%PDF-1.4 contract');
      const up = await upload(hub.url, admin, 'контракт.pdf', contract);
      const { result } = await replyWith(hub.url, admin, thread.id, 'The contract is attached.', [up.body.id]);
      expect(result.outcome).toBe('applied');
      await hub.channels.settled();

      const client = new ImapFlow({
        host: '127.0.0.1',
        port: servers.imapPort,
        secure: false,
        auth: { user: CUSTOMER, pass: servers.password(CUSTOMER) },
        logger: false,
      });
      const mail = await waitFor(
        'the reply in Anna’s mailbox',
        async () => {
          await client.connect().catch(() => undefined);
          const lock = await client.getMailboxLock('INBOX');
          try {
            const all = await client.fetchAll('1:*', { source: true });
            return all[0]?.source ? simpleParser(all[0].source) : null;
          } catch {
            return null;
          } finally {
            lock.release();
          }
        },
        15_000,
      );
      await client.logout();
      expect(mail.subject).toBe('Re: Loan papers');
      expect(mail.text).toContain('The contract is attached.\n\n-- \nLoans desk <loans>\nOkno Bank');
      expect(mail.text).not.toContain('channel signature');
      expect(mail.html).toContain(
        '<div class="okno-signature">-- <br><p>Loans desk &#60;loans&#62;<br>Okno Bank</p></div>',
      );
      expect(mail.attachments).toHaveLength(1);
      expect(mail.attachments[0]).toMatchObject({ filename: 'контракт.pdf', contentType: 'application/pdf' });
      expect(mail.attachments[0]!.content.equals(contract)).toBe(true);
      const [, sent] = await messagesOf(hub.url, admin, thread.id);
      expect(sent).toMatchObject({ direction: 'out', text: 'The contract is attached.' });
    });
  },
);
