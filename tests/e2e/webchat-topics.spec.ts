import { expect, test, type Page } from '@playwright/test';
import { startStack, type RunningStack } from './support/startStack.js';

/**
 * Issue 7, the widget's start menu edited in the app, in Chromium through the browser host: a lead
 * opens the Web chat tab of Team settings, a topic without its button label is refused under that
 * field, then the lead adds a topic with an answer, moves it to the top and saves; a customer who
 * opens the widget next sees the new topic first and gets its answer. (The hub's 403 for an agent
 * is covered by tests/integration/hub-widget-topics.test.ts.)
 */
let stack: RunningStack;

test.setTimeout(90_000);

test.beforeAll(async () => {
  stack = await startStack();
  const admin = await hubLogin(stack.admin.login, stack.admin.password);
  const reply = await fetch(`${stack.hubUrl}/api/v1/agents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
    body: JSON.stringify({ login: 'lena', name: 'Lena Lead', role: 'lead', password: 'password-123' }),
  });
  expect(reply.status).toBe(201);
  // The menu's topics come from the topic tree (decision 0032): "fees" is in it before the lead picks it.
  const topic = await fetch(`${stack.hubUrl}/api/v1/topics`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
    body: JSON.stringify({ id: 'fees', parentId: null, name: { en: 'Fees and limits', ru: 'Комиссии и лимиты' } }),
  });
  expect(topic.status).toBe(200);
});

test.afterAll(async () => {
  await stack?.stop();
});

async function hubLogin(login: string, password: string): Promise<string> {
  const reply = await fetch(`${stack.hubUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  return ((await reply.json()) as { token: string }).token;
}

async function signIn(page: Page, login: string) {
  await page.getByLabel('Login').fill(login);
  await page.getByLabel('Password').fill('password-123');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('list', { name: 'Queue' })).toBeVisible();
}

test('a lead adds a topic with an answer; a customer opening the widget sees it and its answer', async ({
  page,
  browser,
}) => {
  await page.goto(stack.agentUrl);
  await signIn(page, 'lena');
  await page.getByRole('button', { name: 'Team settings' }).click();
  const area = page.getByRole('dialog', { name: 'Team settings' });
  await area.getByRole('tab', { name: 'Web chat' }).click();
  const form = area.getByRole('form', { name: 'Web chat' });
  await expect(form.getByRole('group', { name: 'Topic 1' }).getByLabel('Routing topic')).toHaveValue('cards');

  await form.getByRole('button', { name: 'Add a topic' }).click();
  const added = form.getByRole('group', { name: 'Topic 5' });
  await added.getByLabel('Routing topic').fill('fees');
  await added.getByLabel('Button, English').fill('Fees and limits');
  await added.getByLabel('Answer, English').fill('Transfers to other banks are free up to 100 000 a month.');
  await added.getByLabel('Answer, Russian').fill('Переводы в другие банки бесплатны до 100 000 в месяц.');

  // Bad input: the Russian button label is missing, named under its own field; nothing is saved.
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('alert')).toHaveText(['Fill this in or remove the topic.']);
  await expect(added.getByLabel('Button, Russian')).toHaveAttribute('aria-invalid', 'true');

  await added.getByLabel('Button, Russian').fill('Комиссии и лимиты');
  for (let i = 0; i < 4; i += 1) await form.getByRole('button', { name: `Move topic ${5 - i} up` }).click();
  await expect(form.getByRole('group', { name: 'Topic 1' }).getByLabel('Routing topic')).toHaveValue('fees');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('status')).toHaveText('Saved.');
  await expect(form.getByRole('alert')).toHaveCount(0);

  // The hub holds it.
  const lead = await hubLogin('lena', 'password-123');
  const menu = await fetch(`${stack.hubUrl}/api/v1/widget-topics`, { headers: { authorization: `Bearer ${lead}` } });
  const { topics } = (await menu.json()) as { topics: { id: string }[] };
  expect(topics.map((t) => t.id)).toEqual(['fees', 'cards', 'loans', 'access', 'other']);

  // A customer opening the widget now gets the new menu.
  const customerContext = await browser.newContext({ locale: 'en-US' });
  const customer = await customerContext.newPage();
  await customer.goto(stack.widgetDemoUrl);
  await customer.getByRole('button', { name: 'Chat with us' }).click();
  const buttons = customer.getByRole('group', { name: 'Pick a topic or just write to us:' }).getByRole('button');
  await expect(buttons.first()).toHaveText('Fees and limits');
  await buttons.first().click();
  const log = customer.getByRole('log', { name: 'Conversation' });
  await expect(log).toContainText('Transfers to other banks are free up to 100 000 a month.');
  await customerContext.close();
});
