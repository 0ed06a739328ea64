/**
 * Quality scoring on a real hub with an injected clock (decision 0042): forms whose weights give
 * hand-computed totals, weights that do not add up refused naming the sum, new versions when a used
 * form is edited, agents who cannot score and see only their own scores, and the report's averages
 * per agent and per criterion over a period.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from '../../src/server/hub.js';
import { uuidv7 } from '../../src/shared/ids.js';
import { api, closeAll, login, removeTempDirs, startHub, type Loose } from './hub-harness.js';
import { addAgent, customerWrites, type TeamAgent } from './hub-routing-support.js';

let now = Date.parse('2026-03-01T23:00:00Z');
let hub: Hub & { dataDir: string };
let admin: string;
let lead: TeamAgent;
let outsider: TeamAgent;
let anna: TeamAgent;
let boris: TeamAgent;
let annaChat: Loose;
let borisChat: Loose;
let nobodysChat: Loose;
const widgets: Parameters<typeof closeAll>[0][] = [];

const FORM = {
  name: 'Chat quality',
  criteria: [
    { id: 'greet', label: 'Greeted the customer', kind: 'yes_no', weight: 20 },
    { id: 'empathy', label: 'Empathy', kind: 'scale', scaleMax: 5, weight: 30 },
    { id: 'solved', label: 'Solved it', kind: 'scale', scaleMax: 3, weight: 40 },
    { id: 'identity', label: 'Checked identity', kind: 'yes_no', weight: 10, critical: true },
  ],
};

async function chatTakenBy(agent: TeamAgent | null, text: string): Promise<Loose> {
  const written = await customerWrites(hub.url, admin, text, 'Olga');
  widgets.push(written.widget);
  if (agent) {
    const took = await api(hub.url, `/api/v1/threads/${written.thread.id}/take`, {
      method: 'POST',
      token: agent.token,
    });
    expect(took.status, JSON.stringify(took.body)).toBe(200);
  }
  return written.thread;
}

const score = (token: string, threadId: string, formId: string, values: Record<string, number>, comment = '') =>
  api(hub.url, `/api/v1/qa/threads/${threadId}/scores`, {
    token,
    json: {
      id: uuidv7(),
      formId,
      answers: Object.entries(values).map(([criterionId, value]) => ({ criterionId, value })),
      comment,
    },
  });

beforeAll(async () => {
  hub = await startHub({ seedDefaults: true, now: () => now });
  admin = await login(hub.url);
  lead = await addAgent(hub.url, admin, 'lena', 'Lena', 'lead');
  anna = await addAgent(hub.url, admin, 'anna', 'Anna');
  boris = await addAgent(hub.url, admin, 'boris', 'Boris');
  // Lena leads the team's group; Lev leads nobody, so its threads are not in his reach.
  outsider = await addAgent(hub.url, admin, 'lev', 'Lev', 'lead');
  const general = (await api(hub.url, '/api/v1/groups', { token: admin })).body.groups[0];
  const saved = await api(hub.url, `/api/v1/groups/${general.id}`, {
    method: 'PUT',
    token: admin,
    json: { ...general, id: undefined, memberIds: [lead.id, anna.id, boris.id] },
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  annaChat = await chatTakenBy(anna, 'My card does not work');
  borisChat = await chatTakenBy(boris, 'Where is my transfer?');
  nobodysChat = await chatTakenBy(null, 'Hello?');
});
afterAll(async () => {
  closeAll(...widgets);
  await hub?.close();
  removeTempDirs();
});

describe('scoring forms', () => {
  let formId: string;

  it('refuses weights that do not add up to 100, naming the sum, and other bad input by field', async () => {
    const short = await api(hub.url, '/api/v1/qa/forms', {
      token: lead.token,
      json: { ...FORM, criteria: FORM.criteria.slice(0, 3) },
    });
    expect(short.status).toBe(400);
    expect(short.body.error.message).toContain('weights add up to 90; they must add up to 100');
    expect(short.body.error.issues).toContainEqual(expect.objectContaining({ path: 'criteria' }));

    const noTop = await api(hub.url, '/api/v1/qa/forms', {
      token: lead.token,
      json: { name: ' ', criteria: [{ id: 'a', label: 'A', kind: 'scale', weight: 100 }] },
    });
    expect(noTop.status).toBe(400);
    const paths = (noTop.body.error.issues as Loose[]).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'criteria.0.scaleMax']));

    const agentTries = await api(hub.url, '/api/v1/qa/forms', { token: anna.token, json: FORM });
    expect(agentTries.status).toBe(403);
    expect((await api(hub.url, '/api/v1/qa/forms', { token: lead.token })).body.forms).toEqual([]);
  });

  it('saves a form; an unused form is edited in place, a used one gets a new version', async () => {
    const created = await api(hub.url, '/api/v1/qa/forms', { token: lead.token, json: FORM });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    formId = created.body.id;
    expect(created.body).toMatchObject({ name: 'Chat quality', version: 1, retired: false, scores: 0 });
    expect(created.body.criteria[0]).toEqual({
      id: 'greet',
      label: 'Greeted the customer',
      kind: 'yes_no',
      scaleMax: null,
      weight: 20,
      critical: false,
    });
    const renamed = await api(hub.url, `/api/v1/qa/forms/${formId}`, {
      method: 'PUT',
      token: lead.token,
      json: { ...FORM, name: 'Chat quality v1' },
    });
    expect(renamed.body).toMatchObject({ name: 'Chat quality v1', version: 1 });
  });

  it('totals: weighted, scales normalized, a failed critical criterion makes 0 (hand-computed)', async () => {
    // An earlier day, outside the report's period below: 20 + 30·1 + 40·1 + 10 = 100.
    const early = await score(lead.token, annaChat.id, formId, { greet: 1, empathy: 5, solved: 3, identity: 1 });
    expect(early.status, JSON.stringify(early.body)).toBe(200);
    expect(early.body.total).toBe(100);

    now = Date.parse('2026-03-02T00:30:00Z');
    // 20·1 + 30·(4−1)/4 + 40·(2−1)/2 + 10·1 = 20 + 22.5 + 20 + 10 = 72.5
    const first = await score(
      lead.token,
      annaChat.id,
      formId,
      { greet: 1, empathy: 4, solved: 2, identity: 1 },
      'Good',
    );
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ total: 72.5, criticalFailed: false, agentId: anna.id, agentName: 'Anna' });
    expect(first.body.formVersion).toBe(1);
    now += 60_000;
    // 0 + 30 + 40 + 10 = 80
    const second = await score(
      lead.token,
      annaChat.id,
      formId,
      { greet: 0, empathy: 5, solved: 3, identity: 1 },
      'No greeting',
    );
    expect(second.body.total).toBe(80);
    now += 60_000;
    // Identity not checked (critical): 0 whatever else was answered.
    const third = await score(
      lead.token,
      borisChat.id,
      formId,
      { greet: 1, empathy: 1, solved: 1, identity: 0 },
      'ID!',
    );
    expect(third.body).toMatchObject({ total: 0, criticalFailed: true, agentId: boris.id });
    expect(third.body.answers.find((a: Loose) => a.criterionId === 'identity')).toMatchObject({ failedCritical: true });

    const listed = await api(hub.url, `/api/v1/qa/threads/${annaChat.id}/scores`, { token: lead.token });
    expect(listed.body.agent).toEqual({ id: anna.id, name: 'Anna' });
    expect((listed.body.scores as Loose[]).map((s) => s.total)).toEqual([80, 72.5, 100]);
  });

  it('refuses scores from agents, of a thread out of the lead’s reach or with no agent, and bad answers by name', async () => {
    expect(
      (await score(anna.token, borisChat.id, formId, { greet: 1, empathy: 5, solved: 3, identity: 1 })).status,
    ).toBe(403);
    expect((await api(hub.url, `/api/v1/qa/threads/${annaChat.id}/scores`, { token: anna.token })).status).toBe(403);
    const away = await score(outsider.token, annaChat.id, formId, { greet: 1, empathy: 5, solved: 3, identity: 1 });
    expect(away.status).toBe(403);
    expect(away.body.error.message).toContain('not in your reach');
    const nobody = await score(lead.token, nobodysChat.id, formId, { greet: 1, empathy: 5, solved: 3, identity: 1 });
    expect(nobody.status).toBe(400);
    expect(nobody.body.error.message).toContain('no agent');
    expect((await api(hub.url, `/api/v1/qa/threads/${nobodysChat.id}/scores`, { token: lead.token })).body.agent).toBe(
      null,
    );
    const missing = await score(lead.token, annaChat.id, formId, { greet: 1, empathy: 6, solved: 3 });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain('"Empathy" takes 1..5; 6 was given');
    expect(missing.body.error.message).toContain('"Checked identity" is not answered');
  });

  it('a used form edited becomes version 2; old scores keep version 1 and its labels', async () => {
    const edited = await api(hub.url, `/api/v1/qa/forms/${formId}`, {
      method: 'PUT',
      token: lead.token,
      json: { ...FORM, criteria: FORM.criteria.map((c) => (c.id === 'greet' ? { ...c, label: 'Greeting' } : c)) },
    });
    expect(edited.body).toMatchObject({ version: 2, scores: 4 });
    const scores = (await api(hub.url, `/api/v1/qa/threads/${borisChat.id}/scores`, { token: lead.token })).body.scores;
    expect(scores[0].formVersion).toBe(1);
    expect(scores[0].answers[0].label).toBe('Greeted the customer');
    const retired = await api(hub.url, `/api/v1/qa/forms/${formId}/retire`, { token: lead.token, json: {} });
    expect(retired.body.retired).toBe(true);
    const onRetired = await score(lead.token, borisChat.id, formId, { greet: 1, empathy: 5, solved: 3, identity: 1 });
    expect(onRetired.status).toBe(400);
    expect(onRetired.body.error.message).toContain('retired');
    await api(hub.url, `/api/v1/qa/forms/${formId}/retire`, { token: lead.token, json: { retired: false } });
  });

  it('agents see only their own scores, newest first, with the answers and comments', async () => {
    const annas = (await api(hub.url, '/api/v1/qa/my-scores', { token: anna.token })).body.scores as Loose[];
    expect(annas.map((s) => [s.total, s.comment])).toEqual([
      [80, 'No greeting'],
      [72.5, 'Good'],
      [100, ''],
    ]);
    expect(annas.every((s) => s.agentId === anna.id)).toBe(true);
    expect(annas[0].answers.map((a: Loose) => a.value)).toEqual([0, 5, 3, 1]);
    const boriss = (await api(hub.url, '/api/v1/qa/my-scores', { token: boris.token })).body.scores as Loose[];
    expect(boriss.map((s) => s.total)).toEqual([0]);
    expect(
      (await api(hub.url, '/api/v1/qa/report?from=2026-03-02&to=2026-03-02&timeZone=UTC', { token: anna.token }))
        .status,
    ).toBe(403);
  });

  it('the report averages per agent and per criterion over the period only', async () => {
    const report = await api(hub.url, '/api/v1/qa/report?from=2026-03-02&to=2026-03-02&timeZone=UTC', {
      token: lead.token,
    });
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    // (72.5 + 80 + 0) / 3 = 50.83
    expect(report.body).toMatchObject({ scores: 3, averageTotal: 50.83, criticalFailures: 1 });
    expect(report.body.agents).toEqual([
      { agentId: anna.id, agentName: 'Anna', scores: 2, averageTotal: 76.25, criticalFailures: 0 },
      { agentId: boris.id, agentName: 'Boris', scores: 1, averageTotal: 0, criticalFailures: 1 },
    ]);
    const byCriterion = Object.fromEntries(
      (report.body.criteria as Loose[]).map((c) => [
        c.criterionId,
        [c.label, c.answers, c.average, c.criticalFailures],
      ]),
    );
    expect(byCriterion).toEqual({
      greet: ['Greeting', 3, 66.67, 0], // yes, no, yes
      empathy: ['Empathy', 3, 58.33, 0], // 0.75, 1, 0
      solved: ['Solved it', 3, 50, 0], // 0.5, 1, 0
      identity: ['Checked identity', 3, 66.67, 1], // yes, yes, no
    });
    const wide = await api(hub.url, '/api/v1/qa/report?from=2026-03-01&to=2026-03-02&timeZone=UTC', {
      token: lead.token,
    });
    expect(wide.body.scores).toBe(4);
    const backwards = await api(hub.url, '/api/v1/qa/report?from=2026-03-02&to=2026-03-01&timeZone=UTC', {
      token: lead.token,
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.issues[0].path).toBe('to');
  });
});
