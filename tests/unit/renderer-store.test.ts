import { describe, expect, it } from 'vitest';
import type { ConnectionState, SessionState, Settings } from '../../src/shared/contract.js';
import { bootstrap } from '../../src/renderer/app/bootstrap.js';
import { connectPlatformEvents } from '../../src/renderer/app/coreEvents.js';
import { REFETCH_DEBOUNCE_MS } from '../../src/renderer/app/listeners.js';
import { createAppStore } from '../../src/renderer/app/store.js';
import { setAgentStatus } from '../../src/renderer/features/agentStatus/agentStatusSlice.js';
import { draftChanged, sendMessage } from '../../src/renderer/features/composer/composerSlice.js';
import { threadSelected } from '../../src/renderer/features/inbox/inboxSlice.js';
import { signIn, signOut } from '../../src/renderer/features/session/sessionSlice.js';
import { agent, FakePlatform, flush, message, queueItem } from './renderer-fixtures.js';

const SIGNED_OUT: SessionState = { signedIn: false, agent: null, hubUrl: null };
const SIGNED_IN: SessionState = { signedIn: true, agent, hubUrl: 'http://127.0.0.1:8740' };
const ONLINE: ConnectionState = { status: 'online', since: null, pendingMutations: 0, lastError: null };
const SETTINGS: Settings = { language: 'ru', hubUrl: null };

function setup(session: SessionState = SIGNED_OUT) {
  const item = queueItem();
  const platform = new FakePlatform()
    .on('app.info', () => ({ version: '0.1.0', host: 'browser', embeddedHubUrl: 'http://127.0.0.1:8740' }))
    .on('settings.get', () => SETTINGS)
    .on('session.get', () => session)
    .on('connection.get', () => ONLINE)
    .on('queue.list', () => ({ items: [item], total: 1 }))
    .on('thread.get', () => ({ thread: item, customer: null }))
    .on('thread.messages', (input) => ({ messages: [message({ threadId: input.threadId })], hasMore: false }))
    .on('session.signIn', () => SIGNED_IN)
    .on('session.signOut', () => SIGNED_OUT);
  const store = createAppStore(platform);
  connectPlatformEvents(platform, store.dispatch, () => 777);
  return { platform, store, item };
}

describe('renderer store with a platform', () => {
  it('starts: app info, settings, session and connection, and no queue while signed out', async () => {
    const { platform, store } = setup();
    await store.dispatch(bootstrap());
    await flush();
    const state = store.getState();
    expect(state.session.phase).toBe('ready');
    expect(state.session.appInfo?.embeddedHubUrl).toBe('http://127.0.0.1:8740');
    expect(state.settings.values).toEqual(SETTINGS);
    expect(state.connection.core).toEqual(ONLINE);
    expect(platform.callsOf('queue.list')).toEqual([]);
  });

  it('reports a core it cannot reach, and recovers on retry', async () => {
    const { platform, store } = setup();
    platform.fail('session.get', { code: 'internal', message: 'down' });
    await store.dispatch(bootstrap());
    expect(store.getState().session).toMatchObject({ phase: 'starting', startError: { code: 'internal' } });
    platform.on('session.get', () => SIGNED_OUT);
    await store.dispatch(bootstrap());
    expect(store.getState().session).toMatchObject({ phase: 'ready', startError: null });
  });

  it('loads the queue once signed in, and drops it on sign-out', async () => {
    const { platform, store, item } = setup();
    await store.dispatch(bootstrap());
    await store.dispatch(signIn({ hubUrl: 'http://127.0.0.1:8740', login: 'anna', password: 'secret' }));
    await flush();
    expect(platform.callsOf('session.signIn')).toEqual([
      { hubUrl: 'http://127.0.0.1:8740', login: 'anna', password: 'secret' },
    ]);
    // An agent's default view is their own threads ("all" is for leads).
    expect(platform.callsOf('queue.list')).toEqual([{ status: 'open', offset: 0, limit: 500, view: 'mine' }]);
    expect(store.getState().inbox.items.map((i) => i.id)).toEqual([item.id]);
    await store.dispatch(signOut());
    expect(store.getState().session.signedIn).toBe(false);
    expect(store.getState().inbox.items).toEqual([]);
  });

  it('shows a refused sign-in as its error code', async () => {
    const { platform, store } = setup();
    platform.fail('session.signIn', { code: 'invalid_credentials', message: 'wrong password' });
    await store.dispatch(signIn({ hubUrl: 'http://127.0.0.1:8740', login: 'anna', password: 'nope' }));
    expect(store.getState().session.signIn.error?.code).toBe('invalid_credentials');
    expect(store.getState().session.signedIn).toBe(false);
  });

  it('refetches the queue once for a burst of queue.changed events', async () => {
    const { platform, store, item } = setup(SIGNED_IN);
    await store.dispatch(bootstrap());
    await flush();
    const before = platform.callsOf('queue.list').length;
    platform.emit('queue.changed', { threadIds: [item.id] });
    platform.emit('queue.changed', { threadIds: [item.id] });
    platform.emit('queue.changed', { threadIds: [item.id] });
    await flush(REFETCH_DEBOUNCE_MS + 50);
    expect(platform.callsOf('queue.list').length).toBe(before + 1);
  });

  it('drops events whose payload breaks the contract', async () => {
    const { platform, store } = setup(SIGNED_IN);
    await store.dispatch(bootstrap());
    await flush();
    const before = platform.callsOf('queue.list').length;
    platform.emit('queue.changed', { threadIds: 'everything' });
    platform.emit('connection.changed', { status: 'exploded' });
    await flush(REFETCH_DEBOUNCE_MS + 50);
    expect(platform.callsOf('queue.list').length).toBe(before);
    expect(store.getState().connection.core).toEqual(ONLINE);
  });

  it('opens a selected thread and refetches its messages only when they changed', async () => {
    const { platform, store, item } = setup(SIGNED_IN);
    await store.dispatch(bootstrap());
    store.dispatch(threadSelected(item.id));
    await flush();
    expect(platform.callsOf('thread.get')).toEqual([{ threadId: item.id }]);
    expect(platform.callsOf('thread.messages')).toEqual([{ threadId: item.id, limit: 200 }]);
    expect(store.getState().conversation.messages).toHaveLength(1);

    platform.emit('messages.changed', { threadIds: [queueItem().id] });
    await flush(REFETCH_DEBOUNCE_MS + 50);
    expect(platform.callsOf('thread.messages')).toHaveLength(1);

    platform.emit('messages.changed', { threadIds: [item.id] });
    await flush(REFETCH_DEBOUNCE_MS + 50);
    expect(platform.callsOf('thread.messages')).toHaveLength(2);
  });

  it('follows the core’s events for connection, session and settings', async () => {
    const { platform, store } = setup(SIGNED_IN);
    await store.dispatch(bootstrap());
    platform.emit('connection.changed', { status: 'offline', since: 5, pendingMutations: 2, lastError: 'x' });
    platform.emit('settings.changed', { language: 'en', hubUrl: 'https://hub:1' });
    expect(store.getState().connection.core?.pendingMutations).toBe(2);
    expect(store.getState().settings.values).toEqual({ language: 'en', hubUrl: 'https://hub:1' });
    platform.emit('session.changed', SIGNED_OUT);
    expect(store.getState().session.signedIn).toBe(false);
  });

  it('sends a reply, and keeps it when the core refuses', async () => {
    const { platform, store, item } = setup(SIGNED_IN);
    await store.dispatch(bootstrap());
    store.dispatch(threadSelected(item.id));
    await flush();
    platform.fail('message.send', { code: 'message_too_long', message: 'too long' });
    store.dispatch(draftChanged({ threadId: item.id, text: 'Hello' }));
    await store.dispatch(sendMessage({ threadId: item.id, text: 'Hello' }));
    expect(store.getState().composer.drafts[item.id]).toBe('Hello');
    expect(store.getState().composer.errors[item.id]?.code).toBe('message_too_long');

    const sent = message({ threadId: item.id, direction: 'out', text: 'Hello', status: 'pending', createdAt: 9_999 });
    platform.on('message.send', () => sent);
    await store.dispatch(sendMessage({ threadId: item.id, text: '  Hello  ' }));
    expect(platform.callsOf('message.send').at(-1)).toEqual({ threadId: item.id, text: 'Hello' });
    expect(store.getState().conversation.messages.at(-1)).toEqual(sent);
  });

  it('does not call the core for an empty reply', async () => {
    const { platform, store, item } = setup(SIGNED_IN);
    await store.dispatch(sendMessage({ threadId: item.id, text: '  \n ' }));
    expect(platform.callsOf('message.send')).toEqual([]);
  });

  it('sets the agent status and shows what the core answered', async () => {
    const { platform, store } = setup(SIGNED_IN);
    await store.dispatch(bootstrap());
    platform.on('agent.setStatus', (input) => ({ ...agent, status: input.status }));
    await store.dispatch(setAgentStatus('not_ready'));
    expect(platform.callsOf('agent.setStatus')).toEqual([{ status: 'not_ready' }]);
    expect(store.getState().session.agent?.status).toBe('not_ready');
    expect(store.getState().agentStatus.requested).toBeNull();
  });

  it('asks for the session again when a call says we are not signed in', async () => {
    const { platform, store } = setup(SIGNED_IN);
    await store.dispatch(bootstrap());
    const before = platform.callsOf('session.get').length;
    platform.fail('agent.setStatus', { code: 'unauthorized', message: 'token expired' });
    platform.on('session.get', () => SIGNED_OUT);
    await store.dispatch(setAgentStatus('ready'));
    await flush();
    expect(platform.callsOf('session.get').length).toBe(before + 1);
    expect(store.getState().session.signedIn).toBe(false);
  });

  it('resyncs everything when the link to the host comes back, not when it first comes up', async () => {
    const { platform, store, item } = setup(SIGNED_IN);
    await store.dispatch(bootstrap());
    store.dispatch(threadSelected(item.id));
    await flush();
    platform.setLink('up');
    await flush();
    const sessionCalls = platform.callsOf('session.get').length;
    expect(sessionCalls).toBe(1);

    platform.setLink('down');
    expect(store.getState().connection).toMatchObject({ hostLink: 'down', hostLinkSince: 777 });
    platform.setLink('up');
    await flush();
    expect(platform.callsOf('session.get').length).toBe(sessionCalls + 1);
    expect(platform.callsOf('thread.messages').length).toBe(2);
    expect(platform.callsOf('thread.get').length).toBe(2);
  });
});
