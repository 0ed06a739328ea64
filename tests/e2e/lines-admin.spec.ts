import { expect, test, type Locator, type Page } from '@playwright/test';
import { addLeadAndAgent, fillSignIn, hubLogin, hubJson } from './support/hubApi.js';
import { startStack, type RunningStack } from './support/startStack.js';

/**
 * Calls in the queue, the lead's side, in Chromium through the browser host: in Team settings a
 * lead adds a service line whose voice menu loops; it is refused naming the step (the same
 * menuProblems the hub runs). Fixed, it is saved, and after a reload the line and its menu are
 * still there (the hub holds them). A second line with the same number is refused by the hub under
 * the number. On the Blocklist tab the lead blocks a number with a reason, sees it listed with who
 * added it, and unblocks it.
 */
let stack: RunningStack;

test.setTimeout(90_000);

test.beforeAll(async () => {
  stack = await startStack();
  await addLeadAndAgent(stack.hubUrl, stack.admin);
});

test.afterAll(async () => {
  await stack?.stop();
});

async function openTab(page: Page, tab: string): Promise<Locator> {
  await page.getByRole('button', { name: 'Team settings' }).click();
  const area = page.getByRole('dialog', { name: 'Team settings' });
  await area.getByRole('tab', { name: tab }).click();
  return area;
}

test('a lead saves a line once its menu no longer loops, and blocks and unblocks a number', async ({ page }) => {
  await page.goto(stack.agentUrl);
  await fillSignIn(page, 'lena', 'password-123');
  const area = await openTab(page, 'Lines');
  await area.getByRole('button', { name: 'New line' }).click();
  const form = area.getByRole('form', { name: 'Service line' });
  await form.getByLabel('Number').fill('+74951234567');
  await form.getByLabel('Name', { exact: true }).fill('Cards');

  // A menu: "main" asks for a key, 1 leads to "info", which says the opening hours and goes back to "main".
  await form.getByRole('button', { name: 'Add a step' }).click();
  await form.getByRole('button', { name: 'Add a step' }).click();
  const main = form.getByRole('group', { name: 'Step 1' });
  const info = form.getByRole('group', { name: 'Step 2' });
  await main.getByLabel('Step id').fill('main');
  await main.getByLabel('Kind').selectOption('ask');
  await main.getByLabel('Prompt').selectOption('menu_main');
  await info.getByLabel('Step id').fill('info');
  await info.getByLabel('Kind').selectOption('say');
  await info.getByLabel('Prompt').selectOption('opening_hours');
  await info.getByLabel('Then').selectOption('main');
  await main.getByRole('button', { name: 'Add an option' }).click();
  await expect(main.getByLabel('Key of option 1')).toHaveValue('1');
  await main.getByLabel('Step of option 1').selectOption('info');
  await expect(form.getByLabel('First step')).toHaveValue('main');

  await form.getByRole('button', { name: 'Save line' }).click();
  await expect(main.getByRole('alert')).toHaveText(
    'Step “main” leads back to itself: a menu may not loop. End the path in the queue or with “Hang up”.',
  );
  await expect(info.getByRole('alert')).toHaveCount(0);
  await expect(form.getByRole('status')).toHaveText('');

  // Fixed: "info" hangs up after the hours.
  await info.getByLabel('Then').selectOption({ label: 'Hang up' });
  await form.getByRole('button', { name: 'Save line' }).click();
  await expect(form.getByRole('status')).toHaveText('Saved.');
  await expect(form.getByRole('alert')).toHaveCount(0);

  // The hub holds it.
  const lead = await hubLogin(stack.hubUrl, { login: 'lena', password: 'password-123' });
  const { lines } = await hubJson<{ lines: { number: string; menu: unknown }[] }>(stack.hubUrl, lead, '/api/v1/lines');
  expect(lines).toEqual([
    expect.objectContaining({
      number: '+74951234567',
      menu: {
        start: 'main',
        nodes: {
          main: {
            kind: 'ask',
            prompt: 'menu_main',
            options: { '1': 'info' },
            timeoutSeconds: 5,
            repeats: 2,
            fallback: null,
          },
          info: { kind: 'say', prompt: 'opening_hours', next: null },
        },
      },
    }),
  ]);

  // After a reload the line is listed and opens with its menu.
  await page.reload();
  const again = await openTab(page, 'Lines');
  const list = again.getByRole('navigation', { name: 'Service lines' });
  await list.getByRole('button', { name: /^Cards/ }).click();
  const saved = again.getByRole('form', { name: 'Service line' });
  await expect(saved.getByLabel('Number')).toHaveValue('+74951234567');
  await expect(saved.getByRole('group', { name: 'Step 1' }).getByLabel('Step id')).toHaveValue('main');
  await expect(saved.getByRole('group', { name: 'Step 2' }).getByLabel('Then')).toHaveValue('');

  // The hub refuses a second line with the same number, under the number.
  await list.getByRole('button', { name: 'New line' }).click();
  const second = again.getByRole('form', { name: 'Service line' });
  await second.getByLabel('Number').fill('+74951234567');
  await second.getByLabel('Name', { exact: true }).fill('Loans');
  await second.getByRole('button', { name: 'Save line' }).click();
  await expect(second.getByRole('alert')).toHaveText('already the number of "Cards"');
  await expect(second.getByLabel('Number')).toHaveAttribute('aria-invalid', 'true');

  // Blocklist: block a number with a reason; it is listed with who added it; unblock it.
  await again.getByRole('tab', { name: 'Blocklist' }).click();
  const block = again.getByRole('form', { name: 'Block a number or identity' });
  await block.getByLabel('Number or identity').fill('+7 999 123-45-67');
  await block.getByRole('button', { name: 'Block' }).click();
  await expect(block.getByRole('alert')).toHaveText('Fill this in.');
  await block.getByLabel('Reason').fill('Abusive calls');
  await block.getByRole('button', { name: 'Block' }).click();
  await expect(block.getByRole('status')).toHaveText('Saved.');
  const blocked = again.getByRole('list', { name: 'Blocked numbers and identities' });
  const entry = blocked.getByRole('listitem').filter({ hasText: '+79991234567' });
  await expect(entry).toContainText('Abusive calls');
  await expect(entry).toContainText('Added by Lena Lead');
  await expect(entry).toContainText('Until removed');
  await entry.getByRole('button', { name: 'Unblock +79991234567' }).click();
  await expect(blocked).toHaveCount(0);
  await expect(again.getByText('Nobody is blocked.')).toBeVisible();
  const { blocks } = await hubJson<{ blocks: unknown[] }>(stack.hubUrl, lead, '/api/v1/blocklist');
  expect(blocks).toEqual([]);
});
