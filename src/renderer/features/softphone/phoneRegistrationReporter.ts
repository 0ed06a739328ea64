/**
 * Tells the hub which SIP user this agent's softphone answers as, so queued calls are offered to it:
 * the account's user part while registered, null otherwise (stopped, failed, offline). Reports each
 * change while signed in; a report the core refused is tried again a little later.
 */
import { createLogger } from '../../../shared/log.js';
import { reportableSipUser } from '../../../shared/softphone/offeredCall.js';
import { parseSipUri } from '../../../shared/softphone/sipUri.js';
import type { AppStore, RootState } from '../../app/store.js';
import type { Platform } from '../../platform/platform.js';

const log = createLogger('softphone');
export const PHONE_REPORT_RETRY_MS = 5000;

/** The SIP user the hub should offer calls to now; undefined while signed out (nothing to say). */
export function phoneToReport(state: Pick<RootState, 'session' | 'softphone'>): string | null | undefined {
  if (!state.session.signedIn) return undefined;
  const { account, registration } = state.softphone;
  if (registration.status !== 'registered' || !account) return null;
  return reportableSipUser(parseSipUri(account.sipUri)?.user);
}

export function startPhoneRegistrationReporter(platform: Platform, store: AppStore): () => void {
  /** What the hub was last told in this session; undefined: nothing yet. */
  let reported: string | null | undefined;
  let sending = false;
  let retry: ReturnType<typeof setTimeout> | null = null;

  const report = async (): Promise<void> => {
    const wanted = phoneToReport(store.getState());
    if (wanted === undefined) {
      reported = undefined;
      return;
    }
    if (sending || retry !== null || wanted === reported) return;
    sending = true;
    try {
      await platform.invoke('softphone.registered', { sipUser: wanted });
      reported = wanted;
    } catch (error) {
      log.warn('the phone registration was not reported', { error: String(error) });
      retry = setTimeout(() => {
        retry = null;
        void report();
      }, PHONE_REPORT_RETRY_MS);
    } finally {
      sending = false;
    }
    // The state may have moved on while the report was on its way.
    if (retry === null && phoneToReport(store.getState()) !== reported) void report();
  };

  const unsubscribe = store.subscribe(() => void report());
  void report();
  return () => {
    unsubscribe();
    if (retry !== null) clearTimeout(retry);
  };
}
