/**
 * Inbound messages per second through each channel gateway into the queue, on a real hub: signed
 * webhook calls, Telegram long polling (against the local Bot API subset, tests/support/fakeTelegram.ts),
 * VK callbacks, and email over IMAP from a real Dovecot when it is installed (otherwise skipped and
 * said so). Each figure is from the first message offered to the last one stored; routing runs,
 * auto-reply rules are not seeded (their replies would go to channels that have nowhere to send).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import { sign } from '../../src/server/gateways/webhook/signature.js';
import { createHub, type Hub } from '../../src/server/hub.js';
import { FakeTelegram } from '../support/fakeTelegram.js';
import { mailServersMissing, startMailServers } from '../support/mailServers.js';

const require = createRequire(import.meta.url);
const Sqlite = require('better-sqlite3') as new (file: string, options: { readonly: boolean }) => {
  prepare(sql: string): { get(): unknown };
  close(): void;
};

const PASSWORD = 'bench-admin-password';

interface Figure {
  messages: number;
  seconds: number;
  messagesPerSecond: number;
}

async function call(hub: Hub, route: string, token: string | null, json: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${hub.url}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(json),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function counter(dataDir: string, channel: string): () => number {
  const db = new Sqlite(path.join(dataDir, 'hub.sqlite'), { readonly: true });
  const statement = db.prepare(
    `SELECT count(*) AS n FROM messages m JOIN threads t ON t.id = m.thread_id WHERE t.channel = '${channel}' AND m.author_kind = 'customer'`,
  );
  return () => (statement.get() as { n: number }).n;
}

async function until(count: () => number, target: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (count() < target) {
    if (Date.now() > deadline) throw new Error(`only ${count()} of ${target} messages stored after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function figure(messages: number, started: number): Figure {
  const seconds = (performance.now() - started) / 1000;
  return { messages, seconds: Math.round(seconds * 1000) / 1000, messagesPerSecond: Math.round(messages / seconds) };
}

/** Sends `n` requests with at most `parallel` in flight. */
async function pool(n: number, parallel: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < n) await work(next++);
    }),
  );
}

/** `inFlight`: webhook and VK calls in flight at once (the bench's own HTTP client runs in this process). */
export async function benchChannelIngest(dir: string, n: number, inFlight = 8): Promise<Record<string, Figure | string>> {
  const results: Record<string, Figure | string> = {};
  const telegram = await new FakeTelegram('1:bench').start();
  const hub = await createHub({ dataDir: dir, initialAdminPassword: PASSWORD, clockMs: 0, seedDefaults: false });
  try {
    const login = await call(hub, '/api/v1/auth/login', null, { login: 'admin', password: PASSWORD });
    const token = String(login.body.token);
    const create = async (channel: unknown) => (await call(hub, '/api/v1/channels', token, channel)).body;

    // Webhook: signed calls, `inFlight` at once.
    const secret = 'bench-signing-secret-0123456789';
    const webhook = await create({ kind: 'webhook', name: 'bench', settings: {}, secrets: { signingSecret: secret } });
    let started = performance.now();
    await pool(n, inFlight, async (i) => {
      const body = JSON.stringify({ type: 'message', id: `b-${i}`, conversationId: `c-${i % 50}`, sender: { id: `u-${i % 50}` }, text: `Message ${i}` });
      const at = Math.floor(Date.now() / 1000);
      const response = await fetch(`${hub.url}${String(webhook.webhookPath)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-okno-signature': sign(secret, at, body), 'x-okno-timestamp': String(at) },
        body,
      });
      if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
      await response.arrayBuffer();
    });
    await until(counter(dir, 'webhook'), n, 60_000);
    results.webhook = figure(n, started);

    // VK: callbacks, `inFlight` at once.
    const vk = await create({
      kind: 'vk',
      name: 'bench',
      settings: { apiBase: 'http://127.0.0.1:9', groupId: 1 },
      secrets: { accessToken: 't', confirmationCode: 'c', secret: 's' },
    });
    started = performance.now();
    await pool(n, inFlight, async (i) => {
      const response = await fetch(`${hub.url}${String(vk.webhookPath)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message_new', group_id: 1, secret: 's', object: { message: { id: i + 1, from_id: 100 + (i % 50), peer_id: 100 + (i % 50), text: `Message ${i}` } } }),
      });
      if (response.status !== 200) throw new Error(`vk answered ${response.status}`);
      await response.arrayBuffer();
    });
    await until(counter(dir, 'vk'), n, 60_000);
    results.vk = figure(n, started);

    // Telegram: updates queued on the local Bot API, taken by long polling (100 per getUpdates).
    for (let i = 0; i < n; i++) telegram.pushMessage({ id: 500 + (i % 50), first_name: 'Bench' }, { text: `Message ${i}` });
    started = performance.now();
    await create({ kind: 'telegram', name: 'bench', settings: { apiBase: telegram.url, pollTimeoutSec: 1 }, secrets: { botToken: '1:bench' } });
    await until(counter(dir, 'telegram'), n, 120_000);
    results.telegram = figure(n, started);

    // Email: messages already in a real Dovecot INBOX, taken over IMAP.
    const missing = mailServersMissing();
    if (missing) {
      results.email = `skipped: ${missing}`;
    } else {
      const servers = await startMailServers(['support@example.test']);
      try {
        const client = new ImapFlow({ host: '127.0.0.1', port: servers.imapPort, secure: false, logger: false, auth: { user: 'support@example.test', pass: servers.password('support@example.test') } });
        await client.connect();
        const composer = nodemailer.createTransport({ streamTransport: true, buffer: true });
        for (let i = 0; i < n; i++) {
          const info = await composer.sendMail({ from: `c${i % 50}@example.test`, to: 'support@example.test', subject: `Question ${i}`, text: `Message ${i}` });
          await client.append('INBOX', info.message as Buffer);
        }
        await client.logout();
        started = performance.now();
        await create({
          kind: 'email',
          name: 'bench',
          settings: {
            address: 'support@example.test',
            imap: { host: '127.0.0.1', port: servers.imapPort },
            smtp: { host: '127.0.0.1', port: servers.smtpPort },
          },
          secrets: { imapPassword: servers.password('support@example.test') },
        });
        await until(counter(dir, 'email'), n, 120_000);
        results.email = figure(n, started);
        await hub.channels.stopAll();
      } finally {
        await servers.stop();
      }
    }
  } finally {
    await hub.close();
    await telegram.stop();
  }
  return results;
}
