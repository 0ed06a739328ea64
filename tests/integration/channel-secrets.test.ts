/**
 * A lead cannot have the hub hand a channel's stored secret to a server of their choosing: an
 * update that moves a channel's API address, mail host or callback URL must bring the secrets sent
 * there again. "Attacker" servers are local listeners that record every byte they are sent; the
 * honest servers are the local Telegram subset, a recorder and a tiny IMAP responder.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from '../../src/server/hub.js';
import { createChannel, reply, startRecorder, threadsOf, waitFor } from '../support/channelHarness.js';
import { FakeTelegram } from '../support/fakeTelegram.js';
import { api, login, removeTempDirs, startHub, type Loose } from './hub-harness.js';

const BOT_TOKEN = '555001:stored-bot-token';
let hub: Hub;
let token: string;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  hub = await startHub({ channels: { retryDelaysMs: [20] } });
  token = await login(hub.url);
});
afterAll(async () => {
  await hub?.close();
  for (const close of closers) await close();
  removeTempDirs();
});

function update(id: string, json: unknown) {
  return api(hub.url, `/api/v1/channels/${id}`, { token, method: 'PATCH', json });
}

async function listed(id: string): Promise<Loose> {
  const { body } = await api(hub.url, '/api/v1/channels', { token });
  return body.channels.find((c: Loose) => c.id === id);
}

/**
 * An IMAP server that greets, refuses every LOGIN and keeps what it was sent: enough for the
 * hub's mail gateway to connect again and again and show which password it carries.
 */
async function imapListener(): Promise<{ port: number; received: () => string; close(): Promise<void> }> {
  let received = '';
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.write('* OK [CAPABILITY IMAP4rev1] ready\r\n');
    let buffer = '';
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      buffer += chunk.toString('latin1');
      let end: number;
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const tag = line.split(' ')[0] ?? '*';
        if (/^\S+ CAPABILITY/i.test(line)) socket.write(`* CAPABILITY IMAP4rev1\r\n${tag} OK done\r\n`);
        else if (/^\S+ LOGOUT/i.test(line)) socket.end(`* BYE\r\n${tag} OK bye\r\n`);
        else socket.write(`${tag} NO [AUTHENTICATIONFAILED] refused\r\n`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const listener = {
    port: (server.address() as net.AddressInfo).port,
    received: () => received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  closers.push(listener.close);
  return listener;
}

describe('moving a channel needs its secrets again', () => {
  it('Telegram: the stored bot token never reaches a new API address', async () => {
    const telegram = await new FakeTelegram(BOT_TOKEN).start();
    closers.push(() => telegram.stop());
    const attacker = await startRecorder();
    closers.push(attacker.close);
    const channel = await createChannel(hub.url, token, {
      kind: 'telegram',
      name: 'Bot',
      settings: { apiBase: telegram.url, mode: 'polling', pollTimeoutSec: 1, retryDelayMs: 50 },
      secrets: { botToken: BOT_TOKEN },
    });

    const moved = { settings: { ...channel.settings, apiBase: attacker.url } };
    const refused = await update(channel.id, moved);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/apiBase.*enter botToken again/);
    // Another secret typed in does not stand for the one that would be sent.
    const stillRefused = await update(channel.id, { ...moved, secrets: { webhookSecret: 'unrelated' } });
    expect(stillRefused.status).toBe(400);
    // The same settings sent back (a rename) go through.
    expect((await update(channel.id, { name: 'Bank bot', settings: channel.settings })).status).toBe(200);
    expect((await listed(channel.id)).settings.apiBase).toBe(telegram.url);

    // The gateway still talks to the honest server: a customer's message and the reply go through it.
    telegram.pushMessage({ id: 31337, first_name: 'Vera' }, { text: 'Hello' });
    const thread = await waitFor('the thread', async () => (await threadsOf(hub.url, token, 'telegram'))[0]);
    await reply(hub.url, token, thread.id, 'Hello Vera');
    await waitFor('the reply at the honest server', async () => telegram.sent.find((s) => s.text === 'Hello Vera'));
    expect(attacker.calls).toEqual([]);

    // With a token typed in, the move is the lead's to make; the stored token still stays home.
    const accepted = await update(channel.id, { ...moved, secrets: { botToken: '999:lead-typed-token' } });
    expect(accepted.status).toBe(200);
    await waitFor('a call at the new address', async () => attacker.calls.length > 0);
    const seen = JSON.stringify(attacker.calls.map((c) => [c.path, c.headers, c.body.toString('latin1')]));
    expect(seen).toContain('999:lead-typed-token');
    expect(seen).not.toContain(BOT_TOKEN);
    await update(channel.id, { enabled: false });
  });

  it('email: the stored IMAP password never reaches a new mail host', async () => {
    const honest = await imapListener();
    const attacker = await imapListener();
    const password = 'stored-imap-password';
    const channel = await createChannel(hub.url, token, {
      kind: 'email',
      name: 'Mailbox',
      settings: {
        address: 'support@example.test',
        imap: { host: '127.0.0.1', port: honest.port },
        smtp: { host: '127.0.0.1', port: 2525, user: 'support' },
        pollIntervalMs: 100,
      },
      secrets: { imapPassword: password, smtpPassword: 'stored-smtp-password' },
    });
    await waitFor('a login at the honest host', async () => honest.received().includes(password));

    const toAttacker = { ...channel.settings, imap: { ...channel.settings.imap, port: attacker.port } };
    const refused = await update(channel.id, { settings: toAttacker });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/imap\.port.*enter imapPassword again/);
    const smtpMoved = { ...channel.settings, smtp: { ...channel.settings.smtp, host: 'mail.elsewhere.test' } };
    const smtpRefused = await update(channel.id, { settings: smtpMoved, secrets: { imapPassword: 'x' } });
    expect(smtpRefused.body.error.message).toMatch(/smtp\.host.*enter smtpPassword again/);
    const insecure = await update(channel.id, { settings: { ...channel.settings, allowInsecureTls: true } });
    expect(insecure.body.error.message).toMatch(/allowInsecureTls.*enter imapPassword, smtpPassword again/);

    // Still the honest host: it sees the stored password again after the refusals; the attacker sees nothing.
    const mark = honest.received().length;
    await waitFor('another login at the honest host', async () => honest.received().slice(mark).includes(password));
    expect(attacker.received()).toBe('');

    const accepted = await update(channel.id, { settings: toAttacker, secrets: { imapPassword: 'lead-typed' } });
    expect(accepted.status).toBe(200);
    await waitFor('a login at the new host', async () => attacker.received().includes('lead-typed'));
    expect(attacker.received()).not.toContain(password);
    await update(channel.id, { enabled: false });
  });

  it('VK and webhook: the access token and the signing secret stay with their addresses', async () => {
    const vk = await createChannel(hub.url, token, {
      kind: 'vk',
      name: 'VK',
      settings: { apiBase: 'http://127.0.0.1:9', groupId: 1 },
      secrets: { accessToken: 'vk-token', confirmationCode: 'c0de', secret: 'vk-secret' },
    });
    const vkMoved = await update(vk.id, {
      settings: { ...vk.settings, apiBase: 'http://127.0.0.1:10' },
      secrets: { secret: 'new-callback-secret' },
    });
    expect(vkMoved.body.error.message).toMatch(/apiBase.*enter accessToken again/);

    const hook = await createChannel(hub.url, token, {
      kind: 'webhook',
      name: 'Bot platform',
      settings: { callbackUrl: 'http://127.0.0.1:9/replies' },
      secrets: { signingSecret: 'signing-secret-0123456789' },
    });
    const hookMoved = await update(hook.id, { settings: { callbackUrl: 'http://127.0.0.1:10/replies' } });
    expect(hookMoved.status).toBe(400);
    expect(hookMoved.body.error.message).toMatch(/callbackUrl.*enter signingSecret again/);
    const retyped = await update(hook.id, {
      settings: { callbackUrl: 'http://127.0.0.1:10/replies' },
      secrets: { signingSecret: 'signing-secret-typed-again' },
    });
    expect(retyped.body).toMatchObject({ settings: { callbackUrl: 'http://127.0.0.1:10/replies' } });
  });
});
