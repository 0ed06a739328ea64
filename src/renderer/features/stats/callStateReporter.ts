/**
 * Tells the hub how many calls the softphone has up, so a lead's "on call" is the live call state
 * rather than a guess from phone threads. Reports each change while signed in, and repeats a
 * non-zero count now and then so a hub that restarted (and forgot) learns it again.
 */
import { createLogger } from '../../../shared/log.js';
import { isLive } from '../../../shared/softphone/callMachine.js';
import type { AppStore } from '../../app/store.js';
import type { Platform } from '../../platform/platform.js';

const log = createLogger('stats');
export const CALL_STATE_REPEAT_MS = 30_000;

export function startCallStateReporter(platform: Platform, store: AppStore): () => void {
  let reported: number | null = null;
  let sending = false;
  let retryAfter = 0;
  const liveCalls = () => Object.values(store.getState().softphone.calls).filter(isLive).length;

  const report = async (force: boolean) => {
    const state = store.getState();
    if (!state.session.signedIn) {
      reported = null;
      return;
    }
    const count = liveCalls();
    if (sending || (!force && (count === reported || Date.now() < retryAfter))) return;
    sending = true;
    try {
      await platform.invoke('stats.callState', { liveCalls: count });
      reported = count;
    } catch (error) {
      // Tried again on the next change or repeat; the floor shows the last state the hub knew.
      log.warn('the call state was not reported', { error: String(error) });
      retryAfter = Date.now() + 5000;
    } finally {
      sending = false;
    }
    if (liveCalls() !== reported && Date.now() >= retryAfter) void report(false);
  };

  const unsubscribe = store.subscribe(() => void report(false));
  const timer = setInterval(() => {
    if ((reported !== null && reported > 0) || reported !== liveCalls()) void report(true);
  }, CALL_STATE_REPEAT_MS);
  return () => {
    unsubscribe();
    clearInterval(timer);
  };
}
