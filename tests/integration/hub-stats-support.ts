/** The stats tests' hubs: each runs on a clock the test moves, and is closed with its sockets after each test. */
import { afterEach } from 'vitest';
import type { HubOptions } from '../../src/server/hub.js';
import { uuidv7 } from '../../src/shared/ids.js';
import {
  ADMIN_PASSWORD,
  closeAll,
  login,
  removeTempDirs,
  startHub,
  type FrameQueue,
  type Loose,
} from './hub-harness.js';

/** 09:00 UTC on the day the stats tests look at. */
export const STATS_START = Date.UTC(2026, 10, 25, 9, 0, 0);

/** A finished inbound call from +15550001 as the core logs it; `over` gives at least `endedAt`. */
export const callLog = (over: Loose) => ({
  id: uuidv7(),
  kind: 'call.log',
  threadId: uuidv7(),
  messageId: uuidv7(),
  direction: 'inbound',
  remoteUri: 'sip:+15550001@pbx',
  remoteNumber: '+15550001',
  remoteName: null,
  customerId: null,
  endedBy: 'remote',
  endReason: 'bye',
  createdAt: over.endedAt,
  ...over,
});

/**
 * Registers the clean-up (sockets, then hubs, then temp dirs, then `resetClock`) and returns what
 * the tests open through: `sockets` to close, `hubs` started so far, and `startStatsHub`, which
 * starts a hub reading `now` (with the clock interval off) and signs the admin in.
 */
export function statsHubs({ now, resetClock }: { now: () => number; resetClock: () => void }) {
  const hubs: { close(): Promise<void> }[] = [];
  const sockets: FrameQueue[] = [];

  afterEach(async () => {
    closeAll(...sockets.splice(0));
    for (const hub of hubs.splice(0)) await hub.close();
    removeTempDirs();
    resetClock();
  });

  async function startStatsHub(options: Partial<HubOptions> = {}) {
    const hub = await startHub({ now, clockMs: 0, ...options });
    hubs.push(hub);
    const admin = await login(hub.url, 'admin', ADMIN_PASSWORD);
    return { hub, admin };
  }

  return { hubs, sockets, startStatsHub };
}
