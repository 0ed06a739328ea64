/**
 * The web-chat widget's start menu as a lead edits it, on a real hub through the core's
 * team-settings client: a save reads back the same, bad input is refused naming the field (the
 * hub checks, not only the form), and an agent's save is refused by the hub with 403.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from '../../src/server/hub.js';
import { createTeamSettings } from '../../src/main/core/admin/teamSettings.js';
import { api, removeTempDirs } from './hub-harness.js';
import { refusal, startTeamHub, type TeamAgent } from './hub-routing-support.js';

let hub: Hub;
let lead: TeamAgent;
let agent: TeamAgent;

const settingsFor = (token: string) => createTeamSettings({ link: () => ({ hubUrl: hub.url, token }) });
const fees = {
  id: 'fees',
  title: { en: 'Fees', ru: 'Комиссии' },
  answer: { en: 'Transfers to other banks are free up to 100 000.', ru: 'Переводы до 100 000 без комиссии.' },
};
const other = { id: 'other', title: { en: 'Something else', ru: 'Другой вопрос' }, answer: null };

beforeAll(async () => {
  ({ hub, lead, agent } = await startTeamHub());
  // The menu's topics come from the topic tree (decision 0032): "fees" is added there first.
  const added = await api(hub.url, '/api/v1/topics', {
    token: lead.token,
    json: { id: 'fees', parentId: null, name: { en: 'Fees', ru: 'Комиссии' } },
  });
  expect(added.status).toBe(200);
});
afterAll(async () => {
  await hub.close();
  removeTempDirs();
});

describe('widget topics through the core', () => {
  it('starts with the shipped menu, and a lead saves a new one that reads back the same', async () => {
    const lena = settingsFor(lead.token);
    expect((await lena.widgetTopics()).topics.map((t) => t.id)).toEqual(['cards', 'loans', 'access', 'other']);

    const saved = await lena.saveWidgetTopics({ topics: [fees, other] });
    expect(saved.topics).toEqual([fees, other]);
    expect(await lena.widgetTopics()).toEqual({ topics: [fees, other] });
  });

  it('refuses bad input naming the field, and keeps the menu as it was', async () => {
    const lena = settingsFor(lead.token);
    const before = await lena.widgetTopics();

    const blank = await refusal(
      lena.saveWidgetTopics({ topics: [fees, { ...other, title: { en: 'Else', ru: '  ' } }] }),
    );
    expect(blank.code).toBe('bad_request');
    expect(blank.issues?.map((i) => i.path)).toEqual(['topics.1.title.ru']);

    const twice = await refusal(lena.saveWidgetTopics({ topics: [fees, { ...other, id: 'fees' }] }));
    expect(twice.issues).toContainEqual({ path: 'topics.1.id', message: '"fees" is listed twice' });

    const many = await refusal(
      lena.saveWidgetTopics({ topics: Array.from({ length: 13 }, (_, i) => ({ ...other, id: `t${i}` })) }),
    );
    expect(many.issues?.map((i) => i.path)).toEqual(['topics']);

    expect(await lena.widgetTopics()).toEqual(before);
  });

  it('refuses an agent with 403 from the hub itself, and nothing changes', async () => {
    const before = await settingsFor(lead.token).widgetTopics();
    const error = await refusal(settingsFor(agent.token).saveWidgetTopics({ topics: [other] }));
    expect(error.code).toBe('forbidden');
    const raw = await api(hub.url, '/api/v1/widget-topics', {
      method: 'PUT',
      token: agent.token,
      json: { topics: [other] },
    });
    expect(raw.status).toBe(403);
    expect(await settingsFor(lead.token).widgetTopics()).toEqual(before);
  });
});
