/**
 * A group's members changed: the open threads whose reach that moves are recorded again (same
 * state, new seq), so the agents who joined receive them and the ones who left get revocations —
 * the log holds no membership, only entity changes (decision 0031). Closed threads are left as they
 * are: a member who left keeps a closed thread of the group until it changes or retention drops it.
 */
import type { Group } from '../../shared/routing/chooseAgent.js';
import type { HubStore } from '../storage/hubStore.js';
import type { Tx } from '../storage/writer.js';
import { createReachRepo, type ReachRepo } from './reachRepo.js';

export function recordMembershipChange(
  tx: Tx,
  store: HubStore,
  before: Pick<Group, 'id' | 'memberIds'> | null,
  after: Pick<Group, 'id' | 'memberIds'>,
  repo: ReachRepo = createReachRepo(store.db),
): number {
  const was = new Set(before?.memberIds ?? []);
  const now = new Set(after.memberIds);
  const changed = [...new Set([...was, ...now])].filter((id) => was.has(id) !== now.has(id));
  if (changed.length === 0) return 0;
  let recorded = 0;
  for (const id of repo.openThreadsOf(after.id, changed)) {
    const thread = store.threads.byId(id);
    if (!thread) continue;
    store.threads.save(tx, thread);
    recorded += 1;
  }
  return recorded;
}
