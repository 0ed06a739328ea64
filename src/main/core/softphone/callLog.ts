import { uuidv7 } from '../../../shared/ids.js';
import type { CallNote, CallRecord } from '../../../shared/softphone/callLog.js';
import type { SessionService } from '../session/sessionService.js';
import type { LocalStore } from '../store/localStore.js';
import type { ConnectionTracker } from '../sync/connectionTracker.js';

export interface CallLog {
  /** Queues the finished call for the hub (outbox), which makes it a phone thread. */
  record(call: CallRecord): { queued: true };
  /** Queues notes and topic saved after the call was logged. */
  note(note: CallNote): { queued: true };
}

/**
 * Finished calls go through the outbox like any mutation, so a call taken while the hub is away is
 * still logged when it comes back. The thread appears in the queue when the hub answers.
 */
export function createCallLog(deps: {
  store: LocalStore;
  session: SessionService;
  connection: ConnectionTracker;
  now: () => number;
}): CallLog {
  const { store, session, connection, now } = deps;
  const queue = (mutation: Parameters<LocalStore['outbox']['add']>[0], at: number): { queued: true } => {
    store.outbox.add(mutation, at);
    connection.setPending(store.outbox.countPending());
    session.kickPush();
    return { queued: true };
  };
  return {
    record(call) {
      session.requireAgent();
      const at = now();
      return queue({ ...call, id: uuidv7(at), kind: 'call.log', createdAt: at }, at);
    },
    note(note) {
      session.requireAgent();
      const at = now();
      return queue({ ...note, id: uuidv7(at), kind: 'call.note', createdAt: at }, at);
    },
  };
}
