/** The softphone's live calls reach the core (and so the hub's "on call") on every change, only while signed in. */
import { describe, expect, it } from 'vitest';
import type { SessionState } from '../../src/shared/contract.js';
import { createAppStore } from '../../src/renderer/app/store.js';
import { signIn } from '../../src/renderer/features/session/sessionSlice.js';
import { callEvent, callStarted } from '../../src/renderer/features/softphone/softphoneSlice.js';
import { startCallStateReporter } from '../../src/renderer/features/stats/callStateReporter.js';
import { agent, FakePlatform, flush } from './renderer-fixtures.js';

const SIGNED_IN: SessionState = { signedIn: true, agent, hubUrl: 'http://127.0.0.1:8740' };

describe('call state reporter', () => {
  it('reports 0 on sign-in, 1 when a call rings, 2 with a second, 0 when both end; never twice the same', async () => {
    const platform = new FakePlatform()
      .on('session.signIn', () => SIGNED_IN)
      .on('stats.callState', () => ({ recorded: true as const }));
    const store = createAppStore(platform);
    const stop = startCallStateReporter(platform, store);
    store.dispatch(callStarted({ id: 'early', direction: 'inbound', remoteUri: 'sip:1@x', at: 1 }));
    await flush();
    // Signed out: nothing is sent.
    expect(platform.callsOf('stats.callState')).toEqual([]);
    store.dispatch(callEvent({ id: 'early', event: { type: 'ended', at: 2, by: 'remote', reason: 'bye' } }));

    await store.dispatch(signIn({ hubUrl: 'http://127.0.0.1:8740', login: 'ann', password: 'secret' }));
    await flush();
    store.dispatch(callStarted({ id: 'a', direction: 'inbound', remoteUri: 'sip:2@x', at: 10 }));
    await flush();
    store.dispatch(callStarted({ id: 'b', direction: 'outbound', remoteUri: 'sip:3@x', at: 20 }));
    await flush();
    store.dispatch(callEvent({ id: 'a', event: { type: 'hold', on: true, at: 30 } }));
    await flush();
    store.dispatch(callEvent({ id: 'a', event: { type: 'ended', at: 40, by: 'remote', reason: 'bye' } }));
    await flush();
    store.dispatch(callEvent({ id: 'b', event: { type: 'ended', at: 50, by: 'local', reason: 'bye' } }));
    await flush();
    expect(platform.callsOf('stats.callState').map((c) => (c as { liveCalls: number }).liveCalls)).toEqual([
      0, 1, 2, 1, 0,
    ]);
    stop();
  });
});
