/**
 * Email gateway against a REAL Dovecot (IMAP, IDLE) and a REAL OpenSMTPD (delivering over LMTP into
 * Dovecot), both from Debian's packages, started here on 127.0.0.1 (tests/support/mailServers.ts).
 */
import { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from '../../src/server/hub.js';
import { createChannel, deadLetters, messagesOf, reply, threadsOf, waitFor } from '../support/channelHarness.js';
import { mailServersMissing, startMailServers, type MailServers } from '../support/mailServers.js';
import { openHubDatabase } from '../support/testDatabase.js';
import { api, login, openLive, removeTempDirs, startHub, tempDir, type Loose } from './hub-harness.js';

const SUPPORT = 'support@example.test';
const OLGA = 'olga@example.test';
const missing = mailServersMissing();
let servers: MailServers;
let hub: Hub;
let token: string;
let channelId: string;
const dataDir = tempDir();
const hubOptions = { dataDir, channels: { retryDelaysMs: [20] } };

function imap(user: string) {
  return new ImapFlow({
    host: '127.0.0.1',
    port: servers.imapPort,
    secure: false,
    auth: { user, pass: servers.password(user) },
    logger: false,
  });
}

async function appendRaw(raw: Buffer | string, user = SUPPORT): Promise<void> {
  const client = imap(user);
  await client.connect();
  try {
    await client.append('INBOX', raw);
  } finally {
    await client.logout();
  }
}

async function sendAsCustomer(mail: SendMailOptions) {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: servers.smtpPort,
    secure: false,
    ignoreTLS: true,
  });
  try {
    return await transport.sendMail({ from: `Olga Petrova <${OLGA}>`, to: SUPPORT, ...mail });
  } finally {
    transport.close();
  }
}

/** The raw messages in a user's INBOX, parsed. */
async function inboxOf(user: string) {
  const client = imap(user);
  await client.connect();
  const lock = await client.getMailboxLock('INBOX');
  try {
    const all = await client.fetchAll('1:*', { source: true, uid: true });
    return Promise.all(all.map((m) => simpleParser(m.source!)));
  } catch {
    return [];
  } finally {
    lock.release();
    await client.logout();
  }
}

async function emailMessages(): Promise<Loose[]> {
  const threads = await threadsOf(hub.url, token, 'email');
  return (await Promise.all(threads.map((t) => messagesOf(hub.url, token, t.id)))).flat();
}

describe.skipIf(missing !== null)(
  `email gateway (real Dovecot + OpenSMTPD)${missing ? ` — skipped: ${missing}` : ''}`,
  () => {
    beforeAll(async () => {
      servers = await startMailServers([SUPPORT, OLGA, 'robot@example.test']);
      hub = await startHub(hubOptions);
      token = await login(hub.url);
      ({ id: channelId } = await createChannel(hub.url, token, {
        kind: 'email',
        name: 'Support mailbox',
        settings: {
          address: SUPPORT,
          displayName: 'Okno Bank support',
          imap: { host: '127.0.0.1', port: servers.imapPort, user: SUPPORT },
          smtp: { host: '127.0.0.1', port: servers.smtpPort },
          pollIntervalMs: 1000,
          signature: 'Okno Bank, customer care',
        },
        secrets: { imapPassword: servers.password(SUPPORT) },
      }));
    });
    afterAll(async () => {
      await hub?.close();
      await servers?.stop();
      removeTempDirs();
    });

    let first: Loose;
    let originalId: string;

    it('takes a customer’s mail (text, HTML, attachment) from IMAP into the queue', async () => {
      const sent = await sendAsCustomer({
        subject: 'Card blocked',
        text: 'My card was blocked after a trip.',
        html: '<p>My card was <b>blocked</b> after a trip.</p><script>alert(1)</script><img src="https://tracker.example/p.gif" width="1" height="1">',
        attachments: [
          { filename: 'receipt.pdf', content: Buffer.from('%PDF-1.4 receipt'), contentType: 'application/pdf' },
        ],
      });
      originalId = sent.messageId;
      first = await waitFor('the email thread', async () => (await threadsOf(hub.url, token, 'email'))[0], 15_000);
      expect(first).toMatchObject({ channel: 'email', status: 'open', subject: 'Card blocked' });
      const [message] = await messagesOf(hub.url, token, first.id);
      expect(message.text).toContain('My card was blocked after a trip.');
      expect(message.text).toContain('receipt.pdf');
      const body = (await api(hub.url, `/api/v1/messages/${message.id}/body`, { token })).body;
      // Kept raw on the hub; the app sanitises it before showing it (see the e2e sanitiser test).
      expect(body.html).toContain('<b>blocked</b>');
      expect(body.headers['message-id']).toBe(originalId);
      expect(body.attachments).toMatchObject([{ name: 'receipt.pdf', mime: 'application/pdf', size: 16 }]);
      const ids = (await api(hub.url, `/api/v1/customers/${first.customerId}/identities`, { token })).body;
      expect(ids.identities).toMatchObject([{ kind: 'email', value: OLGA }]);
    });

    it('answers by SMTP with threading headers, a plain-text and an HTML part, and the signature', async () => {
      await reply(hub.url, token, first.id, 'We have unblocked it.\nSorry for the trouble.');
      await hub.channels.settled();
      const mail = await waitFor('the reply in Olga’s mailbox', async () => (await inboxOf(OLGA))[0], 15_000);
      expect(mail.subject).toBe('Re: Card blocked');
      expect(mail.inReplyTo).toBe(originalId);
      expect([mail.references].flat()).toEqual(expect.arrayContaining([originalId]));
      expect(mail.text).toContain('We have unblocked it.');
      expect(mail.text).toContain('Okno Bank, customer care');
      expect(mail.html).toContain('<p>We have unblocked it.<br>Sorry for the trouble.</p>');
      expect(mail.headers.get('auto-submitted')).toBeUndefined();

      // Olga answers the reply: it lands in the same thread.
      await sendAsCustomer({
        subject: 'Re: Card blocked',
        text: 'Thank you!',
        inReplyTo: mail.messageId,
        references: [originalId, mail.messageId!],
      });
      await waitFor(
        'the answer in the thread',
        async () => (await messagesOf(hub.url, token, first.id)).find((m) => m.text.startsWith('Thank you!')),
        15_000,
      );
      expect(await threadsOf(hub.url, token, 'email')).toHaveLength(1);
    });

    it('keeps robot mail (Auto-Submitted, Precedence) out of the queue as dead letters: no mail loop', async () => {
      await sendAsCustomer({
        from: 'robot@example.test',
        subject: 'Out of office',
        text: 'I am away',
        headers: { 'Auto-Submitted': 'auto-replied' },
      });
      await sendAsCustomer({
        from: 'robot@example.test',
        subject: 'Newsletter',
        text: 'Offers',
        headers: { Precedence: 'bulk' },
      });
      const letters = await waitFor(
        'two robot dead letters',
        async () => {
          const found = (await deadLetters(hub.url, token)).filter((l) => l.reason === 'auto_submitted');
          return found.length >= 2 ? found : null;
        },
        15_000,
      );
      const details = letters.map((l) => l.detail).join('\n');
      expect(details).toContain('Auto-Submitted: auto-replied');
      expect(details).toContain('Precedence: bulk');
      expect((await threadsOf(hub.url, token, 'email')).length).toBe(1);
    });

    it('keeps malformed MIME: garbage as a dead letter, a broken multipart with what could be read', async () => {
      await appendRaw(Buffer.from('\u0000\u0001 this is not an email at all \r\n\r\n\u00ff\u00fe'));
      await appendRaw(
        [
          'From: Broken <broken@example.test>',
          'To: support@example.test',
          'Subject: Broken multipart',
          'Message-ID: <broken-1@example.test>',
          'MIME-Version: 1.0',
          'Content-Type: multipart/mixed; boundary="zzz"',
          '',
          '--zzz',
          'Content-Type: text/plain; charset=utf-8',
          'Content-Transfer-Encoding: base64',
          '',
          '!!!not base64 at all###',
          '--zzz',
          'Content-Type: text/plain',
          '',
          'The part that never ends',
        ].join('\r\n'),
      );
      await waitFor(
        'the broken multipart thread',
        async () => (await threadsOf(hub.url, token, 'email')).find((t) => t.subject === 'Broken multipart'),
        15_000,
      );
      const letters = await deadLetters(hub.url, token);
      expect(letters.find((l) => l.reason === 'invalid')?.detail).toContain('no From address');
    });

    it('keeps a mail with a 30 MB attachment, without the attachment, and says why', async () => {
      const big = Buffer.alloc(30 * 1024 * 1024, 7);
      const raw = await new Promise<Buffer>((resolve, reject) => {
        const composer = nodemailer.createTransport({ streamTransport: true, buffer: true });
        composer.sendMail(
          {
            from: `Olga Petrova <${OLGA}>`,
            to: SUPPORT,
            subject: 'Scans',
            text: 'All my documents',
            attachments: [{ filename: 'scans.zip', content: big }],
          },
          (error, info) => (error ? reject(error) : resolve(info.message as Buffer)),
        );
      });
      await appendRaw(raw);
      const message = await waitFor(
        'the big mail',
        async () => (await emailMessages()).find((m) => m.text.startsWith('All my documents')),
        30_000,
      );
      expect(message.text).toContain('scans.zip (30.0 MB) is over the 10.0 MB attachment cap and was not kept');
      const body = (await api(hub.url, `/api/v1/messages/${message.id}/body`, { token })).body;
      expect(body.attachments).toEqual([]);
    });

    it('keeps IMAP UIDs across a hub restart: nothing lost, nothing repeated', async () => {
      const before = (await emailMessages()).length;
      await hub.close();
      await sendAsCustomer({
        subject: 'Re: Card blocked',
        text: 'Written while the hub was down',
        references: [originalId],
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      hub = await startHub(hubOptions);
      token = await login(hub.url);
      await waitFor(
        'the mail written while down',
        async () => (await emailMessages()).find((m) => m.text.startsWith('Written while the hub was down')),
        15_000,
      );
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const after = await emailMessages();
      expect(after.length).toBe(before + 1);
    });

    it('stores mail that came while the channel was off in one transaction, with the last UID', async () => {
      const setEnabled = async (enabled: boolean) =>
        expect(
          (await api(hub.url, `/api/v1/channels/${channelId}`, { token, method: 'PATCH', json: { enabled } })).status,
        ).toBe(200);
      await setEnabled(false);
      const subjects = ['Batch one', 'Batch two', 'Batch three', 'Batch four'];
      for (const [i, subject] of subjects.entries()) {
        await appendRaw(
          [
            `From: Customer ${i} <batch${i}@elsewhere.test>`,
            `To: ${SUPPORT}`,
            `Subject: ${subject}`,
            `Message-ID: <batch-${i}@elsewhere.test>`,
            '',
            `Mail ${i}`,
          ].join('\r\n'),
        );
      }
      const { live } = await openLive(hub.url, token);
      try {
        await setEnabled(true);
        const texts = subjects.map((_, i) => `Mail ${i}`);
        const carrying = () =>
          live.frames.filter(
            (f: Loose) =>
              f.type === 'changes' &&
              f.changes.some((c: Loose) => c.entity === 'message' && texts.includes(c.data.text)),
          );
        await waitFor(
          'the mail of the run',
          async () =>
            carrying()
              .flatMap((f: Loose) => f.changes)
              .filter((c: Loose) => c.entity === 'message').length === texts.length,
          15_000,
        );
        expect(carrying()).toHaveLength(1);
        const client = imap(SUPPORT);
        await client.connect();
        const lastUid = (await client.mailboxOpen('INBOX')).uidNext - 1;
        await client.logout();
        const db = openHubDatabase(dataDir);
        try {
          const row = db
            .prepare("SELECT value FROM channel_state WHERE channel_id = ? AND key = 'imap.lastUid'")
            .get(channelId);
          expect(row).toEqual({ value: String(lastUid) });
        } finally {
          db.close();
        }
      } finally {
        live.socket.terminate();
      }
    });

    it('marks a reply failed when the SMTP server refuses the recipient', async () => {
      await appendRaw(
        [
          'From: Far Away <someone@elsewhere.test>',
          'To: support@example.test',
          'Subject: Hello from far',
          'Message-ID: <far-1@elsewhere.test>',
          '',
          'Hi',
        ].join('\r\n'),
      );
      const thread = await waitFor(
        'the far thread',
        async () => (await threadsOf(hub.url, token, 'email')).find((t) => t.subject === 'Hello from far'),
        15_000,
      );
      const messageId = await reply(hub.url, token, thread.id, 'Hello!');
      await hub.channels.settled();
      const failed = await waitFor('failed status', async () =>
        (await messagesOf(hub.url, token, thread.id)).find((m) => m.id === messageId && m.status === 'failed'),
      );
      expect(failed).toBeDefined();
      const body = (await api(hub.url, `/api/v1/messages/${messageId}/body`, { token })).body;
      expect(body.delivery.error).toMatch(/5\d\d/);
    });
  },
);
