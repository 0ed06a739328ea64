import { describe, expect, it } from 'vitest';
import {
  AgentStatusSettings,
  DEFAULT_AGENT_STATUS_SETTINGS,
  afterCallWorkExpired,
  afterCallWorkSecondsLeft,
  nextStatus,
  releasesThreads,
  takesNewWork,
  type StatusState,
} from '../../src/shared/agentStatus/statusMachine.js';

const T0 = Date.parse('2026-03-29T00:59:50Z');
const READY: StatusState = { status: 'ready', statusReason: null, acwUntil: null };
const settings = DEFAULT_AGENT_STATUS_SETTINGS;

describe('agent status machine', () => {
  it('ships five reasons and 30 s of after-call work by default', () => {
    expect(settings).toEqual({
      notReadyReasons: ['break', 'lunch', 'training', 'meeting', 'other'],
      afterCallWorkSeconds: 30,
    });
  });

  it('goes not ready only with a reason from the list, naming the list when the reason is unknown', () => {
    expect(nextStatus(READY, { status: 'not_ready', reason: 'lunch' }, settings, T0)).toEqual({
      status: 'not_ready',
      statusReason: 'lunch',
      acwUntil: null,
    });
    expect(() => nextStatus(READY, { status: 'not_ready', reason: 'nap' }, settings, T0)).toThrow(
      'not-ready reason "nap" is not one of break, lunch, training, meeting, other',
    );
    const custom = AgentStatusSettings.parse({ notReadyReasons: ['coaching'] });
    expect(nextStatus(READY, { status: 'not_ready', reason: 'coaching' }, custom, T0).statusReason).toBe('coaching');
  });

  it('rejects a malformed reason list in the settings', () => {
    expect(AgentStatusSettings.safeParse({ notReadyReasons: [] }).success).toBe(false);
    expect(AgentStatusSettings.safeParse({ notReadyReasons: ['Lunch Break'] }).success).toBe(false);
    expect(AgentStatusSettings.safeParse({ afterCallWorkSeconds: -1 }).success).toBe(false);
  });

  it("starts after-call work at a call's end for the configured length, and restarts it on the next call", () => {
    const acw = nextStatus(READY, { status: 'after_call_work' }, settings, T0);
    expect(acw).toEqual({ status: 'after_call_work', statusReason: null, acwUntil: T0 + 30_000 });
    const again = nextStatus(acw, { status: 'after_call_work' }, settings, T0 + 10_000);
    expect(again.acwUntil).toBe(T0 + 40_000);
  });

  it('leaves an agent who chose not ready or away during the call as they are', () => {
    const lunch: StatusState = { status: 'not_ready', statusReason: 'lunch', acwUntil: null };
    expect(nextStatus(lunch, { status: 'after_call_work' }, settings, T0)).toBe(lunch);
    const away: StatusState = { status: 'away', statusReason: null, acwUntil: null };
    expect(nextStatus(away, { status: 'after_call_work' }, settings, T0)).toBe(away);
  });

  it('with after-call work set to 0, a call end leaves the agent ready', () => {
    const off = AgentStatusSettings.parse({ afterCallWorkSeconds: 0 });
    expect(nextStatus(READY, { status: 'after_call_work' }, off, T0)).toEqual(READY);
  });

  it('counts down with injected time and expires exactly at the end, not before', () => {
    const acw = nextStatus(READY, { status: 'after_call_work' }, settings, T0);
    expect(afterCallWorkSecondsLeft(acw, T0)).toBe(30);
    expect(afterCallWorkSecondsLeft(acw, T0 + 29_001)).toBe(1);
    expect(afterCallWorkExpired(acw, T0 + 29_999)).toBe(false);
    expect(afterCallWorkExpired(acw, T0 + 30_000)).toBe(true);
    expect(afterCallWorkSecondsLeft(acw, T0 + 45_000)).toBe(0);
    // Ending it early is simply asking for ready: nothing is left to expire.
    const early = nextStatus(acw, { status: 'ready' }, settings, T0 + 5_000);
    expect(early).toEqual(READY);
    expect(afterCallWorkExpired(early, T0 + 30_000)).toBe(false);
  });

  it('gives new work only to ready agents; away and offline give up their threads', () => {
    expect(
      (['ready', 'not_ready', 'after_call_work', 'away', 'offline'] as const).map((s) => [
        s,
        takesNewWork(s),
        releasesThreads(s),
      ]),
    ).toEqual([
      ['ready', true, false],
      ['not_ready', false, false],
      ['after_call_work', false, false],
      ['away', false, true],
      ['offline', false, true],
    ]);
  });
});
