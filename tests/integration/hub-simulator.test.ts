/** The traffic simulator against a real hub with a compressed clock: the hub's figures add up to what was driven. */
import { afterEach, describe, expect, it } from 'vitest';
import { simulateTraffic } from '../../src/server/simulator/simulateTraffic.js';
import { ADMIN_PASSWORD, api, login, removeTempDirs, startHub } from './hub-harness.js';

const hubs: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const hub of hubs.splice(0)) await hub.close();
  removeTempDirs();
});

describe('traffic simulator', () => {
  it('drives chats and calls whose outcomes the hub counts', async () => {
    let clock = Date.UTC(2026, 10, 25, 10, 0, 0);
    const hub = await startHub({ now: () => clock, clockMs: 0, seedDefaults: true });
    hubs.push(hub);
    const admin = await login(hub.url, 'admin', ADMIN_PASSWORD);
    const result = await simulateTraffic({
      hubUrl: hub.url,
      adminToken: admin,
      agents: 3,
      contacts: 12,
      now: () => clock,
      advance: (ms) => {
        clock += ms;
      },
      seed: 7,
    });
    expect(result.chats + result.calls).toBe(12);
    const stats = await api(hub.url, '/api/v1/stats?day=2026-11-25', { token: admin });
    expect(stats.body.total).toMatchObject({
      offered: 12,
      answered: result.answered,
      abandoned: result.abandoned,
      waiting: 0,
    });
    const channels = Object.fromEntries(
      stats.body.byChannel.map((r: { key: string; summary: { offered: number } }) => [r.key, r.summary.offered]),
    );
    expect(channels.webchat ?? 0).toBe(result.chats);
    expect(channels.phone ?? 0).toBe(result.calls);
  });
});
