import { OknoError, toErrorInfo } from '../../../shared/errors.js';
import type { Logger } from '../../../shared/log.js';
import { PUSH_BATCH_MAX, type PushResponse, type PushResult } from '../../../shared/sync.js';
import type { SyncNotice } from '../../../shared/contract.js';
import type { CustomerNotice } from '../../../shared/customers/customerContract.js';
import { customerNoticeFor } from '../customers/customerNotices.js';
import type { AppliedChanges } from '../store/applyChanges.js';
import type { LocalStore } from '../store/localStore.js';
import type { OutboxEntry } from '../store/outboxRepo.js';
import type { Backoff } from './backoff.js';
import { isRetryable, type HubClient, type HubSession } from './hubClient.js';

export interface PusherDeps {
  store: LocalStore;
  client: HubClient;
  session: HubSession;
  backoff: Backoff;
  now: () => number;
  onApplied(applied: AppliedChanges): void;
  /** The outbox changed (rows sent, failed or retried). */
  onOutboxChanged(): void;
  onUnauthorized(error: OknoError): void;
  /** A push failed in a way worth retrying (the hub is away). */
  onRetry(error: OknoError): void;
  /** The hub settled a message differently than it was typed (refused it, or sent it to a closed thread). */
  onNotice?(notice: SyncNotice): void;
  /** The hub settled a customer card change differently than made (a conflict, a refusal). */
  onCustomerNotice?(notice: CustomerNotice): void;
  log: Logger;
}

export interface Pusher {
  /** Push soon; calls while a push runs are folded into one more round. */
  kick(): void;
  /** The link is back: forget the outage's back-off and push now. */
  retryNow(): void;
  stop(): void;
  /** Resolves when the pusher has nothing running (for tests and orderly shutdown). */
  idle(): Promise<void>;
}

/**
 * Sends the outbox to the hub in creation order. Each row leaves the outbox only when the hub
 * has answered for its id (applied or duplicate); a refusal keeps the row as 'failed' with the
 * hub's reason; network and 5xx errors keep everything and retry with back-off.
 */
export function createPusher(deps: PusherDeps): Pusher {
  const { store, client, session, backoff, log } = deps;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let retryTimer: NodeJS.Timeout | null = null;
  /** After a whole batch was refused, send one at a time to find the mutation at fault. */
  let oneByOne = false;

  function failEntry(entry: OutboxEntry, error: string): string | null {
    store.outbox.markFailed(entry.id, error);
    if (entry.mutation?.kind !== 'message.send') return null;
    store.messages.setStatus(entry.mutation.messageId, 'failed');
    return entry.mutation.threadId;
  }

  /** What the agent should be told about a settled message, if anything. */
  function noticeFor(entry: OutboxEntry, result: PushResult): SyncNotice | null {
    const mutation = entry.mutation;
    if (mutation?.kind === 'agent.setStatus') return wrapUpNotice(result);
    if (mutation?.kind !== 'message.send') return null;
    const code =
      result.outcome === 'rejected'
        ? result.error?.code === 'thread_taken'
          ? 'thread_taken'
          : 'rejected'
        : result.notice?.code === 'thread_closed'
          ? 'thread_closed'
          : null;
    if (!code) return null;
    return {
      code,
      threadId: mutation.threadId,
      threadNumber: store.threads.get(mutation.threadId)?.number ?? null,
      messageId: mutation.messageId,
      detail: result.error?.message ?? result.notice?.message ?? '',
    };
  }

  /** The hub kept the agent out of ready until a contact has its topic: say which (decision 0032). */
  function wrapUpNotice(result: PushResult): SyncNotice | null {
    const params = result.error?.params;
    if (result.outcome !== 'rejected' || params?.reasonKey !== 'topics.refused.ready') return null;
    if (typeof params.threadId !== 'string') return null;
    return {
      code: 'wrap_up_needed',
      threadId: params.threadId,
      threadNumber: typeof params.number === 'number' ? params.number : null,
      messageId: null,
      detail: typeof params.numbers === 'string' ? params.numbers : '',
    };
  }

  function settle(batch: OutboxEntry[], results: PushResult[]): AppliedChanges {
    const byId = new Map(batch.map((e) => [e.id, e]));
    const notices: SyncNotice[] = [];
    const customerNotices: CustomerNotice[] = [];
    const customerIds: string[] = [];
    const settled = store.transaction(() => {
      const merged: AppliedChanges = { queueThreadIds: [], messageThreadIds: [], agent: null };
      const take = (applied: AppliedChanges) => {
        customerIds.push(...(applied.customerIds ?? []));
        merged.queueThreadIds.push(...applied.queueThreadIds);
        merged.messageThreadIds.push(...applied.messageThreadIds);
        merged.agent = applied.agent ?? merged.agent;
      };
      for (const result of results) {
        const entry = byId.get(result.id);
        if (!entry) continue;
        if (result.outcome === 'rejected') {
          const reason = result.error ? `${result.error.code}: ${result.error.message}` : 'rejected by the hub';
          const threadId = failEntry(entry, reason);
          if (threadId) merged.messageThreadIds.push(threadId);
          // The hub's state of the thread (who took it), so the agent sees why.
          take(store.applyChanges(result.changes));
          log.warn('hub rejected a mutation', { id: entry.id, kind: entry.mutation?.kind, reason });
        } else {
          // Remove first: the agent's own status change must now be allowed to land.
          store.outbox.remove(entry.id);
          take(store.applyChanges(result.changes));
        }
        const notice = noticeFor(entry, result);
        if (notice) notices.push(notice);
        const customerNotice = customerNoticeFor(store, entry, result);
        if (customerNotice) customerNotices.push(customerNotice);
      }
      return {
        queueThreadIds: [...new Set(merged.queueThreadIds)],
        messageThreadIds: [...new Set(merged.messageThreadIds)],
        agent: merged.agent,
        customerIds: [...new Set(customerIds)],
      };
    });
    for (const notice of notices) deps.onNotice?.(notice);
    for (const notice of customerNotices) deps.onCustomerNotice?.(notice);
    return settled;
  }

  function scheduleRetry(delay: number): void {
    if (stopped || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      pusher.kick();
    }, delay);
  }

  /** One round: returns true when there may be more to send right away. */
  async function round(): Promise<boolean> {
    const batch = store.outbox.pending(oneByOne ? 1 : PUSH_BATCH_MAX);
    if (batch.length === 0) return false;
    const unreadable = batch.filter((e) => e.mutation === null);
    if (unreadable.length > 0) {
      store.transaction(() =>
        unreadable.forEach((e) => failEntry(e, 'stored mutation no longer matches the protocol')),
      );
      deps.onOutboxChanged();
      return true;
    }
    let response: PushResponse;
    try {
      response = await client.push(
        session,
        batch.map((e) => e.mutation!),
      );
    } catch (error) {
      return stopped ? false : pushFailed(batch, error);
    }
    if (stopped) return false;
    const applied = settle(batch, response.results);
    deps.onApplied(applied);
    deps.onOutboxChanged();
    const answered = new Set(response.results.map((r) => r.id));
    if (batch.some((e) => !answered.has(e.id))) {
      log.warn('hub did not answer for every mutation; the rest retry later', { sent: batch.length });
      scheduleRetry(backoff.next());
      return false;
    }
    backoff.reset();
    oneByOne = false;
    return true;
  }

  /** Sorts a failed push: sign-in gone, hub away (retry), or the hub refusing the mutation itself. */
  function pushFailed(batch: OutboxEntry[], error: unknown): boolean {
    // Anything but the hub's own verdict is treated as "try again": a row is failed only on a refusal.
    const failure = error instanceof OknoError ? error : new OknoError('hub_error', toErrorInfo(error).message);
    if (failure.code === 'unauthorized') {
      deps.onUnauthorized(failure);
      return false;
    }
    if (isRetryable(failure)) {
      const delay = backoff.next();
      store.outbox.recordAttempt(
        batch.map((e) => e.id),
        failure.message,
        deps.now() + delay,
      );
      deps.onRetry(failure);
      scheduleRetry(delay);
      return false;
    }
    if (batch.length > 1) {
      log.warn('hub refused a push batch; retrying one by one', { error: failure.message });
      oneByOne = true;
      return true;
    }
    const entry = batch[0]!;
    const threadId = store.transaction(() => failEntry(entry, `${failure.code}: ${failure.message}`));
    if (threadId) deps.onApplied({ queueThreadIds: [], messageThreadIds: [threadId], agent: null });
    const refusal: PushResult = { id: entry.id, outcome: 'rejected', error: failure.toInfo(), changes: [] };
    const notice = noticeFor(entry, refusal);
    if (notice) deps.onNotice?.(notice);
    deps.onOutboxChanged();
    return true;
  }

  async function drain(): Promise<void> {
    do {
      again = false;
      while (!stopped && (await round()));
    } while (again && !stopped);
  }

  const pusher: Pusher = {
    kick() {
      if (stopped) return;
      if (running) {
        again = true;
        return;
      }
      if (retryTimer) {
        clearTimeout(retryTimer);
        retryTimer = null;
      }
      running = drain()
        .catch((error: unknown) => {
          log.error('push failed', { error: String(error) });
          scheduleRetry(backoff.next());
        })
        .finally(() => {
          running = null;
        });
    },
    retryNow() {
      backoff.reset();
      pusher.kick();
    },
    stop() {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
    },
    idle: async () => {
      while (running) await running;
    },
  };
  return pusher;
}
