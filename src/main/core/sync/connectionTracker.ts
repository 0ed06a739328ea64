import type { ConnectionState } from '../../../shared/contract.js';

export type ConnectionStatus = ConnectionState['status'];

/**
 * Owns the ConnectionState the renderer shows. `since` is when the link was lost and stays
 * put through reconnect attempts; every actual change is reported once.
 */
export interface ConnectionTracker {
  get(): ConnectionState;
  set(status: ConnectionStatus, lastError?: string | null): void;
  setPending(count: number): void;
}

export function createConnectionTracker(options: {
  now: () => number;
  pending: () => number;
  onChange: (state: ConnectionState) => void;
}): ConnectionTracker {
  let state: ConnectionState = {
    status: 'signed_out',
    since: null,
    pendingMutations: options.pending(),
    lastError: null,
  };

  function commit(next: ConnectionState): void {
    if (
      next.status === state.status &&
      next.since === state.since &&
      next.pendingMutations === state.pendingMutations &&
      next.lastError === state.lastError
    ) {
      return;
    }
    state = next;
    options.onChange(state);
  }

  return {
    get: () => state,
    set(status, lastError) {
      const lost = status === 'reconnecting' || status === 'offline';
      commit({
        status,
        since: lost ? (state.since ?? options.now()) : null,
        pendingMutations: options.pending(),
        lastError:
          lastError === undefined
            ? status === 'online' || status === 'signed_out'
              ? null
              : state.lastError
            : lastError,
      });
    },
    setPending(count) {
      commit({ ...state, pendingMutations: count });
    },
  };
}
