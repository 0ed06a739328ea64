/**
 * The conflict rules for a reply typed before the agent knew the thread's newest state (typed
 * offline, or while a push waited). docs/sync-protocol.md, "Conflicts":
 * - taken meanwhile: another agent took the thread after the agent saw it → refused with
 *   `thread_taken`; the client keeps the reply as failed (retry sends it on purpose, discard drops it);
 * - closed meanwhile: the reply still goes to the customer, the thread stays closed, and the
 *   result carries a `thread_closed` notice so the agent is told.
 */
import type { Agent, Thread } from '../../shared/domain.js';
import { OknoError } from '../../shared/errors.js';
import type { PushResult, SendMessageMutation } from '../../shared/sync.js';
import type { z } from 'zod';

type Seen = z.infer<typeof SendMessageMutation>['seen'];

export function checkReply(
  thread: Thread | null,
  agent: Agent,
  seen: Seen,
  nameOf: (agentId: string) => string,
): PushResult['notice'] {
  if (!thread) return undefined;
  const taker = thread.assigneeId;
  if (seen && taker !== null && taker !== agent.id && taker !== seen.assigneeId) {
    throw new OknoError(
      'thread_taken',
      `thread #${thread.number} was taken by ${nameOf(taker)} before this reply arrived; it was not sent`,
    );
  }
  if (thread.status === 'closed' && (seen?.status ?? 'open') === 'open') {
    return {
      code: 'thread_closed',
      message: `thread #${thread.number} was closed before this reply arrived; the reply was sent anyway`,
    };
  }
  return undefined;
}
