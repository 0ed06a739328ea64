/**
 * Team settings on a real hub, through the core's own clients (the path the app takes): only
 * leads and admins manage the team, groups, rules and the shared library (an agent's token gets
 * 403 from the hub itself); a rule or template with a syntax error comes back with the field,
 * line and reason; the shared library survives an export and import as JSON and as CSV.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from '../../src/server/hub.js';
import { createTeamSettings } from '../../src/main/core/admin/teamSettings.js';
import { createTemplateLibrary } from '../../src/main/core/templates/templateLibrary.js';
import { api, removeTempDirs } from './hub-harness.js';
import { refusal, startTeamHub, type TeamAgent } from './hub-routing-support.js';

let hub: Hub;
let lead: TeamAgent;
let agent: TeamAgent;

const clients = (token: string) => {
  const link = () => ({ hubUrl: hub.url, token });
  return { team: createTeamSettings({ link }), library: createTemplateLibrary({ link }) };
};

beforeAll(async () => {
  ({ hub, lead, agent } = await startTeamHub());
});
afterAll(async () => {
  await hub.close();
  removeTempDirs();
});

describe('roles are enforced by the hub', () => {
  it('refuses every team-settings change and the team list to an agent with 403', async () => {
    const groupId = (await clients(lead.token).team.groups()).groups[0]!.id;
    const templateId = (await api(hub.url, '/api/v1/templates', { token: lead.token })).body.templates.find(
      (t: { scope: string }) => t.scope === 'shared',
    ).id;
    const calls: [string, string, unknown?][] = [
      ['GET', '/api/v1/team'],
      ['POST', '/api/v1/groups', { name: 'Cards' }],
      ['PUT', `/api/v1/groups/${groupId}`, { name: 'Renamed' }],
      ['DELETE', `/api/v1/groups/${groupId}`],
      ['PUT', `/api/v1/agents/${agent.id}/capacity`, { perChannel: { webchat: 9 } }],
      ['PUT', '/api/v1/auto-replies', { rules: [] }],
      ['POST', '/api/v1/templates', { title: 'Mine?', scope: 'shared', bodies: [{ language: 'en', text: 'Hi' }] }],
      ['PUT', `/api/v1/templates/${templateId}`, { title: 'Changed', bodies: [{ language: 'en', text: 'Hi' }] }],
      ['DELETE', `/api/v1/templates/${templateId}`],
      ['POST', '/api/v1/templates/import', { format: 'json', source: '{"templates": []}' }],
    ];
    for (const [method, route, json] of calls) {
      const reply = await api(hub.url, route, { method, token: agent.token, json });
      expect({ method, route, status: reply.status, code: reply.body.error?.code }).toEqual({
        method,
        route,
        status: 403,
        code: 'forbidden',
      });
    }
    // Nothing changed meanwhile.
    expect((await clients(lead.token).team.groups()).groups.map((g) => g.name)).not.toContain('Renamed');
    expect((await refusal(clients(agent.token).team.team())).code).toBe('forbidden');
  });

  it('lets a lead list the team with capacity and change an agent’s capacity', async () => {
    const { team } = clients(lead.token);
    const before = (await team.team()).agents.find((a) => a.id === agent.id)!;
    expect(before).toMatchObject({ login: 'anna', role: 'agent', capacity: { callPausesText: true } });
    await team.setCapacity({
      agentId: agent.id,
      capacity: { perChannel: { phone: 1, webchat: 4 }, callPausesText: false },
    });
    const after = (await team.team()).agents.find((a) => a.id === agent.id)!;
    expect(after.capacity).toEqual({ perChannel: { phone: 1, webchat: 4 }, callPausesText: false });
  });
});

describe('groups', () => {
  it('creates, edits and deletes groups; an escalation to a deleted group is cleared', async () => {
    const { team } = clients(lead.token);
    const second = await team.saveGroup({
      name: 'Second line',
      skills: { topics: [], languages: [], channels: [] },
      escalationGroupId: null,
      memberIds: [lead.id],
    });
    const cards = await team.saveGroup({
      name: 'Cards',
      skills: { topics: ['cards'], languages: ['ru'], channels: ['webchat', 'telegram'] },
      escalationGroupId: second.id,
      memberIds: [agent.id],
    });
    const edited = await team.saveGroup({ ...cards, name: 'Cards & loans', id: cards.id });
    expect(edited).toMatchObject({ id: cards.id, name: 'Cards & loans', escalationGroupId: second.id });

    expect(await team.deleteGroup(second.id)).toEqual({ deleted: second.id });
    const groups = (await team.groups()).groups;
    expect(groups.some((g) => g.id === second.id)).toBe(false);
    expect(groups.find((g) => g.id === cards.id)).toMatchObject({ escalationGroupId: null, memberIds: [agent.id] });
    expect((await refusal(team.deleteGroup(second.id))).code).toBe('not_found');
  });

  it('names a duplicate group name and an unknown member', async () => {
    const { team } = clients(lead.token);
    const duplicate = await refusal(
      team.saveGroup({
        name: 'Cards & loans',
        skills: { topics: [], languages: [], channels: [] },
        escalationGroupId: null,
        memberIds: [],
      }),
    );
    expect(duplicate.code).toBe('conflict');
    const stranger = await refusal(
      team.saveGroup({
        name: 'Ghosts',
        skills: { topics: [], languages: [], channels: [] },
        escalationGroupId: null,
        memberIds: ['01890000-0000-7000-8000-000000000000'],
      }),
    );
    expect(stranger.message).toMatch(/member 01890000-0000-7000-8000-000000000000 is not an agent/);
  });
});

describe('syntax errors come back with the field, the line and the reason', () => {
  it('refuses an auto-reply rule whose text has an unknown variable on line 2, keeping the old rules', async () => {
    const { team } = clients(lead.token);
    const { rules } = await team.autoReplies();
    const broken = rules.map((rule, index) =>
      index === 1 ? { ...rule, texts: { ...rule.texts, en: 'Hello!\nYour number is {thread.numbr}.' } } : rule,
    );
    const error = await refusal(team.saveAutoReplies({ rules: broken }));
    expect(error.code).toBe('bad_request');
    expect(error.issues).toEqual([
      {
        path: 'rules.1.texts.en',
        message: expect.stringMatching(/^line 2, column 16: unknown variable "\{thread\.numbr\}"; known: /),
      },
    ]);
    expect((await team.autoReplies()).rules).toEqual(rules);
  });

  it('saves an edited rule under its id, so its once-per-thread guard still holds', async () => {
    const { team } = clients(lead.token);
    const { rules } = await team.autoReplies();
    const first = rules[0]!;
    const saved = await team.saveAutoReplies({
      rules: rules.map((r) =>
        r.id === first.id ? { ...r, enabled: false, texts: { en: 'Hi {customer.firstName|there}' } } : r,
      ),
    });
    expect(saved.rules.find((r) => r.id === first.id)).toMatchObject({
      enabled: false,
      texts: { en: 'Hi {customer.firstName|there}' },
    });
  });

  it('refuses a template text with a stray brace, naming the text and its line', async () => {
    const { library } = clients(lead.token);
    const error = await refusal(
      library.save({
        scope: 'shared',
        folder: 'Cards',
        title: 'Broken',
        tags: [],
        hotkey: null,
        bodies: [
          { language: 'en', channel: null, text: 'Fine' },
          { language: 'ru', channel: 'email', text: 'Здравствуйте!\n\nВаш номер {thread.number.\nСпасибо' },
        ],
      }),
    );
    expect(error.issues).toEqual([
      { path: 'bodies.1.text', message: expect.stringMatching(/^line 3, column 11: a "\{" is not closed on its line/) },
    ]);
  });
});

describe('the shared library as a file', () => {
  it('round-trips through JSON and through CSV, with per-channel variants, tags and hotkeys', async () => {
    const { library } = clients(lead.token);
    await library.save({
      scope: 'shared',
      folder: 'Cards',
      title: 'Card, "blocked"',
      tags: ['cards', 'block'],
      hotkey: 'Alt+9',
      bodies: [
        { language: 'en', channel: null, text: 'Your card is blocked, {customer.firstName|there}.' },
        { language: 'en', channel: 'email', text: 'Dear {customer.name},\n\nyour card is blocked.\n\n{agent.name}' },
        { language: 'ru', channel: 'telegram', text: 'Карта заблокирована; {{не}} волнуйтесь.' },
      ],
    });
    const json = await library.exportLibrary('json');
    const csv = await library.exportLibrary('csv');
    expect(csv.content.split('\r\n')[0]).toBe('folder,title,tags,hotkey,language,channel,text');
    expect(JSON.parse(json.content).templates.some((t: { title: string }) => t.title === 'Card, "blocked"')).toBe(true);

    const count = JSON.parse(json.content).templates.length;
    expect(await library.importLibrary({ format: 'csv', source: csv.content, replace: true })).toEqual({
      imported: count,
    });
    expect(JSON.parse((await library.exportLibrary('json')).content)).toEqual(JSON.parse(json.content));
    expect(await library.importLibrary({ format: 'json', source: json.content, replace: true })).toEqual({
      imported: count,
    });
    expect((await library.exportLibrary('csv')).content).toBe(csv.content);
  });

  it('refuses a broken file with its line, and an agent’s import with 403, keeping the library', async () => {
    const lib = clients(lead.token).library;
    const before = (await lib.exportLibrary('json')).content;
    const csvError = await refusal(
      lib.importLibrary({
        format: 'csv',
        source: 'folder,title,tags,hotkey,language,channel,text\n,"A,,,en,,x\n',
        replace: true,
      }),
    );
    expect(csvError.code).toBe('bad_request');
    expect(csvError.issues?.[0]?.path).toMatch(/^line \d+$/);
    const jsonError = await refusal(
      lib.importLibrary({ format: 'json', source: '{\n  "templates": [\n    {,\n]}', replace: true }),
    );
    expect(jsonError.message).toMatch(/line 3: expected a property name in quotes, found ","$/);
    expect(
      (
        await refusal(
          clients(agent.token).library.importLibrary({ format: 'json', source: '{"templates":[]}', replace: true }),
        )
      ).code,
    ).toBe('forbidden');
    expect((await lib.exportLibrary('json')).content).toBe(before);
  });
});

describe('personal templates', () => {
  it('lets an agent keep their own templates, invisible to others', async () => {
    const mine = clients(agent.token).library;
    const created = await mine.save({
      scope: 'personal',
      folder: '',
      title: 'My sign-off',
      tags: [],
      hotkey: null,
      bodies: [{ language: 'en', channel: null, text: 'Best, {agent.firstName}' }],
    });
    expect(created).toMatchObject({ scope: 'personal', ownerId: agent.id });
    const edited = await mine.save({ ...created, title: 'My sign-off (short)', id: created.id, scope: 'personal' });
    expect(edited.title).toBe('My sign-off (short)');
    const leadSees = (await api(hub.url, '/api/v1/templates', { token: lead.token })).body.templates;
    expect(leadSees.some((t: { id: string }) => t.id === created.id)).toBe(false);
    expect((await refusal(clients(lead.token).library.remove(created.id))).code).toBe('not_found');
    expect(await mine.remove(created.id)).toEqual({ deleted: created.id });
  });
});
