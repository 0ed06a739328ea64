import { expect, test, type Page } from '@playwright/test';
import { addLeadAndAgent, fillSignIn, hubLogin } from './support/hubApi.js';
import { startStack, type RunningStack } from './support/startStack.js';

/**
 * Issues 4 and 5, agent statuses end to end in Chromium through the browser host: a lead opens the
 * Statuses tab of Team settings, a duplicate reason and an out-of-range after-call-work length are
 * refused under their fields, then the lead adds a reason and changes the length; the hub keeps it
 * and an agent signed in next finds the new reason in the status picker. (The hub's 403 for an
 * agent is covered by tests/integration/hub-status-settings.test.ts.)
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

const signIn = (page: Page, login: string) => fillSignIn(page, login, 'password-123');

test('a lead adds a not-ready reason and changes after-call work; an agent picks the new reason', async ({ page }) => {
  await page.goto(stack.agentUrl);
  await signIn(page, 'lena');
  await page.getByRole('button', { name: 'Team settings' }).click();
  const area = page.getByRole('dialog', { name: 'Team settings' });
  await area.getByRole('tab', { name: 'Statuses' }).click();
  const form = area.getByRole('form', { name: 'Statuses' });
  await expect(form.getByLabel('Reason 1', { exact: true })).toHaveValue('break');
  const acw = form.getByLabel('After-call work, seconds');
  await expect(acw).toHaveValue('30');

  // Bad input: a duplicate and a length past the bound, each named under its own field.
  await form.getByRole('button', { name: 'Add a reason' }).click();
  const added = form.getByLabel('Reason 6', { exact: true });
  await added.fill('lunch');
  await acw.fill('4000');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('alert')).toHaveText([
    '“lunch” is already in the list.',
    'A whole number of seconds from 0 to 3600.',
  ]);
  await expect(added).toHaveAttribute('aria-invalid', 'true');

  await added.fill('coaching');
  await acw.fill('45');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('status')).toHaveText('Saved.');
  await expect(form.getByRole('alert')).toHaveCount(0);

  // The hub holds it (one source of truth for the softphone's after-call work too).
  const lead = await hubLogin(stack.hubUrl, { login: 'lena', password: 'password-123' });
  const config = await fetch(`${stack.hubUrl}/api/v1/routing-config`, { headers: { authorization: `Bearer ${lead}` } });
  expect(((await config.json()) as { agentStatus: unknown }).agentStatus).toEqual({
    notReadyReasons: ['break', 'lunch', 'training', 'meeting', 'other', 'coaching'],
    afterCallWorkSeconds: 45,
  });

  // An agent signed in on the same app (the browser host runs one core) finds the new reason in the
  // status picker and can pick it.
  await area.getByRole('button', { name: 'Close' }).first().click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, 'anna');
  await expect(page.getByRole('button', { name: 'Team settings' })).toHaveCount(0);
  const picker = page.locator('.agent-status');
  await picker.getByLabel('Status', { exact: true }).selectOption('not_ready');
  const reason = picker.getByLabel('Reason', { exact: true });
  await expect(reason.locator('option[value="coaching"]')).toHaveText('coaching');
  await reason.selectOption('coaching');
  await expect(reason).toHaveValue('coaching');
});
