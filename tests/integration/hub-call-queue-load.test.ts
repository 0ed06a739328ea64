/**
 * The call queue under load, on real parts: SIPp places 20 calls at once from the trunk into one line
 * with no menu (plain RTP after the answer), four agents' SIPp phones answer and echo the audio. The
 * hub's own history (its SQLite file, read-only) must show every call as a thread from arrival, offers
 * in deadline order, never two calls on one agent nor one call with two agents, every call answered
 * exactly once and ended. The full size (≥ 50 calls, 10 agents) is `npm run load:calls`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditQueue,
  callLoadMissing,
  placeCalls,
  readHubCallLog,
  startQueueTeam,
  type QueueTeam,
} from '../support/callLoad.js';
import { removeTempDirs } from './hub-harness.js';

const missing = callLoadMissing();
const CALLS = 20;
const AGENTS = 4;

describe.skipIf(missing !== null)(`the call queue under load${missing ? ` (${missing})` : ''}`, () => {
  let team: QueueTeam;

  beforeAll(async () => {
    team = await startQueueTeam({ agents: AGENTS, offerSeconds: 5, ringMs: 100 });
  }, 60_000);

  afterAll(async () => {
    await team?.stop();
    removeTempDirs();
  });

  it(`answers ${CALLS} concurrent callers with ${AGENTS} agents: each once, in deadline order, none lost`, async () => {
    const run = await placeCalls(team.pbx, {
      number: team.line,
      calls: CALLS,
      rate: 100,
      holdMs: 1_500,
      waitMs: 60_000,
    });
    expect(run.counts, run.stderr).toEqual({ successful: CALLS, failed: 0, created: CALLS });

    const log = readHubCallLog(team.hub.dataDir);
    const audit = auditQueue(log);
    expect(audit.problems).toEqual([]);
    expect(audit).toMatchObject({ threads: CALLS, answered: CALLS, missedOffers: 0 });
    expect(log.calls).toHaveLength(CALLS);
    // The queue really queued: more callers waited at once than there were agents to take them.
    expect(audit.maxWaiting).toBeGreaterThan(AGENTS);

    // The phones took every call once between them.
    const taken = (await Promise.all(team.phones.map((phone) => phone.stop()))).map((c) => c.successful);
    expect(taken.reduce((a, b) => a + b, 0)).toBe(CALLS);
    expect(taken.every((n) => n > 0)).toBe(true);
  }, 90_000);
});
