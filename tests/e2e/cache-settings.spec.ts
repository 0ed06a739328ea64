import { expect, test } from '@playwright/test';
import { startStack, type RunningStack } from './support/startStack.js';

/**
 * Settings → Local cache through the browser host: the agent sees how big the cache is, changes how
 * long closed conversations stay, is told a wrong value by field name, and cleans up on demand.
 */
let stack: RunningStack;

test.beforeAll(async () => {
  stack = await startStack();
});

test.afterAll(async () => {
  await stack?.stop();
});

test('the local cache section shows the cache, saves the retention and cleans up', async ({ page }) => {
  await page.goto(stack.agentUrl);
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const section = page.getByRole('dialog').getByRole('group', { name: 'Local cache' });
  const days = section.getByLabel('Keep messages of closed conversations (days)');
  await expect(days).toHaveValue('365');
  await expect(section).toContainText(/Database .* MiB, attachments .* MiB/);

  await days.fill('-3');
  await section.getByRole('button', { name: 'Apply cache settings' }).click();
  await expect(section.getByRole('alert')).toContainText('Keep messages of closed conversations (days)');

  await days.fill('90');
  await section.getByLabel('Largest attachment kept on this computer (MiB)').fill('10');
  await section.getByRole('button', { name: 'Apply cache settings' }).click();
  await expect(section).toContainText('Done.');
  await section.getByRole('button', { name: 'Clean up now' }).click();
  await expect(section).toContainText(/Last clean-up .*: 0 messages removed/);
  if (process.env.OKNO_E2E_SCREENSHOTS)
    await page.screenshot({ path: `${process.env.OKNO_E2E_SCREENSHOTS}/cache-settings.png` });

  // Saved in the cache: a new page reads the same values.
  await page.reload();
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(page.getByRole('dialog').getByLabel('Keep messages of closed conversations (days)')).toHaveValue('90');
});
