import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { SYNC_API } from '../../src/shared/sync.js';
import { uuidv7 } from '../../src/shared/ids.js';
import { addLeadAndAgent, fillSignIn, hubJson, hubLogin } from './support/hubApi.js';
import { startStack, type RunningStack } from './support/startStack.js';

/**
 * Issue 15, stats by topic end to end (decision 0033): the team's topic tree has "Premium cards" with the
 * subtopic "Lost premium card"; an agent's answered call gets "Lost premium card" at wrap-up (through the hub's
 * API, as the app's wrap-up does); the lead opens Stats → Stats by topic and sees the contact under
 * "Lost premium card" and under its parent "Premium cards", in the seasonality table, and in the CSV export.
 */
let stack: RunningStack;

test.beforeAll(async () => {
  stack = await startStack();
  await addLeadAndAgent(stack.hubUrl, stack.admin);
});

test.afterAll(async () => {
  await stack?.stop();
});

test('a lead sees a contact under its topic in the stats', async ({ page }) => {
  const admin = await hubLogin(stack.hubUrl, stack.admin);
  const cards = await hubJson<{ id: string }>(stack.hubUrl, admin, '/api/v1/topics', {
    name: { en: 'Premium cards', ru: 'Премиальные карты' },
  });
  const blocked = await hubJson<{ id: string }>(stack.hubUrl, admin, '/api/v1/topics', {
    parentId: cards.id,
    name: { en: 'Lost premium card', ru: 'Утеряна премиальная карта' },
  });

  // Anna's call: rang a minute ago, answered after 8 s, 40 s of talk (a real phone thread on the hub).
  const anna = await hubLogin(stack.hubUrl, { login: 'anna', password: 'password-123' });
  const startedAt = Date.now() - 60_000;
  const threadId = uuidv7();
  const pushed = await hubJson<{ results: { outcome: string }[] }>(stack.hubUrl, anna, SYNC_API.push, {
    mutations: [
      {
        id: uuidv7(),
        kind: 'call.log',
        threadId,
        messageId: uuidv7(),
        direction: 'inbound',
        remoteUri: 'sip:+15550001@pbx',
        remoteNumber: '+15550001',
        remoteName: null,
        customerId: null,
        endedBy: 'remote',
        endReason: 'bye',
        startedAt,
        answeredAt: startedAt + 8_000,
        endedAt: startedAt + 48_000,
        createdAt: startedAt + 48_000,
      },
    ],
  });
  expect(pushed.results.map((r) => r.outcome)).toEqual(['applied']);
  const set = await fetch(`${stack.hubUrl}/api/v1/threads/${threadId}/topics`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${anna}` },
    body: JSON.stringify({ topicIds: [blocked.id] }),
  });
  expect(set.status).toBe(200);

  await page.goto(stack.agentUrl);
  await fillSignIn(page, 'lena', 'password-123');
  await page.getByRole('button', { name: 'Stats' }).click();
  const report = page.getByRole('region', { name: 'Stats by topic' });
  await expect(report.getByText('A contact with several topics counts under each of them')).toBeVisible();
  const table = report.getByRole('table', { name: 'Figures by topic' });
  // Volume, answered, handle time 48 − 8 = 40 s, service level 100 % (8 s ≤ 20 s).
  const row = (name: RegExp) => table.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });
  await expect(row(/^\s*Lost premium card$/).getByRole('cell')).toHaveText(['1', '1', '40', '100', '0', '0']);
  await expect(row(/^Premium cards$/).getByRole('cell')).toHaveText(['1', '1', '40', '100', '0', '0']);

  // The CSV carries the same row.
  const download = page.waitForEvent('download');
  await report.getByRole('button', { name: 'Export by topic (CSV)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^okno-topics-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile(await file.path(), 'utf8');
  expect(csv.split('\r\n')[0]).toBe(
    'Topic,Volume,Answered,"Avg. handle, s","Service level, %",Abandoned,"Abandon rate, %"',
  );
  expect(csv).toContain('Lost premium card,1,1,40,100,0,0');

  // Seasonality: this month's volume under the topic; the chart is drawn beside the table.
  await report.getByLabel('Show', { exact: true }).selectOption('season');
  await expect(report.getByRole('img', { name: 'Volume per topic over time' })).toBeVisible();
  const season = report.getByRole('table', { name: 'Volume by topic over time' });
  const seasonRow = season
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: /^\s*Lost premium card$/ }) });
  await expect(seasonRow.getByRole('cell').last()).toHaveText('1');

  // Comparison: last week (A) had nothing, this week (B) has the call: +1, no percentage from zero.
  await report.getByLabel('Show', { exact: true }).selectOption('compare');
  const compare = report.getByRole('table', { name: 'Period A against period B by topic' });
  const compareRow = compare
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: /^\s*Lost premium card$/ }) });
  await expect(compareRow.getByRole('cell').nth(0)).toHaveText('0');
  await expect(compareRow.getByRole('cell').nth(1)).toHaveText('1');
  await expect(compareRow.getByRole('cell').nth(2)).toHaveText('+1');
  await expect(compareRow.getByRole('cell').nth(3)).toHaveText('no data');

  // A period that ends before it starts is named, not sent.
  await report.getByLabel('B to', { exact: true }).fill('2020-01-01');
  await expect(report.getByRole('status')).toHaveText('The end date is before the start date.');
});
