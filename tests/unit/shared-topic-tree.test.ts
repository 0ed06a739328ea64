/** The topic tree's pure rules (decision 0032): paths, moves that would make a cycle, pickers, detection, routing and SLA by the tree. */
import { describe, expect, it } from 'vitest';
import {
  descendantsOf,
  isPickable,
  moveProblem,
  pathToRoot,
  slugFor,
  topicLabel,
  treeOrder,
  type Topic,
} from '../../src/shared/topics/topicTree.js';
import { detectionList, detectTopic } from '../../src/shared/routing/detectTopic.js';
import { chooseAgent, eligibleGroups, type Group } from '../../src/shared/routing/chooseAgent.js';
import { DEFAULT_SLA_POLICY, responseTarget } from '../../src/shared/queue/slaPolicy.js';

const topic = (id: string, parentId: string | null, position = 0, over: Partial<Topic> = {}): Topic => ({
  id,
  parentId,
  name: { en: id[0]!.toUpperCase() + id.slice(1), ru: `ru-${id}` },
  keywords: [],
  position,
  retired: false,
  ...over,
});

// cards ─ blocked ─ stolen
//       └ cashback
// loans
const TREE = [
  topic('loans', null, 1),
  topic('cashback', 'cards', 1),
  topic('stolen', 'blocked', 0),
  topic('cards', null, 0),
  topic('blocked', 'cards', 0),
];
const byId = new Map(TREE.map((t) => [t.id, t]));

describe('the topic tree', () => {
  it('walks from a topic to its root and down to its descendants', () => {
    expect(pathToRoot(byId, 'stolen')).toEqual(['stolen', 'blocked', 'cards']);
    expect(pathToRoot(byId, 'loans')).toEqual(['loans']);
    expect(pathToRoot(byId, 'unknown')).toEqual(['unknown']);
    expect(descendantsOf(TREE, 'cards').sort()).toEqual(['blocked', 'cashback', 'stolen']);
    expect(descendantsOf(TREE, 'stolen')).toEqual([]);
  });

  it('stops on a cycle instead of looping forever', () => {
    const broken = new Map([
      ['a', { parentId: 'b' }],
      ['b', { parentId: 'a' }],
    ]);
    expect(pathToRoot(broken, 'a')).toEqual(['a', 'b']);
  });

  it('refuses a move under itself or its own descendant, naming both', () => {
    expect(moveProblem(TREE, 'cards', 'cards')).toBe('topic "Cards" cannot move under itself');
    expect(moveProblem(TREE, 'cards', 'stolen')).toBe(
      'topic "Cards" cannot move under "Stolen": "Stolen" is inside "Cards"',
    );
    expect(moveProblem(TREE, 'blocked', 'stolen')).toBe(
      'topic "Blocked" cannot move under "Stolen": "Stolen" is inside "Blocked"',
    );
    expect(moveProblem(TREE, 'nope', null)).toBe('topic "nope" does not exist');
    expect(moveProblem(TREE, 'cards', 'nope')).toBe('topic "nope" does not exist');
    // Sideways and up are fine.
    expect(moveProblem(TREE, 'stolen', 'loans')).toBeNull();
    expect(moveProblem(TREE, 'stolen', null)).toBeNull();
    expect(moveProblem(TREE, 'loans', 'stolen')).toBeNull();
  });

  it('orders the tree parents first, siblings by position, with depth', () => {
    expect(treeOrder(TREE).map(({ topic: t, depth }) => `${depth}:${t.id}`)).toEqual([
      '0:cards',
      '1:blocked',
      '2:stolen',
      '1:cashback',
      '0:loans',
    ]);
  });

  it('hides a retired topic and its subtopics from pickers, while names still resolve', () => {
    const retired = new Map(TREE.map((t) => [t.id, t.id === 'blocked' ? { ...t, retired: true } : t]));
    expect(isPickable(retired, 'blocked')).toBe(false);
    expect(isPickable(retired, 'stolen')).toBe(false);
    expect(isPickable(retired, 'cashback')).toBe(true);
    expect(isPickable(retired, 'unknown')).toBe(false);
    expect(topicLabel(retired, 'stolen', 'en')).toBe('Cards › Blocked › Stolen');
    expect(topicLabel(retired, 'stolen', 'ru')).toBe('ru-cards › ru-blocked › ru-stolen');
    expect(topicLabel(retired, 'gone', 'en')).toBe('gone');
  });

  it('makes readable unique ids from English names', () => {
    expect(slugFor('Card blocked!', new Set())).toBe('card-blocked');
    expect(slugFor('Card blocked', new Set(['card-blocked', 'card-blocked-2']))).toBe('card-blocked-3');
    expect(slugFor('Карта', new Set())).toBe('topic');
  });
});

describe('routing by the tree', () => {
  it('detects the most specific topic first, skips retired ones, and keeps old flat ids the tree lacks', () => {
    const tree = [
      topic('cards', null, 0, { keywords: ['card', 'карта'] }),
      topic('blocked', 'cards', 0, { keywords: ['blocked', 'заблокирована'] }),
      topic('loans', null, 1, { keywords: ['loan'], retired: true }),
    ];
    const list = detectionList(tree, [
      { id: 'cards', keywords: ['ignored'] },
      { id: 'orders', keywords: ['parcel'] },
    ]);
    expect(list.map((t) => t.id)).toEqual(['blocked', 'cards', 'orders']);
    expect(detectTopic('Моя карта заблокирована', list)).toBe('blocked');
    expect(detectTopic('Card lost', list)).toBe('cards');
    expect(detectTopic('a loan please', list)).toBeNull();
    expect(detectTopic('where is my parcel', list)).toBe('orders');
  });

  const group = (id: string, topics: string[]): Group => ({
    id,
    name: id,
    skills: { topics, languages: [], channels: [] },
    escalationGroupId: null,
    memberIds: [],
  });

  it('lets a group skilled for a topic take its subtopics, the closest skill first', () => {
    const groups = [
      group('any', []),
      group('cards', ['cards']),
      group('blocked', ['blocked']),
      group('loans', ['loans']),
    ];
    const work = (topic: string | null) => ({
      channel: 'webchat' as const,
      language: 'en' as const,
      topic,
      groupId: null,
      topicPath: topic ? pathToRoot(byId, topic) : [],
    });
    expect(eligibleGroups(work('stolen'), groups).map((g) => g.id)).toEqual(['blocked', 'cards', 'any']);
    expect(eligibleGroups(work('cashback'), groups).map((g) => g.id)).toEqual(['cards', 'any']);
    expect(eligibleGroups(work(null), groups).map((g) => g.id)).toEqual(['any']);
    // Without a path (old callers) only the topic itself counts.
    expect(eligibleGroups({ ...work('stolen'), topicPath: undefined }, groups).map((g) => g.id)).toEqual(['any']);
    const candidate = {
      agentId: 'a1',
      name: 'A',
      ready: true,
      groupIds: ['cards'],
      capacity: { perChannel: { webchat: 1 }, callPausesText: true },
      load: {},
      idleSince: 0,
    };
    expect(chooseAgent(work('stolen'), groups, [candidate])).toMatchObject({ agentId: 'a1', groupId: 'cards' });
  });

  it('applies the SLA target of the closest topic on the path', () => {
    const policy = {
      ...DEFAULT_SLA_POLICY,
      topicTargets: { cards: { webchat: 120_000 }, blocked: { email: 5_000 } },
    };
    const path = pathToRoot(byId, 'stolen');
    expect(responseTarget(policy, 'webchat', 'stolen', path)).toBe(120_000);
    expect(responseTarget(policy, 'email', 'stolen', path)).toBe(5_000);
    expect(responseTarget(policy, 'webchat', 'stolen')).toBe(DEFAULT_SLA_POLICY.channelTargets.webchat);
    expect(responseTarget(policy, 'webchat', 'cards')).toBe(120_000);
  });
});
