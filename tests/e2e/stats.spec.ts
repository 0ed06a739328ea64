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
  const agentsTable = panel.getByRole('table', { name: 'Agents today' });
  await expect(agentsTable).toBeVisible();
  // "Today" is the hub's day, and the panel says which zone it counts in.
  await expect(panel.getByText(/Today is \d{4}-\d{2}-\d{2} \(UTC\)/)).toBeVisible();
  await expect(panel.getByRole('region', { name: 'Agents by status' })).toContainText('After-call work');

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
  await expect(panel.getByRole('status').filter({ hasText: 'Agents needed now' })).toBeVisible();
  await expect(agentsTable.getByRole('cell', { name: 'Sim agent 1' })).toBeVisible();
  await panel.getByRole('button', { name: 'Sort by Agent' }).click();
  await expect(panel.getByRole('columnheader', { name: 'Sort by Agent' })).toHaveAttribute('aria-sort', 'descending');

  // Any table of a chosen period, exported for that period.
  const period = panel.getByRole('region', { name: 'Figures for a period' });
  await period.getByLabel('Period', { exact: true }).selectOption('last7');
  await period.getByLabel('Table', { exact: true }).selectOption('byChannel');
  const byChannel = period.getByRole('table', { name: 'By channel' });
  await expect(byChannel.getByRole('cell', { name: 'Web chat' })).toBeVisible();
  const download = page.waitForEvent('download');
  await period.getByRole('button', { name: 'Export table (CSV)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^okno-byChannel-\d{4}-\d{2}-\d{2}-7d\.csv$/);
  const csv = await (await import('node:fs/promises')).readFile(await file.path(), 'utf8');
  expect(csv.split('\r\n')[0]).toContain('CSAT (1–5)');
  expect(csv).toContain('Web chat,');
  const xlsx = page.waitForEvent('download');
  await period.getByRole('button', { name: 'Export table (XLSX)' }).click();
  expect((await xlsx).suggestedFilename()).toMatch(/-7d\.xlsx$/);
  // A custom period that ends before it starts is named, not sent.
  await period.getByLabel('Period', { exact: true }).selectOption('custom');
  await period.getByLabel('From', { exact: true }).fill('2026-11-20');
  await period.getByLabel('To', { exact: true }).fill('2026-11-10');
  await expect(period.getByRole('status')).toHaveText('The end date is before the start date.');
});
