/**
 * Inbound messages per second through each channel gateway into the queue, on a real hub: signed
 * webhook calls and VK callbacks (sent from a thread of their own), Telegram long polling (against
 * the local Bot API subset, tests/support/fakeTelegram.ts), and email over IMAP from a real Dovecot
 * when it is installed (otherwise skipped and said so). Each figure is from the first message offered to the last one stored; routing runs,
 * auto-reply rules are not seeded (their replies would go to channels that have nowhere to send).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
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
  /**
   * This process's CPU (user + system) per message: the hub, and the bench's callers' thread (webhook,
   * VK) or local Bot API (Telegram); Dovecot runs apart. Less at the mercy of other jobs than seconds.
   */
  cpuMsPerMessage: number;
  /** The share of the run the hub's thread was busy (event-loop utilization): near 1, the hub was the bound. */
  hubThreadBusy: number;
}

interface Start {
  at: number;
  cpu: NodeJS.CpuUsage;
  loop: EventLoopUtilization;
}

function start(): Start {
  return { at: performance.now(), cpu: process.cpuUsage(), loop: performance.eventLoopUtilization() };
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

function figure(messages: number, started: Start): Figure {
  const seconds = (performance.now() - started.at) / 1000;
  const cpu = process.cpuUsage(started.cpu);
  return {
    messages,
    seconds: Math.round(seconds * 1000) / 1000,
    messagesPerSecond: Math.round(messages / seconds),
    cpuMsPerMessage: Math.round(((cpu.user + cpu.system) / 1000 / messages) * 1000) / 1000,
    hubThreadBusy: Math.round(performance.eventLoopUtilization(started.loop).utilization * 100) / 100,
  };
}

/**
 * The callers of the webhook and VK runs, in a thread of their own, on node:http with kept-alive
 * sockets. With `fetch` in the hub's thread, the client took more of it than the hub's own work (a
 * profile of the webhook run: fetch ~37 %, the ingest transaction ~27 %), and in a thread of its own
 * `fetch` still needed ~1 ms a call, as much as the hub: the figure measured the client. Plain
 * JavaScript, so the thread needs no TypeScript loader; the requests (bodies, signatures) are made
 * beforehand.
 */
const CALLERS = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const { url, requests, inFlight } = workerData;
const target = new URL(url);
const agent = new http.Agent({ keepAlive: true, maxSockets: inFlight });
let next = 0;
function post({ body, headers }) {
  return new Promise((resolve, reject) => {
    const options = {
      host: target.hostname,
      port: target.port,
      path: target.pathname,
      method: 'POST',
      agent,
      headers: { ...headers, 'content-length': Buffer.byteLength(body) },
    };
    const request = http.request(options, (response) => {
      response.resume();
      response.on('end', () =>
        response.statusCode === 200 ? resolve() : reject(new Error('answered HTTP ' + response.statusCode)),
      );
    });
    request.on('error', reject);
    request.end(body);
  });
}
async function caller() {
  while (next < requests.length) await post(requests[next++]);
}
parentPort.once('message', () =>
  Promise.all(Array.from({ length: inFlight }, caller)).then(
    () => parentPort.postMessage({ ok: true }),
    (error) => parentPort.postMessage({ ok: false, error: String(error) }),
  ),
);
parentPort.postMessage({ ready: true });
`;

interface CallRequest {
  body: string;
  headers: Record<string, string>;
}

/** Sends every request from the callers' thread, `inFlight` at once; resolves with the figure once `stored()` reaches them all. */
async function callFromThread(
  url: string,
  requests: CallRequest[],
  inFlight: number,
  stored: () => number,
): Promise<Figure> {
  const worker = new Worker(CALLERS, { eval: true, workerData: { url, requests, inFlight } });
  try {
    const replies: { ready?: boolean; ok?: boolean; error?: string }[] = [];
    let wake: () => void = () => undefined;
    worker.on('message', (reply: (typeof replies)[number]) => {
      replies.push(reply);
      wake();
    });
    const failed = new Promise<never>((_resolve, reject) => worker.once('error', reject));
    const nextReply = () =>
      Promise.race([failed, new Promise<void>((resolve) => (wake = resolve))]).then(() => replies.shift()!);
    if (!(replies.shift() ?? (await nextReply())).ready) throw new Error('the callers thread did not start');
    const started = start();
    worker.postMessage('go');
    const done = replies.shift() ?? (await nextReply());
    if (!done.ok) throw new Error(`calls failed: ${done.error}`);
    await until(stored, requests.length, 60_000);
    return figure(requests.length, started);
  } finally {
    await worker.terminate();
  }
}

/**
 * `inFlight`: webhook and VK calls in flight at once (from the callers' thread). 64 by default:
 * 5 000 messages/s answered in ~10 ms each means ~50 calls in flight (Little's law); 8 allowed at
 * most 8 messages per commit, and the figure measured round trips more than the hub (decision 0051).
 */
export async function benchChannelIngest(dir: string, n: number, inFlight = 64): Promise<Record<string, Figure | string>> {
  const results: Record<string, Figure | string> = {};
  const telegram = await new FakeTelegram('1:bench').start();
  const hub = await createHub({ dataDir: dir, initialAdminPassword: PASSWORD, clockMs: 0, seedDefaults: false });
  try {
    const login = await call(hub, '/api/v1/auth/login', null, { login: 'admin', password: PASSWORD });
    const token = String(login.body.token);
    const create = async (channel: unknown) => (await call(hub, '/api/v1/channels', token, channel)).body;

    // Webhook: signed calls, `inFlight` at once, from the callers' thread.
    const secret = 'bench-signing-secret-0123456789';
    const webhook = await create({ kind: 'webhook', name: 'bench', settings: {}, secrets: { signingSecret: secret } });
    const at = Math.floor(Date.now() / 1000);
    const signed = Array.from({ length: n }, (_, i) => {
      const body = JSON.stringify({ type: 'message', id: `b-${i}`, conversationId: `c-${i % 50}`, sender: { id: `u-${i % 50}` }, text: `Message ${i}` });
      return { body, headers: { 'content-type': 'application/json', 'x-okno-signature': sign(secret, at, body), 'x-okno-timestamp': String(at) } };
    });
    results.webhook = await callFromThread(`${hub.url}${String(webhook.webhookPath)}`, signed, inFlight, counter(dir, 'webhook'));

    // VK: callbacks, `inFlight` at once, from the callers' thread.
    const vk = await create({
      kind: 'vk',
      name: 'bench',
      settings: { apiBase: 'http://127.0.0.1:9', groupId: 1 },
      secrets: { accessToken: 't', confirmationCode: 'c', secret: 's' },
    });
    const callbacks = Array.from({ length: n }, (_, i) => ({
      body: JSON.stringify({ type: 'message_new', group_id: 1, secret: 's', object: { message: { id: i + 1, from_id: 100 + (i % 50), peer_id: 100 + (i % 50), text: `Message ${i}` } } }),
      headers: { 'content-type': 'application/json' },
    }));
    results.vk = await callFromThread(`${hub.url}${String(vk.webhookPath)}`, callbacks, inFlight, counter(dir, 'vk'));

    // Telegram: updates queued on the local Bot API, taken by long polling (100 per getUpdates).
    for (let i = 0; i < n; i++) telegram.pushMessage({ id: 500 + (i % 50), first_name: 'Bench' }, { text: `Message ${i}` });
    let started = start();
    await create({ kind: 'telegram', name: 'bench', settings: { apiBase: telegram.url, pollTimeoutSec: 1 }, secrets: { botToken: '1:bench' } });
    await until(counter(dir, 'telegram'), n, 120_000);
    results.telegram = figure(n, started);

    // Email: messages already in a real Dovecot INBOX, taken over IMAP.
    const missing = mailServersMissing();
    // Dovecot now and then does not come up on a loaded machine: the other figures are kept all the same.
    const servers = missing
      ? null
      : await startMailServers(['support@example.test']).catch((error: unknown) => String(error));
    if (servers === null || typeof servers === 'string') {
      results.email = `skipped: ${missing ?? `the mail servers did not start (${String(servers)})`}`;
    } else {
      try {
        const client = new ImapFlow({ host: '127.0.0.1', port: servers.imapPort, secure: false, logger: false, auth: { user: 'support@example.test', pass: servers.password('support@example.test') } });
        await client.connect();
        const composer = nodemailer.createTransport({ streamTransport: true, buffer: true });
        for (let i = 0; i < n; i++) {
          const info = await composer.sendMail({ from: `c${i % 50}@example.test`, to: 'support@example.test', subject: `Question ${i}`, text: `Message ${i}` });
          await client.append('INBOX', info.message as Buffer);
        }
        await client.logout();
        started = start();
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
