import { OknoError } from '../../../shared/errors.js';
import type { Logger } from '../../../shared/log.js';
import type { AppliedChanges } from '../store/applyChanges.js';
import type { LocalStore } from '../store/localStore.js';
import type { PullResponse } from '../../../shared/sync.js';
import type { HubClient, HubSession } from './hubClient.js';

/**
 * Changes per page. Each page is applied in one transaction, and a call from the window that
 * arrives meanwhile waits for it: 500 keeps that wait near 50 ms, and with the next page asked for
 * ahead, smaller pages cost the sync little.
 */
export const PULL_PAGE = 500;

export interface PullerDeps {
  store: LocalStore;
  client: HubClient;
  session: HubSession;
  onApplied(applied: AppliedChanges): void;
  /** The replica was thrown away because it came from another hub database. */
  onReset(): void;
  log: Logger;
  pageSize?: number;
  /**
   * After each page of a pull that takes more than one page: hub change-log rows gone through in
   * this pull so far and rows still to come, for a first-sync progress bar. The hub counts what
   * remains on the pull's first page; later pages carry it on (minus the rows they went through,
   * at least 1 while the hub has more), so rows written during the pull are not counted. Both count
   * rows before the hub filters them to the agent's reach, so the bar moves evenly and ends full
   * even though the agent receives only a part of them.
   */
  onProgress?(applied: number, remaining: number): void;
}

/**
 * Pulls every change after the cursor, one page per transaction, until the hub has no more.
 * A cursor means something only with the hubId it came from: when the hub answers with
 * another id (restored backup, new database), the replica is rebuilt from zero. The outbox
 * is kept: what the agent did still has to reach the hub.
 */
export function createPuller(deps: PullerDeps): { pull(): Promise<void> } {
  const { store, client, session, log } = deps;
  const pageSize = deps.pageSize ?? PULL_PAGE;

  /** A later page asked for ahead; if the pull stops first (an error, a reset), its failure is nobody's to report. */
  function prefetch(after: number): Promise<PullResponse> {
    const page = client.pull(session, after, pageSize, true);
    page.catch(() => undefined);
    return page;
  }

  return {
    async pull() {
      let appliedSoFar = 0;
      let next: Promise<PullResponse> | null = null;
      /** Rows still to come: the hub's count on the first page, carried on from page to page. */
      let remaining: number | null = null;
      for (;;) {
        const after = store.meta.cursor();
        const page: PullResponse = await (next ?? client.pull(session, after, pageSize, remaining !== null));
        next = null;
        const known = store.meta.hubId();
        if (known !== page.hubId) {
          if (known !== null || after > 0) {
            log.warn('hub database changed; rebuilding the local replica', { was: known, now: page.hubId });
            store.clearReplica({ keepLocal: true });
            store.meta.set('hub_id', page.hubId);
            deps.onReset();
            remaining = null;
            continue;
          }
          store.meta.set('hub_id', page.hubId);
        }
        if (page.hasMore && page.cursor <= after) {
          throw new OknoError('hub_error', `pull did not advance past cursor ${after}`);
        }
        // Ask for the next page before applying this one: the hub reads and sends it meanwhile.
        if (page.hasMore) next = prefetch(page.cursor);
        const applied = store.applyChanges(page.changes, { cursor: page.cursor });
        deps.onApplied(applied);
        const passed = page.scanned ?? page.changes.length;
        appliedSoFar += passed;
        // A hub that counted (the first page, or an older hub on every page) is believed as it is;
        // hasMore is exact, so the bar never shows done early and always ends at 0.
        const left: number = page.remaining ?? (page.hasMore ? Math.max((remaining ?? 0) - passed, 1) : 0);
        remaining = left;
        // Only a catch-up worth a progress bar: a pull that needs more than this one page.
        if (page.hasMore || appliedSoFar > passed) deps.onProgress?.(appliedSoFar, left);
        if (!page.hasMore) return;
        log.debug('pulled a page', { cursor: page.cursor, remaining: left });
        // Let calls that queued up during this page run before the next one is applied.
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
  };
}
