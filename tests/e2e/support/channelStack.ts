/**
 * The e2e stack for channels: a REAL Dovecot + OpenSMTPD (Debian packages, on loopback), a LOCAL
 * server implementing the documented Telegram Bot API subset (api.telegram.org is not reachable
 * here), a hub with an email and a Telegram channel, and an agent core served by the browser host.
 * Prints one JSON line of addresses, then serves a small control API the test drives the
 * customer's side with (send an email, write to the bot, read the mailbox and what the bot sent).
 * Run with tsx.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { createHub } from '../../../src/server/hub.js';
import { setLogLevel } from '../../../src/shared/log.js';
import { FakeTelegram } from '../../support/fakeTelegram.js';
import { mailServersMissing, startMailServers } from '../../support/mailServers.js';
import { startWorkstation } from './workstation.js';

export const SUPPORT = 'support@example.test';
export const CUSTOMER_EMAIL = 'olga@example.test';
const BOT_TOKEN = '424242:e2e-bot-token';
const ADMIN_PASSWORD = 'e2e-admin-password';

export interface ChannelStackInfo {
  skip?: string;
  hubUrl: string;
  agentUrl: string;
  controlUrl: string;
  admin: { login: string; password: string };
}

async function body(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {};
}

async function main(): Promise<void> {
  setLogLevel('warn');
  const missing = mailServersMissing();
  if (missing) {
    process.stdout.write(`${JSON.stringify({ skip: missing })}\n`);
    return;
  }
  const root = mkdtempSync(path.join(tmpdir(), 'okno-e2e-channels-'));
  const repo = path.resolve(import.meta.dirname, '../../..');
  const mail = await startMailServers([SUPPORT, CUSTOMER_EMAIL]);
  const telegram = await new FakeTelegram(BOT_TOKEN).start();
  const hub = await createHub({
    dataDir: path.join(root, 'hub'),
    port: 0,
    widgetDir: path.join(repo, 'dist/widget'),
    initialAdminPassword: ADMIN_PASSWORD,
    channels: { retryDelaysMs: [50] },
  });
  const login = await fetch(`${hub.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'admin', password: ADMIN_PASSWORD }),
  });
  const { token } = (await login.json()) as { token: string };
  for (const channel of [
    {
      kind: 'email',
      name: 'Support mailbox',
      settings: {
        address: SUPPORT,
        displayName: 'Okno Bank',
        imap: { host: '127.0.0.1', port: mail.imapPort, user: SUPPORT },
        smtp: { host: '127.0.0.1', port: mail.smtpPort },
        pollIntervalMs: 500,
      },
      secrets: { imapPassword: mail.password(SUPPORT) },
    },
    {
      kind: 'telegram',
      name: 'Bank bot',
      settings: { apiBase: telegram.url, mode: 'polling', pollTimeoutSec: 1, retryDelayMs: 100 },
      secrets: { botToken: BOT_TOKEN },
    },
  ]) {
    const created = await fetch(`${hub.url}/api/v1/channels`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(channel),
    });
    if (created.status !== 201) throw new Error(`channel ${channel.kind}: ${await created.text()}`);
  }

  const appDir = path.join(root, 'app');
  const workstation = await startWorkstation({ dataDir: appDir, hubUrl: hub.url });

  // The customer's side, driven by the test.
  const control = createServer((request, response) => {
    const answer = (status: number, value: unknown) =>
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    void (async () => {
      try {
        if (request.method === 'POST' && request.url === '/email') {
          const { subject, text, html } = (await body(request)) as { subject: string; text: string; html?: string };
          const transport = nodemailer.createTransport({
            host: '127.0.0.1',
            port: mail.smtpPort,
            secure: false,
            ignoreTLS: true,
          });
          const sent = await transport.sendMail({
            from: `Olga Petrova <${CUSTOMER_EMAIL}>`,
            to: SUPPORT,
            subject,
            text,
            ...(html === undefined ? {} : { html }),
          });
          transport.close();
          return answer(200, { messageId: sent.messageId });
        }
        if (request.method === 'POST' && request.url === '/telegram') {
          const { userId, firstName, text } = (await body(request)) as {
            userId: number;
            firstName: string;
            text: string;
          };
          return answer(200, { updateId: telegram.pushMessage({ id: userId, first_name: firstName }, { text }) });
        }
        if (request.method === 'GET' && request.url === '/mailbox') {
          const client = new ImapFlow({
            host: '127.0.0.1',
            port: mail.imapPort,
            secure: false,
            auth: { user: CUSTOMER_EMAIL, pass: mail.password(CUSTOMER_EMAIL) },
            logger: false,
          });
          await client.connect();
          const lock = await client.getMailboxLock('INBOX');
          try {
            const all = await client.fetchAll('1:*', { source: true }).catch(() => []);
            const parsed = await Promise.all(all.map((m) => simpleParser(m.source!)));
            return answer(
              200,
              parsed.map((m) => ({
                subject: m.subject,
                text: m.text,
                messageId: m.messageId,
                inReplyTo: m.inReplyTo,
                references: m.references,
              })),
            );
          } finally {
            lock.release();
            await client.logout();
          }
        }
        if (request.method === 'GET' && request.url === '/telegram/sent') return answer(200, telegram.sent);
        answer(404, { error: 'no such control call' });
      } catch (error) {
        answer(500, { error: String(error) });
      }
    })();
  });
  await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
  const info: ChannelStackInfo = {
    hubUrl: hub.url,
    agentUrl: workstation.url,
    controlUrl: `http://127.0.0.1:${(control.address() as AddressInfo).port}`,
    admin: { login: 'admin', password: ADMIN_PASSWORD },
  };
  process.stdout.write(`${JSON.stringify(info)}\n`);

  const stop = async () => {
    control.close();
    await workstation.close();
    await hub.close();
    await telegram.stop();
    await mail.stop();
    rmSync(root, { recursive: true, force: true });
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

void main().catch((error: unknown) => {
  process.stderr.write(
    `channel stack failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
