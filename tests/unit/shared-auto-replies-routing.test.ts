import { describe, expect, it } from 'vitest';
import { AutoReplyRule, parseRulesJson, RuleSyntaxError } from '../../src/shared/autoReplies/autoReplyRule.js';
import { evaluateRules, type ThreadFacts } from '../../src/shared/autoReplies/evaluateRules.js';
import {
  chooseAgent,
  DEFAULT_CAPACITY,
  eligibleGroups,
  estimateWaitMinutes,
  type Candidate,
  type Group,
} from '../../src/shared/routing/chooseAgent.js';

const uuid = (n: number) => `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;

function rule(n: number, trigger: unknown, extra: Record<string, unknown> = {}): AutoReplyRule {
  return AutoReplyRule.parse({
    id: uuid(n),
    name: `r${n}`,
    trigger,
    texts: { en: `en ${n}`, ru: `ru ${n}` },
    ...extra,
  });
}

const rules = [
  rule(1, { kind: 'first_message' }),
  rule(2, { kind: 'no_answer', seconds: 60 }),
  rule(3, { kind: 'wait_above', minutes: 5 }),
  rule(4, { kind: 'outside_hours' }),
  rule(5, { kind: 'thread_closed' }),
  rule(6, { kind: 'agent_away' }),
  rule(7, { kind: 'first_message' }, { channels: ['email'] }),
  rule(8, { kind: 'first_message' }, { topics: ['cards'] }),
];

const base: ThreadFacts = {
  channel: 'webchat',
  topic: null,
  language: 'ru',
  waitingSince: 1000,
  estimatedWaitMinutes: 1,
  open: true,
  fired: new Set(),
};
const ids = (firings: { rule: { id: string } }[]) => firings.map((f) => Number(f.rule.id.slice(-2)));

describe('auto-reply rules', () => {
  it('greets on the first message only, in the thread’s language, honouring channel and topic', () => {
    const first = evaluateRules(rules, { kind: 'customer_message', firstInThread: true }, base, 1000);
    expect(ids(first)).toEqual([1]);
    expect(first[0]!.text).toBe('ru 1');
    expect(ids(evaluateRules(rules, { kind: 'customer_message', firstInThread: false }, base, 1000))).toEqual([]);
    expect(
      ids(evaluateRules(rules, { kind: 'customer_message', firstInThread: true }, { ...base, topic: 'cards' }, 1000)),
    ).toEqual([1, 8]);
  });

  it('greets before telling the wait, whatever order the rules are listed in', () => {
    const busyFirst = [rule(3, { kind: 'wait_above', minutes: 5 }), rule(1, { kind: 'first_message' })];
    const facts = { ...base, estimatedWaitMinutes: 6 };
    const firings = evaluateRules(busyFirst, { kind: 'customer_message', firstInThread: true }, facts, 1000);
    expect(ids(firings)).toEqual([1, 3]);
  });

  it('fires no-answer after N seconds, once', () => {
    expect(ids(evaluateRules(rules, { kind: 'tick' }, base, 60_999))).toEqual([]);
    expect(ids(evaluateRules(rules, { kind: 'tick' }, base, 61_000))).toEqual([2]);
    expect(ids(evaluateRules(rules, { kind: 'tick' }, { ...base, fired: new Set([uuid(2)]) }, 99_000))).toEqual([]);
    expect(ids(evaluateRules(rules, { kind: 'tick' }, { ...base, waitingSince: null }, 99_000))).toEqual([]);
  });

  it('tells the estimated wait when it is above the threshold, only while open', () => {
    expect(ids(evaluateRules(rules, { kind: 'tick' }, { ...base, estimatedWaitMinutes: 6 }, 2000))).toEqual([3]);
    expect(
      ids(evaluateRules(rules, { kind: 'tick' }, { ...base, estimatedWaitMinutes: 6, open: false }, 2000)),
    ).toEqual([]);
  });

  it('answers out of hours instead of greeting', () => {
    const closed = { ...base, open: false, estimatedWaitMinutes: 60 };
    expect(ids(evaluateRules(rules, { kind: 'customer_message', firstInThread: true }, closed, 1000))).toEqual([4]);
  });

  it('fires on closing and on the agent going away', () => {
    expect(ids(evaluateRules(rules, { kind: 'thread_closed' }, base, 1))).toEqual([5]);
    expect(ids(evaluateRules(rules, { kind: 'agent_away' }, base, 1))).toEqual([6]);
  });

  it('falls back to another language and skips disabled rules', () => {
    const enOnly = AutoReplyRule.parse({
      id: uuid(9),
      name: 'x',
      trigger: { kind: 'thread_closed' },
      texts: { en: 'bye' },
    });
    const off = { ...rule(10, { kind: 'thread_closed' }), enabled: false };
    const out = evaluateRules([enOnly, off], { kind: 'thread_closed' }, base, 1);
    expect(out.map((f) => [f.text, f.language])).toEqual([['bye', 'en']]);
  });

  it('refuses a rule file with the line and the reason', () => {
    expect(() => parseRulesJson('[\n  {"name": "x",\n  ]')).toThrow(RuleSyntaxError);
    try {
      parseRulesJson(
        '[\n  {"name": "a", "trigger": {"kind": "first_message"}, "texts": {"en": "hi"}},\n  {"name": "b",\n   "trigger": {"kind": "never"}, "texts": {"en": "x"}}\n]',
      );
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(RuleSyntaxError);
      expect((error as RuleSyntaxError).line).toBe(3);
      expect((error as Error).message).toMatch(/rule 2: trigger/);
    }
    expect(() => parseRulesJson('[{"name":"a","trigger":{"kind":"first_message"},"texts":{"en":"{nope}"}}]')).toThrow(
      /unknown variable/,
    );
    expect(parseRulesJson('[{"name":"a","trigger":{"kind":"first_message"},"texts":{"en":"hi"}}]')).toHaveLength(1);
  });
});

describe('choosing an agent', () => {
  const groups: Group[] = [
    {
      id: uuid(100),
      name: 'Cards RU',
      skills: { topics: ['cards'], languages: ['ru'], channels: [] },
      escalationGroupId: uuid(102),
      memberIds: [],
    },
    {
      id: uuid(101),
      name: 'General',
      skills: { topics: [], languages: [], channels: [] },
      escalationGroupId: null,
      memberIds: [],
    },
    {
      id: uuid(102),
      name: 'Second line',
      skills: { topics: ['__none'], languages: [], channels: [] },
      escalationGroupId: null,
      memberIds: [],
    },
  ];
  const agent = (
    n: number,
    groupIds: string[],
    load: Candidate['load'],
    idleSince: number,
    ready = true,
  ): Candidate => ({
    agentId: uuid(n),
    name: `A${n}`,
    ready,
    groupIds,
    capacity: DEFAULT_CAPACITY,
    load,
    idleSince,
  });
  const work = { channel: 'webchat' as const, language: 'ru' as const, topic: 'cards', groupId: null };

  it('prefers the most specific group, then fewest threads, then longest idle', () => {
    expect(eligibleGroups(work, groups).map((g) => g.name)).toEqual(['Cards RU', 'General']);
    const agents = [
      agent(1, [uuid(101)], {}, 0),
      agent(2, [uuid(100)], { webchat: 2 }, 50),
      agent(3, [uuid(100)], { webchat: 1 }, 90),
      agent(4, [uuid(100)], { webchat: 1 }, 10),
    ];
    const decision = chooseAgent(work, groups, agents);
    expect(decision).toEqual({
      agentId: uuid(4),
      groupId: uuid(100),
      reason: { skill: 'cards, ru', load: 2, capacity: 3 },
    });
  });

  it('respects capacity, pauses text during a call and falls back to a wider group', () => {
    const agents = [
      agent(2, [uuid(100)], { webchat: 3 }, 0),
      agent(3, [uuid(100)], { phone: 1 }, 0),
      agent(1, [uuid(101)], { email: 4 }, 0),
    ];
    expect(chooseAgent(work, groups, agents)).toMatchObject({ agentId: uuid(1), groupId: uuid(101) });
    expect(chooseAgent(work, groups, agents.slice(0, 2))).toEqual({ agentId: null, reason: 'all_at_capacity' });
    expect(chooseAgent(work, groups, [agent(1, [uuid(101)], {}, 0, false)])).toEqual({
      agentId: null,
      reason: 'no_ready_agent',
    });
    expect(chooseAgent(work, [], [])).toEqual({ agentId: null, reason: 'no_group' });
  });

  it('routes a handed-over or escalated thread to its group only', () => {
    const agents = [agent(1, [uuid(101)], {}, 0), agent(5, [uuid(102)], { webchat: 1 }, 0)];
    expect(chooseAgent({ ...work, groupId: uuid(102) }, groups, agents)).toMatchObject({ agentId: uuid(5) });
  });

  it('estimates the wait from the queue', () => {
    expect(estimateWaitMinutes(5, 2, 4)).toBe(12);
    expect(estimateWaitMinutes(0, 0, 4)).toBeNull();
  });
});
