import { expect, test, type Page } from '@playwright/test';
import type { ChannelStackInfo } from './support/channelStack.js';
import { fillSignIn, hubJson, hubLogin } from './support/hubApi.js';
import { startStackScript } from './support/startStack.js';

/**
 * One person, two channels, one queue: Olga writes by email (a REAL Dovecot + OpenSMTPD on
 * loopback) and by Telegram (a LOCAL server implementing the documented Bot API subset, since
 * api.telegram.org is not reachable here). Her Telegram id is linked to the customer her email
 * created (the agent links it on the customer card), so the hub keeps one customer with both
 * identities. Both threads appear in the agent's queue without a reload; the agent answers each in
 * the app, and each answer arrives in its channel: the email in Olga's mailbox with threading
 * headers, the message at the Bot API server.
 */
type Stack = ChannelStackInfo & { stop(): Promise<void> };
let stack: Stack;
let token: string;

const TELEGRAM_ID = 90017;

test.beforeAll(async () => {
  test.setTimeout(150_000);
  // Two mail servers, a Bot API stand-in, a hub and a core: slower to start than the plain stack.
  stack = await startStackScript<ChannelStackInfo>('tests/e2e/support/channelStack.ts', {}, 60_000);
  test.skip(stack.skip !== undefined, stack.skip);
  token = await hubLogin(stack.hubUrl, stack.admin);
});

test.afterAll(async () => {
  await stack?.stop();
});

async function control<T>(route: string, body?: unknown): Promise<T> {
  const reply = await fetch(`${stack.controlUrl}${route}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json: unknown = await reply.json();
  expect(reply.ok, `${route}: ${reply.status} ${JSON.stringify(json)}`).toBe(true);
  return json as T;
}

const hub = <T>(route: string, body?: unknown): Promise<T> => hubJson<T>(stack.hubUrl, token, route, body);

interface Change {
  entity: string;
  data: { id: string; channel?: string; customerId?: string; subject?: string };
}

async function threadsByChannel(): Promise<Map<string, Change['data']>> {
  const pull = await hub<{ changes: Change[] }>('/api/v1/sync/pull?after=0&limit=5000');
  const threads = new Map<string, Change['data']>();
  for (const change of pull.changes) {
    if (change.entity === 'thread' && change.data.channel) threads.set(change.data.channel, change.data);
  }
  return threads;
}

async function signIn(agent: Page): Promise<void> {
  await agent.goto(stack.agentUrl);
  await expect(agent.getByLabel('Hub address')).toHaveValue(stack.hubUrl);
  await fillSignIn(agent, stack.admin.login, stack.admin.password);
}

async function answer(
  agent: Page,
  row: RegExp,
  question: string,
  text: string,
  file?: { name: string; mimeType: string; buffer: Buffer },
): Promise<void> {
  await agent.getByRole('button', { name: row }).first().click();
  await expect(agent.getByRole('log', { name: 'Messages' })).toContainText(question);
  if (file) {
    // The composer uploads the file to the hub at once and lists it with the reply.
    await agent.getByLabel('Attach a file').setInputFiles(file);
    await expect(agent.getByRole('list', { name: 'Files with this reply' })).toContainText(file.name);
  }
  const reply = agent.getByRole('textbox', { name: 'Reply' });
  await reply.fill(text);
  await reply.press('Enter');
  await expect(reply).toHaveValue('');
  await expect(agent.getByRole('log', { name: 'Messages' })).toContainText(text);
}

test('the same customer writes by email and by Telegram; the agent answers each in its channel', async ({ page }) => {
  test.setTimeout(150_000);
  await signIn(page);

  // 1. Email: through SMTP into the support mailbox, fetched by the hub over IMAP.
  const emailQuestion = 'My card was charged twice for one purchase.';
  const sent = await control<{ messageId: string }>('/email', { subject: 'Double charge', text: emailQuestion });
  const emailRow = /Olga Petrova.*Email/;
  await expect(page.getByRole('button', { name: emailRow })).toBeVisible({ timeout: 20_000 });

  // 2. The agent opens the email thread, answers it, and links Olga's Telegram id on the card.
  const emailAnswer = 'We have cancelled the second charge.';
  await answer(page, emailRow, emailQuestion, emailAnswer);
  const card = page.getByRole('complementary', { name: 'Customer card' });
  const identitiesOnCard = card.getByRole('region', { name: 'Phones, emails and accounts' });
  await expect(identitiesOnCard).toContainText('olga@example.test');
  await identitiesOnCard.getByLabel('Kind').selectOption('telegram');
  await identitiesOnCard.getByLabel('Number, address or id').fill(String(TELEGRAM_ID));
  await identitiesOnCard.getByRole('button', { name: 'Link', exact: true }).click();
  await expect(identitiesOnCard).toContainText(String(TELEGRAM_ID));

  // 3. Telegram: the bot's getUpdates long poll brings her message, to the same customer.
  const telegramQuestion = 'Also: when will the refund arrive?';
  await control('/telegram', { userId: TELEGRAM_ID, firstName: 'Olga', text: telegramQuestion });
  const telegramRow = /Olga Petrova.*Telegram/;
  await expect(page.getByRole('button', { name: telegramRow })).toBeVisible({ timeout: 20_000 });

  // One customer with both identities and both threads (the hub's view).
  const threads = await threadsByChannel();
  const emailThread = threads.get('email')!;
  const telegramThread = threads.get('telegram')!;
  expect(telegramThread.customerId).toBe(emailThread.customerId);
  const { identities } = await hub<{ identities: { kind: string; value: string }[] }>(
    `/api/v1/customers/${emailThread.customerId}/identities`,
  );
  expect(identities).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ kind: 'email', value: 'olga@example.test' }),
      expect.objectContaining({ kind: 'telegram', value: String(TELEGRAM_ID) }),
    ]),
  );

  // 4. The agent answers the Telegram thread in the app, with a file; the card shows the same customer.
  const telegramAnswer = 'The refund arrives within 3 working days.';
  const statement = { name: 'refund.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 refund') };
  await answer(page, telegramRow, telegramQuestion, telegramAnswer, statement);
  await expect(page.getByRole('list', { name: 'Files with this reply' })).toHaveCount(0);
  await expect(identitiesOnCard).toContainText('olga@example.test');
  await expect(identitiesOnCard).toContainText(String(TELEGRAM_ID));

  // 5. The email reached Olga's mailbox, threaded under her message.
  await expect
    .poll(async () => (await control<{ text: string }[]>('/mailbox')).length, { timeout: 20_000 })
    .toBeGreaterThan(0);
  const [mail] =
    await control<{ subject: string; text: string; inReplyTo: string; references: string | string[] }[]>('/mailbox');
  expect(mail!.subject).toBe('Re: Double charge');
  expect(mail!.text).toContain(emailAnswer);
  expect(mail!.inReplyTo).toBe(sent.messageId);
  expect([mail!.references].flat()).toContain(sent.messageId);

  // 6. The Telegram answer reached the Bot API server, to Olga's chat, as the file's caption.
  await expect
    .poll(async () => (await control<{ method: string; text: string }[]>('/telegram/sent')).map((s) => s.text), {
      timeout: 20_000,
    })
    .toContain(telegramAnswer);
  const sentByBot = await control<{ method: string; chatId: string; text: string }[]>('/telegram/sent');
  expect(sentByBot.find((s) => s.text === telegramAnswer)).toMatchObject({
    method: 'sendDocument',
    chatId: String(TELEGRAM_ID),
    file: { name: 'refund.pdf', mime: 'application/pdf', size: statement.buffer.length },
  });
});
