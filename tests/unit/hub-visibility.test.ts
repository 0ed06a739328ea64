import { describe, expect, it } from 'vitest';
import { canSeeThread, viewerOf, type GroupMembers } from '../../src/server/sync/visibility.js';

const groups: GroupMembers[] = [
  { id: 'g-cards', memberIds: ['ann', 'lena', 'bob'] },
  { id: 'g-loans', memberIds: ['carl', 'lena'] },
  { id: 'g-vip', memberIds: ['dora'] },
];
const ann = viewerOf({ id: 'ann', role: 'agent' }, groups);
const carl = viewerOf({ id: 'carl', role: 'agent' }, groups);
const lena = viewerOf({ id: 'lena', role: 'lead' }, groups);
const root = viewerOf({ id: 'root', role: 'admin' }, []);
const loner = viewerOf({ id: 'eve', role: 'agent' }, groups);

describe('canSeeThread', () => {
  it('an agent sees their own threads, whichever group they came through', () => {
    expect(canSeeThread(ann, { assigneeId: 'ann', groupId: 'g-vip' })).toBe(true);
    expect(canSeeThread(ann, { assigneeId: 'ann', groupId: null })).toBe(true);
  });

  it("an agent sees their groups' queue and the unrouted queue, not other groups' queue", () => {
    expect(canSeeThread(ann, { assigneeId: null, groupId: 'g-cards' })).toBe(true);
    expect(canSeeThread(ann, { assigneeId: null, groupId: null })).toBe(true);
    expect(canSeeThread(ann, { assigneeId: null })).toBe(true);
    expect(canSeeThread(ann, { assigneeId: null, groupId: 'g-loans' })).toBe(false);
    expect(canSeeThread(loner, { assigneeId: null, groupId: 'g-cards' })).toBe(false);
  });

  it("an agent does not see a colleague's thread, even in their own group", () => {
    expect(canSeeThread(ann, { assigneeId: 'bob', groupId: 'g-cards' })).toBe(false);
    expect(canSeeThread(carl, { assigneeId: 'ann', groupId: 'g-cards' })).toBe(false);
  });

  it("a lead sees every thread of their teams: their groups' threads and their members' threads", () => {
    expect(canSeeThread(lena, { assigneeId: 'bob', groupId: 'g-cards' })).toBe(true);
    expect(canSeeThread(lena, { assigneeId: 'carl', groupId: null })).toBe(true);
    expect(canSeeThread(lena, { assigneeId: 'dora', groupId: 'g-loans' })).toBe(true);
    expect(canSeeThread(lena, { assigneeId: null, groupId: 'g-loans' })).toBe(true);
    expect(canSeeThread(lena, { assigneeId: 'dora', groupId: 'g-vip' })).toBe(false);
    expect(canSeeThread(lena, { assigneeId: null, groupId: 'g-vip' })).toBe(false);
  });

  it('an admin sees everything, in no group at all', () => {
    expect(canSeeThread(root, { assigneeId: 'dora', groupId: 'g-vip' })).toBe(true);
    expect(canSeeThread(root, { assigneeId: null, groupId: 'g-loans' })).toBe(true);
  });

  it('an agent who is in no group still sees their own threads and the unrouted queue only', () => {
    expect(canSeeThread(loner, { assigneeId: 'eve', groupId: 'g-vip' })).toBe(true);
    expect(canSeeThread(loner, { assigneeId: null, groupId: null })).toBe(true);
    expect(canSeeThread(loner, { assigneeId: 'ann', groupId: null })).toBe(false);
  });
});

describe('viewerOf', () => {
  it("takes the agent's groups and every member of them as the team", () => {
    expect([...lena.groupIds].sort()).toEqual(['g-cards', 'g-loans']);
    expect([...lena.teamIds].sort()).toEqual(['ann', 'bob', 'carl', 'lena']);
    expect([...loner.groupIds]).toEqual([]);
    expect([...loner.teamIds]).toEqual(['eve']);
  });
});
