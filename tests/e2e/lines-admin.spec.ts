import { expect, test, type Locator, type Page } from '@playwright/test';
import { addLeadAndAgent, fillSignIn, hubLogin, hubJson } from './support/hubApi.js';
import { startStack, type RunningStack } from './support/startStack.js';

/**
 * Calls in the queue, the lead's side, in Chromium through the browser host: in Team settings a
 * lead adds a service line whose voice menu loops; it is refused naming the step (the same
 * menuProblems the hub runs). Fixed, it is saved, and after a reload the line and its menu are
 * still there (the hub holds them). A second line with the same number is refused by the hub under
 * the number. On the Blocklist tab the lead blocks a number with a reason, sees it listed with who
 * added it, and unblocks it. Under "Your recordings" a stereo WAV is refused in the app with the
 * reason; a mono 8 kHz one is uploaded, a menu step plays it (picked by its name), the hub will not
 * delete it while the line plays it, and after a reload the step still shows it.
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

/** A WAV file of a quiet tone: 16-bit PCM at 8 kHz, `seconds` long. */
function wav(seconds: number, channels = 1): Buffer {
  const rate = 8000;
  const frames = Math.round(seconds * rate);
  const data = Buffer.alloc(frames * 2 * channels);
  for (let i = 0; i < frames * channels; i++) data.writeInt16LE(Math.round(800 * Math.sin(i / 6)), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'latin1');
  header.write('fmt ', 12, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(channels, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2 * channels, 28);
  header.writeUInt16LE(2 * channels, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

test('a lead uploads her own recording, a menu step plays it, and a stereo file is refused', async ({ page }) => {
  const lead = await hubLogin(stack.hubUrl, { login: 'lena', password: 'password-123' });
  await page.goto(stack.agentUrl);
  // The app's core keeps the session of the test before (when it ran).
  const login = page.getByLabel('Login');
  await expect(login.or(page.getByRole('list', { name: 'Queue' }))).toBeVisible();
  if (await login.isVisible()) await fillSignIn(page, 'lena', 'password-123');
  const area = await openTab(page, 'Lines');
  const recordings = area.getByRole('region', { name: 'Your recordings' });
  await expect(recordings.getByText('No recordings uploaded yet.')).toBeVisible();

  // A stereo file is refused in the app, before anything is sent.
  const upload = recordings.getByRole('form', { name: 'Upload a recording' });
  const file = upload.getByLabel('Recording file');
  await file.setInputFiles({ name: 'stereo.wav', mimeType: 'audio/wav', buffer: wav(1, 2) });
  await expect(upload.getByRole('alert')).toHaveText('The WAV file has 2 channels; save it as mono.');
  await expect(file).toHaveAttribute('aria-invalid', 'true');
  await expect(upload.getByLabel('Recording name')).toHaveValue('stereo');
  await upload.getByRole('button', { name: 'Upload recording' }).click();
  await expect(upload.getByRole('alert')).toHaveText('The WAV file has 2 channels; save it as mono.');
  expect((await hubJson<{ uploads: unknown[] }>(stack.hubUrl, lead, '/api/v1/lines')).uploads).toEqual([]);

  // Mono 8 kHz: uploaded and listed with its length.
  await file.setInputFiles({ name: 'greeting.wav', mimeType: 'audio/wav', buffer: wav(2) });
  await expect(upload.getByRole('alert')).toHaveCount(0);
  await upload.getByLabel('Recording name').fill('Greeting by Lena');
  await upload.getByRole('button', { name: 'Upload recording' }).click();
  await expect(upload.getByRole('status')).toHaveText('Saved.');
  await expect(upload.getByLabel('Recording name')).toHaveValue('');
  const listed = recordings.getByRole('list', { name: 'Uploaded recordings' }).getByRole('listitem');
  await expect(listed).toHaveCount(1);
  await expect(listed).toContainText('Greeting by Lena');
  await expect(listed).toContainText('2.0 s');
  const { uploads } = await hubJson<{ uploads: { id: string; name: string }[] }>(stack.hubUrl, lead, '/api/v1/lines');
  expect(uploads).toEqual([{ id: expect.stringMatching(/^upload:/), name: 'Greeting by Lena', durationMs: 2000 }]);
  const uploadId = uploads[0]!.id;

  // A line whose menu says the recording, then hangs up.
  await area.getByRole('button', { name: 'New line' }).click();
  const form = area.getByRole('form', { name: 'Service line' });
  await form.getByLabel('Number').fill('+74951230000');
  await form.getByLabel('Name', { exact: true }).fill('Recorded');
  await form.getByRole('button', { name: 'Add a step' }).click();
  const step = form.getByRole('group', { name: 'Step 1' });
  await step.getByLabel('Kind').selectOption('say');
  await step.getByLabel('Prompt').selectOption({ label: 'Greeting by Lena' });
  await form.getByRole('button', { name: 'Save line' }).click();
  await expect(form.getByRole('status')).toHaveText('Saved.');
  const { lines } = await hubJson<{ lines: { name: string; menu: unknown }[] }>(stack.hubUrl, lead, '/api/v1/lines');
  expect(lines.find((line) => line.name === 'Recorded')?.menu).toEqual({
    start: 'step1',
    nodes: { step1: { kind: 'say', prompt: uploadId, next: null } },
  });

  // The line plays it, so the hub will not delete it, and says which line.
  await listed.getByRole('button', { name: 'Delete recording Greeting by Lena' }).click();
  await expect(recordings.getByRole('alert')).toHaveText(
    'The line “Recorded” plays this recording; change its menu first.',
  );
  await expect(listed).toHaveCount(1);

  // After a reload the step still plays the recording, shown by its name.
  await page.reload();
  const again = await openTab(page, 'Lines');
  await again
    .getByRole('navigation', { name: 'Service lines' })
    .getByRole('button', { name: /^Recorded/ })
    .click();
  const prompt = again
    .getByRole('form', { name: 'Service line' })
    .getByRole('group', { name: 'Step 1' })
    .getByLabel('Prompt');
  await expect(prompt).toHaveValue(uploadId);
  await expect(prompt.locator('option:checked')).toHaveText('Greeting by Lena');
});
