import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATE_VARIABLES } from '../../src/shared/templates/templateSyntax.js';
import type { Hub } from '../../src/server/hub.js';
import { api, login, removeTempDirs, startHub, type Loose } from './hub-harness.js';
import { addAgent, customerWrites, setStatus, type TeamAgent } from './hub-routing-support.js';

const NOW = Date.parse('2026-03-02T05:05:00Z'); // Monday 08:05 in Moscow, before opening at 09:00
let hub: Hub;
let admin: string;
let anna: TeamAgent;
let boris: TeamAgent;

beforeAll(async () => {
  hub = await startHub({ seedDefaults: true, clockMs: 0, now: () => NOW });
  admin = await login(hub.url);
  anna = await addAgent(hub.url, admin, 'anna', 'Anna Smirnova');
  boris = await addAgent(hub.url, admin, 'boris', 'Boris');
  const config = (await api(hub.url, '/api/v1/routing-config', { token: admin })).body;
  const hours = {
    utcOffsetMinutes: 180,
    week: [[], [[540, 1080]], [[540, 1080]], [[540, 1080]], [[540, 1080]], [[540, 1080]], []],
  };
  await api(hub.url, '/api/v1/routing-config', {
    method: 'PUT',
    token: admin,
    json: { ...config, sla: { ...config.sla, businessHours: hours } },
  });
  // Anna is ready in General but takes no chats, so threads wait and a wait can be estimated.
  const general = (await api(hub.url, '/api/v1/groups', { token: admin })).body.groups.find(
    (g: Loose) => g.name === 'General',
  );
  await api(hub.url, `/api/v1/groups/${general.id}`, {
    method: 'PUT',
    token: admin,
    json: { name: 'General', memberIds: [anna.id] },
  });
  await api(hub.url, `/api/v1/agents/${anna.id}/capacity`, {
    method: 'PUT',
    token: admin,
    json: { perChannel: { webchat: 0 } },
  });
  await setStatus(hub.url, anna, 'ready');
});
afterAll(async () => {
  await hub.close();
  removeTempDirs();
});

async function create(token: string, body: unknown) {
  return api(hub.url, '/api/v1/templates', { token, json: body });
}

async function render(token: string, templateId: string, threadId: string) {
  return (await api(hub.url, `/api/v1/templates/${templateId}/render`, { token, json: { threadId } })).body;
}

describe('the template library on the hub', () => {
  it('starts with the shipped library in Russian and English', async () => {
    const { templates } = (await api(hub.url, '/api/v1/templates', { token: anna.token })).body;
    expect(templates.length).toBeGreaterThanOrEqual(30);
    for (const t of templates as Loose[]) {
      expect(new Set(t.bodies.map((b: Loose) => b.language))).toEqual(new Set(['en', 'ru']));
    }
  });

  it('renders every variable for a thread, and names a variable without a value', async () => {
    const source = TEMPLATE_VARIABLES.map((v) => `${v}=[{${v}}]`).join('\n');
    const made = await create(anna.token, { title: 'All variables', bodies: [{ language: 'en', text: source }] });
    expect(made.status).toBe(201);
    const { thread, widget } = await customerWrites(hub.url, admin, 'Hello, I need help', 'Olga Petrova');
    const rendered = await render(anna.token, made.body.id, thread.id);
    expect(rendered.result).toEqual({
      ok: true,
      text: [
        'customer.name=[Olga Petrova]',
        'customer.firstName=[Olga]',
        'agent.name=[Anna Smirnova]',
        'agent.firstName=[Anna]',
        `thread.number=[${thread.number}]`,
        'thread.channel=[web chat]',
        'date.today=[March 2, 2026]',
        'date.tomorrow=[March 3, 2026]',
        'time.now=[08:05]',
        'hours.opening=[today at 09:00]',
        'queue.waitMinutes=[4]',
      ].join('\n'),
    });

    // Taken by Boris, the thread is no longer waiting in the queue: no wait to quote.
    await api(hub.url, `/api/v1/threads/${thread.id}/take`, { method: 'POST', token: boris.token, json: {} });
    const waiting = await create(boris.token, {
      title: 'Wait',
      bodies: [{ language: 'en', text: 'About {queue.waitMinutes} minutes, {customer.firstName|friend}.' }],
    });
    const missing = await render(boris.token, waiting.body.id, thread.id);
    expect(missing.result.ok).toBe(false);
    expect(missing.result.missing).toEqual(['queue.waitMinutes']);
    expect(missing.result.problems[0].reason).toBe('no value for {queue.waitMinutes}');
    widget.socket.terminate();
  });

  it('refuses a template with an unknown variable or a stray brace, naming line and column', async () => {
    const bad = await create(anna.token, {
      title: 'Bad',
      bodies: [{ language: 'en', text: 'Hello {customer.firstName}\nYour balance is {account.balance}' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/line 2, column 17: unknown variable "\{account\.balance\}"/);
    const stray = await create(anna.token, { title: 'Bad', bodies: [{ language: 'ru', text: 'Цена 5} руб' }] });
    expect(stray.body.error.message).toMatch(/line 1, column 7: a "\}" without its "\{"/);
  });

  it('keeps personal templates to their owner and the shared library to leads', async () => {
    const mine = await create(anna.token, { title: 'Mine', bodies: [{ language: 'en', text: 'Anna here' }] });
    expect(mine.body).toMatchObject({ scope: 'personal', ownerId: anna.id });
    const borisSees = (await api(hub.url, '/api/v1/templates', { token: boris.token })).body.templates.map(
      (t: Loose) => t.id,
    );
    expect(borisSees).not.toContain(mine.body.id);
    expect(
      (await api(hub.url, `/api/v1/templates/${mine.body.id}`, { method: 'DELETE', token: boris.token })).status,
    ).toBe(404);
    const shared = await create(anna.token, {
      scope: 'shared',
      title: 'Shared',
      bodies: [{ language: 'en', text: 'x' }],
    });
    expect(shared.status).toBe(403);
    const cardBlocked = (await api(hub.url, '/api/v1/templates', { token: anna.token })).body.templates.find(
      (t: Loose) => t.title === 'Card blocked',
    );
    const edit = await api(hub.url, `/api/v1/templates/${cardBlocked.id}`, {
      method: 'PUT',
      token: anna.token,
      json: cardBlocked,
    });
    expect(edit.status).toBe(403);
  });

  it('suggests templates for the last customer message and learns from what agents choose', async () => {
    const { thread, widget } = await customerWrites(hub.url, admin, 'Здравствуйте, у меня заблокировали карту');
    const suggested = (await api(hub.url, `/api/v1/templates/suggest?threadId=${thread.id}`, { token: anna.token }))
      .body;
    expect(suggested.suggestions[0].template.title).toBe('Card blocked');
    expect(suggested.suggestions).toHaveLength(3);

    // "Не приходит код" has no template of its own words; agents keep answering it with Password reset.
    const sms = await customerWrites(hub.url, admin, 'не могу войти, приложение просит код');
    const before = (await api(hub.url, `/api/v1/templates/suggest?threadId=${sms.thread.id}`, { token: anna.token }))
      .body;
    const reset = (await api(hub.url, '/api/v1/templates', { token: anna.token })).body.templates.find(
      (t: Loose) => t.title === 'Password reset',
    );
    for (let i = 0; i < 3; i++) {
      const chosen = await api(hub.url, `/api/v1/templates/${reset.id}/chosen`, {
        token: anna.token,
        json: { threadId: sms.thread.id },
      });
      expect(chosen.body.recorded).toBe(true);
    }
    const after = (await api(hub.url, `/api/v1/templates/suggest?threadId=${sms.thread.id}`, { token: anna.token }))
      .body;
    expect(after.suggestions[0].template.id).toBe(reset.id);
    expect(after.suggestions[0].learned).toBeGreaterThan(0);
    expect(before.suggestions[0]?.learned ?? 0).toBe(0);
    widget.socket.terminate();
    sms.widget.socket.terminate();
  });

  it('exports the shared library as JSON and CSV and imports it back', async () => {
    const json = (await api(hub.url, '/api/v1/templates/export?format=json', { token: anna.token })).body;
    const csv = await fetch(`${hub.url}/api/v1/templates/export?format=csv`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const csvText = await csv.text();
    expect(csvText.split('\r\n')[0]).toBe('folder,title,tags,hotkey,language,channel,text');

    const asJson = await api(hub.url, '/api/v1/templates/import', {
      token: admin,
      json: { format: 'json', source: JSON.stringify(json), replace: true },
    });
    expect(asJson.body.imported).toBe(json.templates.length);
    const asCsv = await api(hub.url, '/api/v1/templates/import', {
      token: admin,
      json: { format: 'csv', source: csvText, replace: true },
    });
    expect(asCsv.body.imported).toBe(json.templates.length);
    const again = (await api(hub.url, '/api/v1/templates/export?format=json', { token: anna.token })).body;
    expect(again).toEqual(json);

    const broken = await api(hub.url, '/api/v1/templates/import', {
      token: admin,
      json: { format: 'csv', source: 'folder,title,tags,hotkey,language,channel,text\nA,B,,,en,,ok\nA,C,,,xx,,bad\n' },
    });
    expect(broken.status).toBe(400);
    expect(broken.body.error.message).toMatch(/^line 3: bodies\.0\.language/);
    const brokenJson = await api(hub.url, '/api/v1/templates/import', {
      token: admin,
      json: { format: 'json', source: '{\n"templates": [,]\n}' },
    });
    expect(brokenJson.body.error.message).toBe('line 2: expected a value, found ","');
    expect(
      (await api(hub.url, '/api/v1/templates/import', { token: anna.token, json: { format: 'json', source: '{}' } }))
        .status,
    ).toBe(403);
  });
});
