import { expect, test, type Page } from '@playwright/test';
import { fillSignIn, hubJson, hubLogin } from './support/hubApi.js';
import { startStack, type RunningStack } from './support/startStack.js';

/**
 * Finding a customer end to end (decision 0031, ## Search): a chat from an unknown person is
 * attached to a new customer the agent creates from the card; and the search screen finds a
 * customer by name (typed in another order, ё as е) and by passport, masked, naming a bad card.
 */
let stack: RunningStack;
let token: string;

test.beforeAll(async () => {
  stack = await startStack();
  token = await hubLogin(stack.hubUrl, stack.admin);
  // Customers the bank already has, made through the hub's own search API (keys checked there).
  for (const customer of [
    { name: 'Иванов Пётр Сергеевич', phone: '8 916 123-45-67', passport: '45 06 123456' },
    { name: 'Иванова Мария Петровна', phone: '+7 916 123 45 67' },
    { name: 'Petrov Ivan' },
  ]) {
    await hubJson(stack.hubUrl, token, '/api/v1/customer-search/customers', {
      customerId: crypto.randomUUID(),
      ...customer,
    });
  }
});

test.afterAll(async () => {
  await stack?.stop();
});

/** Opens the agent page; the browser host's core stays signed in from the test before, if there was one. */
async function signIn(page: Page): Promise<void> {
  await page.goto(stack.agentUrl);
  const queue = page.getByRole('list', { name: 'Queue' });
  await expect(page.getByLabel('Login').or(queue)).toBeVisible();
  if (!(await queue.isVisible())) await fillSignIn(page, stack.admin.login, stack.admin.password);
}

test('a chat from an unknown person is attached to a new customer created from the card', async ({ browser }) => {
  // Two browser contexts and a whole stack on a shared machine: a budget, not a timing assertion.
  test.setTimeout(120_000);
  const visitor = await (await browser.newContext({ locale: 'en-US' })).newPage();
  const question = 'I would like to open a deposit';
  await visitor.goto(stack.widgetDemoUrl);
  await visitor.getByRole('button', { name: 'Chat with us' }).click();
  await visitor.getByRole('textbox', { name: 'Your message' }).fill(question);
  await visitor.getByRole('textbox', { name: 'Your message' }).press('Enter');
  await expect(visitor.getByRole('log', { name: 'Conversation' })).toContainText(question);

  const agent = await (await browser.newContext({ locale: 'en-US' })).newPage();
  await signIn(agent);
  await agent
    .getByRole('button', { name: /Visitor/ })
    .first()
    .click();
  await expect(agent.getByRole('log', { name: 'Messages' })).toContainText(question);
  const card = agent.getByRole('complementary', { name: 'Customer card' });
  await card.getByRole('button', { name: 'Create new customer from this contact' }).click();

  const dialog = agent.getByRole('dialog', { name: 'New potential customer' });
  const form = dialog.getByRole('form', { name: 'New potential customer' });
  await form.getByLabel('Full name').fill('Сидорова Анна Павловна');
  await form.getByLabel('Phone').fill('8 903 555-12-12');
  // A mistyped card is named before anything is sent, by its last four digits only.
  await form.getByLabel('Card number').fill('4111 1111 1111 1112');
  await form.getByRole('button', { name: 'Create customer' }).click();
  await expect(form.getByRole('alert')).toHaveText(
    'The card number ending 1112 fails its check digit: a digit is mistyped.',
  );
  await form.getByLabel('Card number').fill('4111 1111 1111 1111');
  await form.getByLabel('Passport', { exact: true }).fill('4510 777888');
  await form.getByRole('button', { name: 'Create customer' }).click();
  await expect(dialog.getByRole('status').first()).toHaveText(
    'Сидорова Анна Павловна was created as a potential customer.',
  );
  await dialog.getByRole('button', { name: 'Close' }).click();

  // The card beside the conversation is now the new customer's, and the hub has the thread on it.
  await expect(card.getByText('Сидорова Анна Павловна').first()).toBeVisible();
  const found = await hubJson<{ results: { name: string; kind: string; threads: number; documents: unknown[] }[] }>(
    stack.hubUrl,
    token,
    '/api/v1/customer-search',
    { key: 'card', value: '4111111111111111' },
  );
  expect(found.results).toEqual([
    expect.objectContaining({
      name: 'Сидорова Анна Павловна',
      kind: 'potential',
      threads: 1,
      documents: [
        { kind: 'card', shown: '**** 1111', revealed: false },
        { kind: 'passport', shown: '45 ** ***888', revealed: false },
      ],
    }),
  ]);
});

test('the search screen finds a customer by name in any order and by passport, masked', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page);
  await page.getByRole('button', { name: 'Find customer' }).click();
  const dialog = page.getByRole('dialog', { name: 'Find a customer' });
  const search = dialog.getByRole('search', { name: 'Find a customer' });

  await search.getByLabel('Search by').selectOption('name');
  await search.getByLabel('What to look for').fill('петр иванов');
  await search.getByRole('button', { name: 'Search' }).click();
  const results = dialog.getByRole('list', { name: 'Customers found' });
  const petr = results.getByRole('listitem', { name: 'Иванов Пётр Сергеевич' });
  await expect(petr).toBeVisible();
  await expect(petr).toContainText('Passport 45 ** ***456');
  await expect(petr).toContainText('+79161234567');
  await expect(dialog).not.toContainText('4506123456');

  // A typo in an English spelling still finds the Russian name.
  await search.getByLabel('What to look for').fill('Ivanof Pyotr');
  await search.getByRole('button', { name: 'Search' }).click();
  await expect(results.getByRole('listitem').first()).toHaveAccessibleName('Иванов Пётр Сергеевич');

  await search.getByLabel('Search by').selectOption('passport');
  await search.getByLabel('What to look for').fill('45 06 123456');
  await search.getByRole('button', { name: 'Search' }).click();
  await expect(results.getByRole('listitem')).toHaveCount(1);
  await expect(results.getByRole('listitem').first()).toHaveAccessibleName('Иванов Пётр Сергеевич');

  await search.getByLabel('What to look for').fill('45 06 12345');
  await search.getByRole('button', { name: 'Search' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(
    'A passport is a 4-digit series and a 6-digit number, e.g. 45 06 123456.',
  );

  await search.getByLabel('Search by').selectOption('phone');
  await search.getByLabel('What to look for').fill('8 916 123 45 67');
  await search.getByRole('button', { name: 'Search' }).click();
  await expect(results.getByRole('listitem')).toHaveCount(2);

  // Opening a card from the results shows it beside the conversation.
  await results.getByRole('button', { name: 'Open the card of Иванова Мария Петровна' }).click();
  await expect(dialog).toBeHidden();
});
