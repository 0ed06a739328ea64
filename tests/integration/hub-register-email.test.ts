/**
 * A complaint registered from an email reaches the customer by email when its status changes
 * (decision 0035): the status message goes out through the channel's SMTP as a reply in the thread,
 * against a REAL Dovecot (IMAP) and a REAL OpenSMTPD (tests/support/mailServers.ts).
 */
import { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from '../../src/server/hub.js';
import { createChannel, threadsOf, waitFor } from '../support/channelHarness.js';
import { mailServersMissing, startMailServers, type MailServers } from '../support/mailServers.js';
import { api, login, removeTempDirs, startHub, type Loose } from './hub-harness.js';

const SUPPORT = 'support@example.test';
const OLGA = 'olga@example.test';
const missing = mailServersMissing();
let servers: MailServers;
let hub: Hub;
let token: string;

async function inboxOf(user: string) {
  const client = new ImapFlow({
    host: '127.0.0.1',
    port: servers.imapPort,
    secure: false,
    auth: { user, pass: servers.password(user) },
    logger: false,
  });
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

describe.skipIf(missing !== null)(
  `register: status changes reach an email customer (real Dovecot + OpenSMTPD)${missing ? ` — skipped: ${missing}` : ''}`,
  () => {
    beforeAll(async () => {
      servers = await startMailServers([SUPPORT, OLGA]);
      hub = await startHub({ channels: { retryDelaysMs: [20] } });
      token = await login(hub.url);
      await createChannel(hub.url, token, {
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
      });
    });
    afterAll(async () => {
      await hub?.close();
      await servers?.stop();
      removeTempDirs();
    });

    it('tells the customer by email, in the thread, in Russian', async () => {
      const transport = nodemailer.createTransport({
        host: '127.0.0.1',
        port: servers.smtpPort,
        secure: false,
        ignoreTLS: true,
      });
      const sent = await transport.sendMail({
        from: `Ольга Петрова <${OLGA}>`,
        to: SUPPORT,
        subject: 'Двойное списание',
        text: 'Здравствуйте! С моей карты дважды списали оплату за покупку.',
      });
      transport.close();
      const thread: Loose = await waitFor(
        'the email thread',
        async () => (await threadsOf(hub.url, token, 'email'))[0],
        15_000,
      );
      const type = await api(hub.url, '/api/v1/register/types', {
        method: 'PUT',
        token,
        json: {
          name: { en: 'Claim', ru: 'Претензия' },
          fields: [],
          deadlineDays: 5,
          ownerGroupId: null,
          customerMessages: {
            new: { en: 'Request #{number} registered.', ru: 'Обращение № {number} зарегистрировано.' },
            in_progress: { en: '', ru: 'Обращение № {number} «{subject}»: {status}.' },
            waiting_customer: { en: '', ru: '' },
            resolved: { en: '', ru: '' },
            closed: { en: '', ru: '' },
          },
        },
      });
      expect(type.status).toBe(200);
      const created = await api(hub.url, '/api/v1/register/complaints', {
        token,
        json: { typeId: type.body.id, threadId: thread.id, customerId: null, subject: 'Двойное списание', fields: {} },
      });
      expect(created.status).toBe(200);
      expect(created.body).toMatchObject({ originChannel: 'email', number: 1 });
      const registered = await waitFor(
        'the "registered" mail in Olga’s mailbox',
        async () => (await inboxOf(OLGA)).find((m) => m.text?.includes('Обращение № 1 зарегистрировано.')),
        15_000,
      );
      expect(registered.subject).toBe('Re: Двойное списание');
      expect(registered.inReplyTo).toBe(sent.messageId);

      const moved = await api(hub.url, `/api/v1/register/complaints/${created.body.id}`, {
        method: 'PUT',
        token,
        json: { baseVersion: 1, status: 'in_progress' },
      });
      expect(moved.status).toBe(200);
      const mail = await waitFor(
        'the status mail in Olga’s mailbox',
        async () => (await inboxOf(OLGA)).find((m) => m.text?.includes('«Двойное списание»: в работе.')),
        15_000,
      );
      expect(mail.text).toContain('Обращение № 1 «Двойное списание»: в работе.');
      const events = (await api(hub.url, `/api/v1/register/complaints/${created.body.id}`, { token })).body
        .events as Loose[];
      expect(events.filter((e) => e.kind === 'customer_notified').map((e) => [e.from, e.to])).toEqual([
        ['new', 'email'],
        ['in_progress', 'email'],
      ]);
    });
  },
);
