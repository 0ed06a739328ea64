/**
 * Ratings by email (issue 16), against the REAL Dovecot + OpenSMTPD of the channel tests: a closed
 * email thread's customer receives one mail with a link to the hub's rating page; the page (strict
 * CSP, no script, in the customer's language) records one choice by a plain form POST; a second
 * answer, a late one, an unknown link and a bad score are refused with a status and words naming why;
 * the rating reaches the stats.
 */
import { ImapFlow } from 'imapflow';
import { simpleParser, type ParsedMail } from 'mailparser';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from '../../src/server/hub.js';
import { createChannel, threadsOf, waitFor } from '../support/channelHarness.js';
import { mailServersMissing, startMailServers, type MailServers } from '../support/mailServers.js';
import { channelCsat, closeThread, csatEvents, dayOf, saveCsatSettings } from './csat-support.js';
import { login, removeTempDirs, startHub, type Loose } from './hub-harness.js';

const SUPPORT = 'support@example.test';
const OLGA = 'olga@example.test';
const JOHN = 'john@example.test';
const START = Date.UTC(2026, 10, 28, 9, 0, 0);
const missing = mailServersMissing();
let clock = START;
let servers: MailServers;
let hub: Hub;
let token: string;

async function sendAs(from: string, subject: string, text: string) {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: servers.smtpPort,
    secure: false,
    ignoreTLS: true,
  });
  try {
    await transport.sendMail({ from, to: SUPPORT, subject, text });
  } finally {
    transport.close();
  }
}

async function inboxOf(user: string): Promise<ParsedMail[]> {
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
    const all = await client.fetchAll('1:*', { source: true });
    return await Promise.all(all.map((m) => simpleParser(m.source!)));
  } catch {
    return [];
  } finally {
    lock.release();
    await client.logout();
  }
}

/** The rating link in the customer's mailbox. */
async function ratingLinkOf(user: string): Promise<{ mail: ParsedMail; link: string }> {
  return waitFor(
    `a rating mail to ${user}`,
    async () => {
      for (const mail of await inboxOf(user)) {
        const link = /(http:\/\/\S+\/rate\/[A-Za-z0-9_-]+)/.exec(mail.text ?? '')?.[1];
        if (link) return { mail, link };
      }
      return null;
    },
    30_000,
  );
}

const threadOf = (subject: string): Promise<Loose> =>
  waitFor(
    `the thread "${subject}"`,
    async () => (await threadsOf(hub.url, token, 'email')).find((t) => t.subject === subject),
    30_000,
  );

async function page(url: string, score?: string) {
  const response = await fetch(url, {
    method: score === undefined ? 'GET' : 'POST',
    ...(score === undefined
      ? {}
      : { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `score=${score}` }),
  });
  return {
    status: response.status,
    csp: response.headers.get('content-security-policy') ?? '',
    html: await response.text(),
  };
}

describe.skipIf(missing !== null)(
  `ratings by email (real Dovecot + OpenSMTPD)${missing ? ` — skipped: ${missing}` : ''}`,
  () => {
    beforeAll(async () => {
      servers = await startMailServers([SUPPORT, OLGA, JOHN]);
      hub = await startHub({ now: () => clock, clockMs: 0, channels: { retryDelaysMs: [20] } });
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
        },
        secrets: { imapPassword: servers.password(SUPPORT) },
      });
      await saveCsatSettings(hub.url, token, { channels: ['email'], validityHours: 1, linkBase: hub.url });
    }, 120_000);
    afterAll(async () => {
      await hub?.close();
      await servers?.stop();
      removeTempDirs();
    });

    it('mails a link on close; the page records one choice and refuses the rest by name', async () => {
      await sendAs(`Olga <${OLGA}>`, 'Комиссия за перевод', 'Почему с меня списали комиссию за перевод?');
      await sendAs(`John <${JOHN}>`, 'Card limit', 'How do I raise my card limit?');
      const olgas = await threadOf('Комиссия за перевод');
      const johns = await threadOf('Card limit');
      await closeThread(hub.url, token, olgas.id);
      await closeThread(hub.url, token, johns.id);

      const { mail, link } = await ratingLinkOf(OLGA);
      expect(link.startsWith(`${hub.url}/rate/`)).toBe(true);
      expect(mail.subject).toContain('Комиссия за перевод');
      expect(mail.headers.get('auto-submitted')).toBe('auto-replied');

      const shown = await page(link);
      expect(shown.status).toBe(200);
      expect(shown.csp).toContain("default-src 'none'");
      expect(shown.csp).not.toContain('script');
      expect(shown.html).toContain('<html lang="ru">');
      expect(shown.html.match(/<button type="submit" name="score"/g)).toHaveLength(5);
      expect(shown.html).not.toContain('<script');

      expect(await page(link, '9')).toMatchObject({ status: 400 });
      const rated = await page(link, '2');
      expect(rated.status).toBe(200);
      expect(rated.html).toContain('Ваша оценка: 2 из 5');
      const twice = await page(link, '5');
      expect(twice.status).toBe(409);
      expect(twice.html).toContain('уже оценён');
      expect((await page(link)).status).toBe(409);
      expect(await csatEvents(hub.url, token, olgas.id)).toEqual([{ score: 2, channel: 'email' }]);

      const unknown = await page(`${hub.url}/rate/AAAAAAAAAAAAAAAAAAAAAA`, '3');
      expect(unknown.status).toBe(404);

      const john = await ratingLinkOf(JOHN);
      expect((await page(john.link)).html).toContain('<html lang="en">');
      clock += 2 * 3_600_000;
      const late = await page(john.link, '4');
      expect(late.status).toBe(410);
      expect(late.html).toContain('expired');
      expect(await csatEvents(hub.url, token, johns.id)).toEqual([]);

      expect(await channelCsat(hub.url, token, dayOf(START), 'email')).toEqual({ csatAverage: 2, csatResponses: 1 });
    }, 120_000);
  },
);
