import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { addLeadAndAgent, fillSignIn } from './support/hubApi.js';
import { startStack, type RunningStack } from './support/startStack.js';

/**
 * Issue 5, team settings end to end in Chromium through the browser host: a lead opens the area,
 * an auto-reply rule with an unknown variable is refused with its line and reason, the fixed rule
 * greets the next widget customer; a shared template is edited with a live preview and kept. An
 * agent signed in on the same app gets no way into the area (the hub's 403s are covered by
 * tests/integration/hub-team-settings.test.ts).
 */
let stack: RunningStack;

// One long story (two sign-ins, a widget customer, a file round trip) on a shared 2-core machine.
test.setTimeout(120_000);

test.beforeAll(async () => {
  stack = await startStack();
  await addLeadAndAgent(stack.hubUrl, stack.admin);
});

test.afterAll(async () => {
  await stack?.stop();
});

test('a lead edits an auto-reply rule and a template; an agent does not see the area', async ({ page, browser }) => {
  await page.goto(stack.agentUrl);
  await fillSignIn(page, 'lena', 'password-123');

  await page.getByRole('button', { name: 'Team settings' }).click();
  const area = page.getByRole('dialog', { name: 'Team settings' });
  await expect(area.getByRole('tab', { name: 'Groups & skills' })).toHaveAttribute('aria-selected', 'true');
  await expect(area.getByRole('form', { name: 'Group' }).getByLabel('Name')).toHaveValue('General');

  // Auto-replies: the greeting with a typo on its second line is refused, naming the line and the reason.
  await area.getByRole('tab', { name: 'Auto-replies' }).click();
  await area.getByRole('button', { name: /^Greeting/ }).click();
  const rule = area.getByRole('form', { name: 'Auto-reply rule' });
  const english = rule.getByLabel('Message (English)');
  await english.fill('Welcome to Okno Bank!\nDear {customer.frstName}, an agent will answer soon.');
  await rule.getByRole('button', { name: 'Save rule' }).click();
  await expect(rule.getByRole('alert')).toContainText('Line 2, column 6: unknown variable "{customer.frstName}"');
  await expect(english).toHaveAttribute('aria-invalid', 'true');

  await english.fill('Welcome to Okno Bank, {customer.firstName|friend}! Request {thread.number}.');
  // The preview fills the sample thread as it is typed.
  await expect(rule.getByRole('region', { name: 'Preview' }).first()).toHaveText(
    'PreviewWelcome to Okno Bank, Anna! Request 1042.',
  );
  await rule.getByRole('button', { name: 'Save rule' }).click();
  await expect(rule.getByRole('status')).toHaveText('Saved.');
  await expect(rule.getByRole('alert')).toHaveCount(0);

  // Applied on the hub: the next customer is greeted with the edited text.
  const customerContext = await browser.newContext({ locale: 'en-US' });
  const customer = await customerContext.newPage();
  await customer.goto(stack.widgetDemoUrl);
  await customer.getByRole('button', { name: 'Chat with us' }).click();
  await customer.getByRole('textbox', { name: 'Your message' }).fill('Hello there');
  await customer.getByRole('textbox', { name: 'Your message' }).press('Enter');
  await expect(customer.getByRole('log', { name: 'Conversation' })).toContainText(
    /Welcome to Okno Bank, (Visitor|friend)! Request \d+\./,
  );
  await customerContext.close();

  // The shared library: edit a template's English text, watch the preview, save, and find it kept.
  await area.getByRole('tab', { name: 'Template library' }).click();
  await area.getByRole('button', { name: 'Card blocked' }).click();
  const form = area.getByRole('form', { name: 'Template' });
  const first = form.getByRole('group', { name: 'Text 1' });
  await first
    .getByLabel('Text', { exact: true })
    .fill('Hello {customer.firstName}, {agent.name} here: your card is {oops}.');
  await expect(first.getByRole('region', { name: 'Preview' })).toContainText('unknown variable "{oops}"');
  await first
    .getByLabel('Text', { exact: true })
    .fill('Hello {customer.firstName}, {agent.name} here: your card is safe.');
  await expect(first.getByRole('region', { name: 'Preview' })).toHaveText(
    'PreviewHello Anna, Lena Lead here: your card is safe.',
  );
  await form.getByLabel('Hotkey (e.g. Alt+1)').fill('Alt+7');
  await form.getByRole('button', { name: 'Save template' }).click();
  await expect(form.getByRole('status')).toHaveText('Saved.');

  await area.getByRole('button', { name: 'Close' }).first().click();
  await expect(area).toBeHidden();
  await page.getByRole('button', { name: 'Team settings' }).click();
  await area.getByRole('tab', { name: 'Template library' }).click();
  await area.getByRole('button', { name: 'Card blocked' }).click();
  await expect(form.getByRole('group', { name: 'Text 1' }).getByLabel('Text', { exact: true })).toHaveValue(
    'Hello {customer.firstName}, {agent.name} here: your card is safe.',
  );
  await expect(form.getByLabel('Hotkey (e.g. Alt+1)')).toHaveValue('Alt+7');

  // The library leaves the app as a CSV file and comes back from it, replacing what was there.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    area.getByRole('button', { name: 'Export as CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^okno-templates-\d{4}-\d{2}-\d{2}\.csv$/);
  const csvPath = test.info().outputPath(download.suggestedFilename());
  await download.saveAs(csvPath);
  const csv = readFileSync(csvPath, 'utf8');
  expect(csv.split('\r\n')[0]).toBe('folder,title,tags,hotkey,language,channel,text');
  expect(csv).toContain('your card is safe.');
  const rows = csv.split('\r\n').filter((line) => line !== '').length - 1;
  await area.getByLabel('Library file (JSON or CSV)').setInputFiles(csvPath);
  await area.getByLabel('Replace the whole library').check();
  await area.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(area.getByText(/^Imported \d+ templates\.$/)).toBeVisible();
  await area.getByRole('button', { name: 'Card blocked' }).click();
  await expect(form.getByLabel('Hotkey (e.g. Alt+1)')).toHaveValue('Alt+7');
  expect(rows).toBeGreaterThan(30);

  // A broken file is refused with its line; the library stays.
  await area.getByLabel('Library file (JSON or CSV)').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{\n  "templates": [\n    {,\n  ]\n}'),
  });
  await area.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(area.getByRole('alert')).toContainText('The file was not imported. Line 3: ');
  await area.getByRole('button', { name: 'Close' }).first().click();

  // An agent on the same app: no way into the area, but their own templates.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await fillSignIn(page, 'anna', 'password-123');
  await expect(page.getByRole('button', { name: 'My templates' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Team settings' })).toHaveCount(0);
  await expect(page.getByRole('dialog', { name: 'Team settings' })).toHaveCount(0);

  // The agent keeps a template of their own.
  await page.getByRole('button', { name: 'My templates' }).click();
  const mine = page.getByRole('dialog', { name: 'My templates' });
  await mine.getByRole('button', { name: 'New template' }).click();
  const own = mine.getByRole('form', { name: 'Template' });
  await own.getByLabel('Title').fill('My sign-off');
  await own.getByLabel('Text', { exact: true }).fill('Have a good day, {customer.firstName}! {agent.firstName}');
  await expect(own.getByRole('region', { name: 'Preview' })).toHaveText('PreviewHave a good day, Anna! Anna');
  await own.getByRole('button', { name: 'Save template' }).click();
  await expect(own.getByRole('status')).toHaveText('Saved.');
  await expect(mine.getByRole('navigation', { name: 'Templates' }).getByRole('listitem')).toHaveText(['My sign-off']);
});
