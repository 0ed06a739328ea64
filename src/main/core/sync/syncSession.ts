import type { SyncNotice } from '../../../shared/contract.js';
import type { CustomerNotice } from '../../../shared/customers/customerContract.js';
import { OknoError } from '../../../shared/errors.js';
import type { Logger } from '../../../shared/log.js';
import { SYNC_API, type LiveFrame } from '../../../shared/sync.js';
import type { AppliedChanges } from '../store/applyChanges.js';
import type { LocalStore } from '../store/localStore.js';
import { diskFullError, isDiskFull } from '../store/diskFull.js';
import { createBackoff, type Backoff } from './backoff.js';
import type { ConnectionTracker } from './connectionTracker.js';
import type { HubClient } from './hubClient.js';
import { hubSocketUrl } from './hubUrl.js';
import { createLiveSocket } from './liveSocket.js';
import { createPuller } from './puller.js';
import { createPusher } from './pusher.js';
import { createSerialQueue } from './serialQueue.js';

/** The first wait before probing a hub that went away. */
export const LIVE_PROBE_BASE_MS = 250;
/** The longest wait between probes while the hub is away ("equal jitter": 750–1500 ms at the cap). */
export const LIVE_PROBE_MAX_MS = 1500;

/** Knobs the tests turn down; production uses the protocol's defaults. */
export interface SyncTiming {
  heartbeatMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** The longest wait between two attempts to reach the hub while it is away (default LIVE_PROBE_MAX_MS). */
  probeMaxMs?: number;
  /** How long one hub request may take before it counts as lost. */
  requestTimeoutMs?: number;
  /** Changes per pull page. */
  pullPageSize?: number;
}

export interface SyncSessionDeps {
  store: LocalStore;
  client: HubClient;
  hubUrl: string;
  token: string;
  connection: ConnectionTracker;
  /** Tell the renderer what changed. */
  publish(applied: AppliedChanges): void;
  /** The replica was rebuilt from zero. */
  onReset(): void;
  /** The hub no longer accepts the token. */
  onUnauthorized(): void;
  /** A message was settled differently than typed (conflict rules). */
  onNotice?(notice: SyncNotice): void;
  onCustomerNotice?(notice: CustomerNotice): void;
  /** A multi-page pull moved on: changes applied so far and still to come. */
  onProgress?(applied: number, remaining: number): void;
  /** The customer of a web-chat thread is typing (live notice from the hub). */
  onTyping?(threadId: string, at: number): void;
  now: () => number;
  log: Logger;
  timing?: SyncTiming;
}

export interface SyncSession {
  start(): void;
  /** Push the outbox now (a mutation was just written). */
  kickPush(): void;
  /** The OS says the network is back: reach for the hub now rather than at the next probe. */
  retryNow(reason: string): void;
  stop(): Promise<void>;
  /** Resolves when queued pulls and the running push have finished. */
  idle(): Promise<void>;
}

/** The cursor after a frame: the hub's batch end (past changes out of this agent's reach), or its highest seq. */
function lastSeq(frame: Extract<LiveFrame, { type: 'changes' }>): number {
  const highest = frame.changes.reduce((max, c) => Math.max(max, c.seq), frame.prevSeq);
  return Math.max(highest, frame.seq ?? 0);
}

/**
 * The live socket's reconnect schedule: while the hub is away it probes often, so a returning
 * network is noticed within a couple of seconds (decision 0026). Pushes keep the longer back-off;
 * the hub's hello drains them.
 */
export function createProbeBackoff(timing?: SyncTiming, random?: () => number): Backoff {
  return createBackoff({
    baseMs: Math.min(timing?.backoffBaseMs ?? LIVE_PROBE_BASE_MS, LIVE_PROBE_BASE_MS),
    maxMs: Math.min(timing?.probeMaxMs ?? LIVE_PROBE_MAX_MS, timing?.backoffMaxMs ?? Infinity),
    random,
  });
}

/**
 * One signed-in link to one hub: the live socket says when something changed, the puller
 * catches up by cursor, the pusher drains the outbox. Pulls and frames run in one queue so
 * every frame is judged against the cursor the previous step left behind.
 */
export function createSyncSession(deps: SyncSessionDeps): SyncSession {
  const { store, connection, log } = deps;
  const abort = new AbortController();
  const hub = { hubUrl: deps.hubUrl, token: deps.token, signal: abort.signal };
  const queue = createSerialQueue();
  const backoffOptions = { baseMs: deps.timing?.backoffBaseMs, maxMs: deps.timing?.backoffMaxMs };
  let stopped = false;

  const puller = createPuller({
    store,
    client: deps.client,
    session: hub,
    onApplied: deps.publish,
    onReset: deps.onReset,
    log,
    pageSize: deps.timing?.pullPageSize,
    onProgress: deps.onProgress,
  });

  const pusher = createPusher({
    store,
    client: deps.client,
    session: hub,
    backoff: createBackoff(backoffOptions),
    now: deps.now,
    onApplied: deps.publish,
    onOutboxChanged: () => connection.setPending(store.outbox.countPending()),
    onUnauthorized: () => deps.onUnauthorized(),
    onRetry: (error) => log.info('push will be retried', { error: error.message }),
    onNotice: deps.onNotice,
    onCustomerNotice: deps.onCustomerNotice,
    log: log.child('push'),
  });

  const live = createLiveSocket({
    url: hubSocketUrl(deps.hubUrl, SYNC_API.live),
    token: deps.token,
    backoff: createProbeBackoff(deps.timing),
    heartbeatMs: deps.timing?.heartbeatMs,
    log: log.child('live'),
    // A typing notice is not a change: it skips the queue and the seq chain.
    onFrame: (frame) =>
      frame.type === 'typing' ? deps.onTyping?.(frame.threadId, frame.at) : void queue.run(() => handleFrame(frame)),
    onDown(reason, retryInMs) {
      // Online → reconnecting; a failed attempt (or no link yet) → offline.
      connection.set(connection.get().status === 'online' ? 'reconnecting' : 'offline', reason);
      log.info('live socket down', { reason, retryInMs });
    },
    onUnauthorized: () => deps.onUnauthorized(),
  });

  async function handleFrame(frame: Exclude<LiveFrame, { type: 'typing' }>): Promise<void> {
    if (stopped) return;
    try {
      if (frame.type === 'hello') {
        if (frame.hubId !== store.meta.hubId() || frame.seq > store.meta.cursor()) await puller.pull();
        connection.set('online');
        pusher.retryNow();
        return;
      }
      const cursor = store.meta.cursor();
      const last = lastSeq(frame);
      if (last <= cursor) return; // already pulled
      if (frame.prevSeq !== cursor) {
        log.debug('live gap; pulling', { cursor, prevSeq: frame.prevSeq });
        await puller.pull();
        return;
      }
      deps.publish(store.applyChanges(frame.changes, { cursor: last }));
    } catch (error) {
      if (stopped) return;
      if (error instanceof OknoError && error.code === 'unauthorized') {
        deps.onUnauthorized();
        return;
      }
      // A full disk: the page was rolled back whole (cursor unmoved); say so rather than SQLite's words.
      const message = isDiskFull(error)
        ? diskFullError(store.db.name, error).message
        : error instanceof Error
          ? error.message
          : String(error);
      log.warn('catching up failed; reconnecting', { error: message });
      connection.set(connection.get().status === 'online' ? 'reconnecting' : 'offline', message);
      live.restart('catching up failed');
    }
  }

  return {
    start() {
      connection.set('connecting');
      live.start();
      pusher.kick();
    },
    kickPush: () => pusher.kick(),
    retryNow(reason) {
      if (stopped) return;
      live.retryNow(reason);
    },
    async stop() {
      stopped = true;
      live.stop();
      pusher.stop();
      abort.abort();
      await queue.idle();
      await pusher.idle();
    },
    async idle() {
      await queue.idle();
      await pusher.idle();
    },
  };
}
