/**
 * The lead's status settings (not-ready reasons, after-call-work length) on a real hub, through the
 * core's team-settings client: the change is kept with the rest of the routing settings untouched,
 * an agent sees the new reasons, an agent's own change is refused by the hub with 403, and bad
 * input (a duplicate, no reasons, a length out of range) is refused naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from '../../src/server/hub.js';
import { createTeamSettings } from '../../src/main/core/admin/teamSettings.js';
import { api, removeTempDirs } from './hub-harness.js';
import { refusal, startTeamHub, type TeamAgent } from './hub-routing-support.js';

let hub: Hub;
let admin: string;
let lead: TeamAgent;
let agent: TeamAgent;

const settingsFor = (token: string) => createTeamSettings({ link: () => ({ hubUrl: hub.url, token }) });

beforeAll(async () => {
  ({ hub, admin, lead, agent } = await startTeamHub());
});
afterAll(async () => {
  await hub.close();
  removeTempDirs();
});

describe('status settings through the core', () => {
  it('saves reasons and after-call work for a lead and leaves the other routing settings as they were', async () => {
    const before = (await api(hub.url, '/api/v1/routing-config', { token: lead.token })).body;
    const saved = await settingsFor(lead.token).saveStatusSettings({
      notReadyReasons: ['lunch', 'coaching', 'meeting'],
      afterCallWorkSeconds: 45,
    });
    expect(saved).toEqual({ notReadyReasons: ['lunch', 'coaching', 'meeting'], afterCallWorkSeconds: 45 });

    // An agent reads the same settings the status picker uses.
    const seen = (await api(hub.url, '/api/v1/routing-config', { token: agent.token })).body;
    expect(seen.agentStatus).toEqual(saved);
    expect({ ...seen, agentStatus: undefined }).toEqual({ ...before, agentStatus: undefined });
  });

  it('accepts 0 seconds (after-call work off)', async () => {
    const saved = await settingsFor(admin).saveStatusSettings({ notReadyReasons: ['break'], afterCallWorkSeconds: 0 });
    expect(saved.afterCallWorkSeconds).toBe(0);
  });

  it('refuses an agent with 403 from the hub itself, and nothing changes', async () => {
    const before = (await api(hub.url, '/api/v1/routing-config', { token: agent.token })).body;
    const error = await refusal(
      settingsFor(agent.token).saveStatusSettings({ notReadyReasons: ['nap'], afterCallWorkSeconds: 5 }),
    );
    expect(error.code).toBe('forbidden');
    const raw = await api(hub.url, '/api/v1/routing-config', {
      method: 'PUT',
      token: agent.token,
      json: { ...before, agentStatus: { notReadyReasons: ['nap'], afterCallWorkSeconds: 5 } },
    });
    expect(raw.status).toBe(403);
    expect((await api(hub.url, '/api/v1/routing-config', { token: agent.token })).body).toEqual(before);
  });

  it('refuses bad input with the field named (the hub checks it too, not only the form)', async () => {
    const lena = settingsFor(lead.token);
    const duplicate = await refusal(
      lena.saveStatusSettings({ notReadyReasons: ['lunch', 'break', 'lunch'], afterCallWorkSeconds: 10 }),
    );
    expect(duplicate.code).toBe('bad_request');
    expect(duplicate.issues).toContainEqual({ path: 'notReadyReasons.2', message: '"lunch" is listed twice' });

    const none = await refusal(lena.saveStatusSettings({ notReadyReasons: [], afterCallWorkSeconds: 10 }));
    expect(none.issues?.map((i) => i.path)).toEqual(['notReadyReasons']);

    const tooLong = await refusal(lena.saveStatusSettings({ notReadyReasons: ['lunch'], afterCallWorkSeconds: 3601 }));
    expect(tooLong.issues?.map((i) => i.path)).toEqual(['afterCallWorkSeconds']);

    // Straight to the hub, bypassing the core's client: the same rule holds.
    const before = (await api(hub.url, '/api/v1/routing-config', { token: lead.token })).body;
    const raw = await api(hub.url, '/api/v1/routing-config', {
      method: 'PUT',
      token: lead.token,
      json: { ...before, agentStatus: { notReadyReasons: ['lunch', 'lunch'], afterCallWorkSeconds: 10 } },
    });
    expect(raw.status).toBe(400);
    expect((await api(hub.url, '/api/v1/routing-config', { token: lead.token })).body).toEqual(before);
  });
});
