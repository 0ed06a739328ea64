import { expect, test } from '@playwright/test';
import { startStack, type RunningStack } from './support/startStack.js';

/**
 * A plain http:// hub elsewhere is refused before anything is sent, with the address and the reason,
 * on the sign-in screen and in Settings, in English and in Russian (decision 0026).
 */
let stack: RunningStack;

test.beforeAll(async () => {
  stack = await startStack();
});

test.afterAll(async () => {
  await stack?.stop();
});

test('the sign-in screen and Settings refuse http:// to another computer and say why', async ({ page }) => {
  await page.goto(stack.agentUrl);
  const hub = page.getByLabel('Hub address');
  await hub.fill('http://hub.example.com:8740');
  await page.getByLabel('Login').fill('admin');
  await page.getByLabel('Password').fill('whatever-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(hub).toHaveAttribute('aria-invalid', 'true');
  await expect(hub).toBeFocused();
  await expect(
    page.getByText(/does not connect to http:\/\/hub\.example\.com:8740 over plain http:\/\//),
  ).toBeVisible();

  // Loopback over http is fine (the stack's own hub), and https anywhere passes the check.
  await hub.fill('https://hub.example.com');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(hub).not.toHaveAttribute('aria-invalid', 'true');

  await page.getByRole('button', { name: 'Settings' }).click();
  let dialog = page.getByRole('dialog');
  await dialog.getByLabel('Hub address').fill('http://10.0.0.7:8740');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText(/does not connect to http:\/\/10\.0\.0\.7:8740 over plain http/)).toBeVisible();

  // In Russian.
  await dialog.getByLabel('Hub address').fill('');
  await dialog.getByLabel('Language').selectOption('ru');
  await dialog.getByRole('button', { name: 'Save' }).click();
  // Saved: the dialog closes and the app speaks Russian.
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.getByRole('button', { name: 'Настройки' }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByLabel('Адрес хаба').fill('http://10.0.0.7:8740');
  await dialog.getByRole('button', { name: 'Сохранить' }).click();
  await expect(dialog.getByText(/не подключается к http:\/\/10\.0\.0\.7:8740 по незащищённому http/)).toBeVisible();
});
