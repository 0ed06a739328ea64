import { createHmac } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { fillSignIn, hubLogin } from './support/hubApi.js';
import { startStack, type RunningStack } from './support/startStack.js';

/**
 * Channel administration and the widget's new parts in Chromium: an admin adds a webhook channel
 * whose secret is shown only as "set" (never in the page), sees a dead letter's payload as text
 * (not markup) and discards it; a customer picks a topic in the widget's start menu, gets its
 * answer, and typing shows on both sides.
 */
let stack: RunningStack;
let token: string;
const SECRET = 'e2e-signing-secret-0123456789';

test.beforeAll(async () => {
  stack = await startStack();
  token = await hubLogin(stack.hubUrl, stack.admin);
});

test.afterAll(async () => {
  await stack?.stop();
});

/** Signs in, unless the core is still signed in from the previous test of this file. */
async function signIn(agent: Page): Promise<void> {
  await agent.goto(stack.agentUrl);
  const queue = agent.getByRole('list', { name: 'Queue' });
  await expect(agent.getByLabel('Hub address').or(queue)).toBeVisible();
  if (await queue.isVisible()) return;
  await expect(agent.getByLabel('Hub address')).toHaveValue(stack.hubUrl);
  await fillSignIn(agent, stack.admin.login, stack.admin.password);
}

test('an admin adds a webhook channel (secret write-only) and discards a dead letter shown as text', async ({
  page,
}) => {
  await signIn(page);
  await page.getByRole('button', { name: 'Team settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Team settings' });
  await dialog.getByRole('tab', { name: 'Channels' }).click();
  await dialog.getByRole('button', { name: 'Add a channel' }).click();
  const form = dialog.getByRole('form', { name: 'Channel settings' });
  await form.getByLabel('Kind').selectOption('webhook');
  await form.getByLabel('Name').fill('Chatbot hand-over');
  await form.getByLabel(/Signing secret/).fill(SECRET);
  await form.getByRole('button', { name: 'Create channel' }).click();
  await expect(dialog.getByRole('button', { name: /Chatbot hand-over/ })).toBeVisible();
  await expect(form.getByText('(set)')).toBeVisible();
  await expect(form.getByLabel(/Signing secret/)).toHaveValue('');
  await expect(form.getByLabel(/Signing secret/)).toHaveAttribute('placeholder', 'Type to replace');
  expect(await page.content()).not.toContain(SECRET);

  // Moving the callback URL needs the signing secret typed again: the form says so, the hub refuses without it.
  await form.getByLabel('Callback URL for agent replies').fill('https://elsewhere.example/okno');
  const retype = form.getByRole('status').filter({ hasText: 'Type Signing secret (HMAC) again' });
  await expect(retype).toBeVisible();
  await expect(form.getByLabel(/Signing secret/)).toHaveAttribute('aria-invalid', 'true');
  await form.getByRole('button', { name: 'Save channel' }).click();
  await expect(form.getByText(/callbackUrl .* enter signingSecret again/)).toBeVisible();
  await form.getByLabel(/Signing secret/).fill(SECRET);
  await expect(retype).toBeHidden();
  await form.getByRole('button', { name: 'Save channel' }).click();
  await expect(form.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await expect(form.getByLabel('Callback URL for agent replies')).toHaveValue('https://elsewhere.example/okno');
  expect(await page.content()).not.toContain(SECRET);

  // A signed call whose body is not JSON: kept as a dead letter.
  const channels = (await (
    await fetch(`${stack.hubUrl}/api/v1/channels`, { headers: { authorization: `Bearer ${token}` } })
  ).json()) as { channels: { id: string; webhookPath: string }[] };
  const body = 'not json <img src=x onerror="window.__pwned=1">';
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `sha256=${createHmac('sha256', SECRET).update(`${timestamp}.`).update(body).digest('hex')}`;
  const hook = await fetch(`${stack.hubUrl}${channels.channels[0]!.webhookPath}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-okno-signature': signature,
      'x-okno-timestamp': String(timestamp),
    },
    body,
  });
  expect(hook.status).toBeLessThan(500);

  await dialog.getByRole('tab', { name: 'Dead letters' }).click();
  const letters = dialog.getByRole('list', { name: 'Dead letters' });
  await expect(letters).toContainText('Could not be read');
  await letters.getByText(/What arrived/).click();
  await expect(letters.locator('pre')).toHaveText(body);
  expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await letters.getByRole('button', { name: 'Discard' }).click();
  await expect(dialog.getByRole('status').filter({ hasText: 'Discarded.' })).toBeVisible();
  await expect(dialog.getByText('No dead letters')).toBeVisible();
});

test('the widget offers topics with answers, and typing shows on both sides', async ({ browser }) => {
  const agentContext = await browser.newContext();
  const customerContext = await browser.newContext({ locale: 'en-US' });
  const agent = await agentContext.newPage();
  const customer = await customerContext.newPage();
  await signIn(agent);

  await customer.goto(stack.widgetDemoUrl);
  await customer.getByRole('button', { name: 'Chat with us' }).click();
  const topics = customer.getByRole('group', { name: 'Pick a topic or just write to us:' });
  await topics.getByRole('button', { name: 'My card' }).click();
  const log = customer.getByRole('log', { name: 'Conversation' });
  await expect(log).toContainText('To block a card at once, open the app');
  await expect(topics.getByRole('button', { name: 'My card' })).toHaveAttribute('aria-pressed', 'true');

  const input = customer.getByRole('textbox', { name: 'Your message' });
  await input.fill('Hello, my card does not work abroad');
  await input.press('Enter');
  await expect(log).toContainText('Hello, my card does not work abroad');

  await agent
    .getByRole('button', { name: /Visitor/ })
    .first()
    .click();
  await expect(agent.getByRole('log', { name: 'Messages' })).toContainText('my card does not work abroad');

  // The customer types: the agent sees it (the widget sends at most every 3 s).
  await input.pressSequentially('It says declined', { delay: 20 });
  await expect(agent.getByText('The customer is typing…')).toBeVisible();

  // The agent types: the customer sees it.
  await agent.getByRole('textbox', { name: 'Reply' }).pressSequentially('Let me check', { delay: 20 });
  await expect(customer.getByText(/is typing…/)).toBeVisible();

  // The customer sends a file: a PDF goes, a program is refused before it leaves the page.
  const attach = customer.getByLabel('Attach a file');
  await attach.setInputFiles({ name: 'setup.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') });
  await expect(customer.getByRole('status').filter({ hasText: 'This kind of file is not accepted' })).toBeVisible();
  await attach.setInputFiles({ name: 'receipt.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 r') });
  await expect(log).toContainText('📎 receipt.pdf');
  await expect(agent.getByRole('log', { name: 'Messages' })).toContainText('📎 receipt.pdf');

  // The customer reloads the page: the conversation is still there, and the menu is not offered again.
  await customer.reload();
  await customer.getByRole('button', { name: 'Chat with us' }).click();
  await expect(log).toContainText('Hello, my card does not work abroad');
  await expect(log).toContainText('📎 receipt.pdf');
  await expect(customer.getByRole('group', { name: 'Pick a topic or just write to us:' })).toBeHidden();

  await agentContext.close();
  await customerContext.close();
});
