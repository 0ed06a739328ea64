import { expect, test } from '@playwright/test';
import { simulateTraffic } from '../../src/server/simulator/simulateTraffic.js';
import { startStack, type RunningStack } from './support/startStack.js';

/**
 * Issue 8 end to end: a lead opens the stats panel on an empty floor ("no data"), a simulated
 * burst of traffic is replayed into the hub, and the tiles change on screen without a reload.
 */
let stack: RunningStack;

test.beforeAll(async () => {
  stack = await startStack();
});

test.afterAll(async () => {
  await stack?.stop();
});

test("a lead's tiles change as simulated traffic is replayed", async ({ page }) => {
  await page.goto(stack.agentUrl);
  await page.getByLabel('Login').fill(stack.admin.login);
  await page.getByLabel('Password').fill(stack.admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Stats' }).click();
  const panel = page.getByRole('region', { name: 'Floor now' });
  const serviceLevel = panel.getByRole('listitem', { name: 'Service level' });
  await expect(serviceLevel).toContainText('no data');
  await expect(panel.getByRole('table')).toBeVisible();

  const login = await fetch(`${stack.hubUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(stack.admin),
  });
  const { token } = (await login.json()) as { token: string };
  const result = await simulateTraffic({
    hubUrl: stack.hubUrl,
    adminToken: token,
    agents: 3,
    contacts: 12,
    now: Date.now,
    advance: () => undefined,
    seed: 3,
  });
  expect(result.answered).toBeGreaterThan(0);

  // Service level now has a figure and a verdict in words, not only a colour.
  await expect(serviceLevel).toContainText('%');
  await expect(serviceLevel).toContainText(/on target|off target/);
  await expect(panel.getByRole('listitem', { name: 'Abandoned' })).toContainText('%');
  await expect(panel.getByRole('status')).toContainText('Agents needed now');
  await expect(panel.getByRole('cell', { name: 'Sim agent 1' })).toBeVisible();
  await panel.getByRole('button', { name: 'Sort by Agent' }).click();
  await expect(panel.getByRole('columnheader', { name: 'Sort by Agent' })).toHaveAttribute('aria-sort', 'descending');
});
