/**
 * Wrap-up before ready through a real agent core and hub (decision 0032): an agent whose ended call
 * belongs to a wrap-up group asks to be ready; the hub refuses, and the core tells the app which contact
 * needs its topic (a `wrap_up_needed` notice naming it). Once the topic is set, ready lands.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_API } from '../../src/shared/sync.js';
import { uuidv7 } from '../../src/shared/ids.js';
import type { Agent } from '../../src/shared/domain.js';
import { startAgent, waitFor, type TestAgent } from './agent-harness.js';
import { ADMIN_PASSWORD, api, login, removeTempDirs, startHub } from './hub-harness.js';
import { thread } from './hub-routing-support.js';

type Hub = Awaited<ReturnType<typeof startHub>>;

let hub: Hub;
let admin: TestAgent;
let token: string;

beforeAll(async () => {
  process.env.OKNO_TEST_FAST_PASSWORDS = '1';
  hub = await startHub({ seedDefaults: true });
  token = await login(hub.url);
  admin = await startAgent(hub.url, 'admin', ADMIN_PASSWORD);
  const team = (await api(hub.url, '/api/v1/team', { token })).body.agents as { id: string; login: string }[];
  const adminId = team.find((a) => a.login === 'admin')!.id;
  const group = await api(hub.url, '/api/v1/groups', {
    token,
    json: { name: 'Cards desk', skills: { topics: ['cards'] }, memberIds: [adminId], wrapUpRequired: true },
  });
  expect(group.status).toBe(201);
}, 60_000);

afterAll(async () => {
  await admin?.close();
  await hub?.close();
  removeTempDirs();
});

describe('ready after a call of a wrap-up group', () => {
  it('is refused with a notice naming the contact, and lands once the contact has a topic', async () => {
    const threadId = uuidv7();
    const at = Date.now();
    const logged = await api(hub.url, SYNC_API.push, {
      token,
      json: {
        mutations: [
          {
            id: uuidv7(),
            createdAt: at,
            kind: 'call.log',
            threadId,
            messageId: uuidv7(),
            direction: 'inbound',
            remoteUri: 'sip:+15550001@pbx',
            remoteNumber: '+15550001',
            remoteName: null,
            customerId: null,
            startedAt: at - 60_000,
            answeredAt: at - 50_000,
            endedAt: at - 1_000,
            endedBy: 'remote',
            endReason: 'bye',
          },
        ],
      },
    });
    expect(logged.body.results[0].outcome).toBe('applied');
    const number = ((await thread(hub.url, token, threadId)) as { number: number }).number;

    await admin.call('agent.setStatus', { status: 'not_ready', reason: 'break' });
    await admin.call('agent.setStatus', { status: 'ready' });
    const notice = await waitFor('a wrap-up notice', () => admin.notices.find((n) => n.code === 'wrap_up_needed'));
    expect(notice).toEqual({
      code: 'wrap_up_needed',
      threadId,
      threadNumber: number,
      messageId: null,
      detail: `#${number}`,
    });
    const refused = await waitFor('the hub’s status back in the core', async () => {
      const { agent } = await admin.call<{ agent: Agent | null }>('session.get');
      return agent?.status === 'not_ready' ? agent : undefined;
    });
    expect(refused.status).toBe('not_ready');

    await admin.call('topics.setForThread', { threadId, topicIds: ['card-blocked'] });
    await admin.call('agent.setStatus', { status: 'ready' });
    await waitFor('ready on the hub', async () => {
      const team = (await api(hub.url, '/api/v1/team', { token })).body.agents as { login: string; status: string }[];
      return team.find((a) => a.login === 'admin')?.status === 'ready' ? true : undefined;
    });
    expect(admin.notices.filter((n) => n.code === 'wrap_up_needed')).toHaveLength(1);
  });
});
