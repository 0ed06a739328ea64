/**
 * Quality scoring through the agent core's contract (decision 0042): a lead's core saves a form,
 * edits it and scores an agent's chat, each checked against the contract both ways; the refused
 * weights keep their code and words; the agent's core reads the score and its comment and cannot
 * read the report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from '../../src/server/hub.js';
import { uuidv7 } from '../../src/shared/ids.js';
import { api, closeAll, login, removeTempDirs, startHub, type Loose } from './hub-harness.js';
import { addAgent, customerWrites } from './hub-routing-support.js';
import { startAgent, type TestAgent } from './agent-harness.js';

let hub: Hub & { dataDir: string };
let lead: TestAgent;
let anna: TestAgent;
let chat: Loose;
let widget: Parameters<typeof closeAll>[0];

beforeAll(async () => {
  hub = await startHub({ seedDefaults: true });
  const admin = await login(hub.url);
  const lena = await addAgent(hub.url, admin, 'lena', 'Lena', 'lead');
  const annaAccount = await addAgent(hub.url, admin, 'anna', 'Anna');
  // Lena leads the group Anna works in, so Anna's chat is in her reach.
  const general = (await api(hub.url, '/api/v1/groups', { token: admin })).body.groups[0];
  await api(hub.url, `/api/v1/groups/${general.id}`, {
    method: 'PUT',
    token: admin,
    json: { ...general, id: undefined, memberIds: [lena.id, annaAccount.id] },
  });
  const written = await customerWrites(hub.url, admin, 'I was charged twice', 'Olga');
  chat = written.thread;
  widget = written.widget;
  expect(
    (await api(hub.url, `/api/v1/threads/${chat.id}/take`, { method: 'POST', token: annaAccount.token })).status,
  ).toBe(200);
  lead = await startAgent(hub.url, 'lena', 'password-123');
  anna = await startAgent(hub.url, 'anna', 'password-123');
});
afterAll(async () => {
  closeAll(widget);
  await lead?.close();
  await anna?.close();
  await hub?.close();
  removeTempDirs();
});

async function refusal(work: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await work;
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('expected a refusal');
}

describe('quality scoring through the core', () => {
  it('saves, edits and scores through the contract; the agent reads only their own', async () => {
    const criteria = [
      { id: 'greet', label: 'Greeting', kind: 'yes_no', weight: 40 },
      { id: 'tone', label: 'Tone', kind: 'scale', scaleMax: 3, weight: 60 },
    ];
    const refused = await refusal(
      lead.call('qa.saveForm', { name: 'Chats', criteria: [{ ...criteria[0], weight: 30 }, criteria[1]] }),
    );
    expect(refused.code).toBe('bad_request');
    expect(refused.message).toContain('weights add up to 90');

    const form = await lead.call<Loose>('qa.saveForm', { name: 'Chats', criteria });
    expect(form).toMatchObject({ version: 1, scores: 0 });
    const renamed = await lead.call<Loose>('qa.saveForm', { formId: form.id, name: 'Web chats', criteria });
    expect(renamed).toMatchObject({ id: form.id, name: 'Web chats', version: 1 });
    expect((await lead.call<Loose>('qa.forms')).forms.map((f: Loose) => f.name)).toEqual(['Web chats']);

    const before = await lead.call<Loose>('qa.threadScores', { threadId: chat.id });
    expect(before).toEqual({ agent: { id: expect.any(String), name: 'Anna' }, scores: [] });
    // 40·1 + 60·(2−1)/2 = 70
    const scored = await lead.call<Loose>('qa.score', {
      threadId: chat.id,
      id: uuidv7(),
      formId: form.id,
      answers: [
        { criterionId: 'greet', value: 1 },
        { criterionId: 'tone', value: 2 },
      ],
      comment: 'Warmer, please',
    });
    expect(scored).toMatchObject({ total: 70, agentName: 'Anna', scoredByName: 'Lena', comment: 'Warmer, please' });

    const mine = await anna.call<Loose>('qa.myScores');
    expect(mine.scores.map((s: Loose) => [s.total, s.comment, s.formName])).toEqual([
      [70, 'Warmer, please', 'Web chats'],
    ]);
    expect((await lead.call<Loose>('qa.myScores')).scores).toEqual([]);
    expect(
      (await refusal(anna.call('qa.report', { from: '2026-01-01', to: '2026-01-31', timeZone: 'UTC' }))).code,
    ).toBe('forbidden');
    const retired = await lead.call<Loose>('qa.retireForm', { formId: form.id });
    expect(retired.retired).toBe(true);
  });
});
