/**
 * Core events as Redux actions, named domain/eventName after the contract's event names.
 * Payloads are validated against the contract before they become actions.
 */
import { createAction, type Dispatch } from '@reduxjs/toolkit';
import type { EventPayload } from '../../shared/contract.js';
import { createLogger } from '../../shared/log.js';
import { parseCoreEvent, type CoreEvent } from '../platform/callResult.js';
import type { HostLink, Platform } from '../platform/platform.js';

const log = createLogger('renderer:events');

export const queueChanged = createAction<EventPayload<'queue.changed'>>('queue/changed');
export const messagesChanged = createAction<EventPayload<'messages.changed'>>('messages/changed');
export const connectionChanged = createAction<EventPayload<'connection.changed'>>('connection/changed');
export const sessionChanged = createAction<EventPayload<'session.changed'>>('session/changed');
export const settingsChanged = createAction<EventPayload<'settings.changed'>>('settings/changed');
export const syncNotice = createAction<EventPayload<'sync.notice'>>('sync/notice');
export const syncProgress = createAction<EventPayload<'sync.progress'>>('sync/progress');
export const statsChanged = createAction<EventPayload<'stats.changed'>>('stats/changed');
export const customersChanged = createAction<EventPayload<'customers.changed'>>('customers/changed');
export const customerNotice = createAction<EventPayload<'customer.notice'>>('customers/notice');
export const threadTyping = createAction<EventPayload<'thread.typing'>>('thread/typing');
export const callLinkOpened = createAction<EventPayload<'call.link'>>('softphone/callLinkOpened');
export const knowledgeChanged = createAction<EventPayload<'knowledge.changed'>>('knowledge/changed');
/** The renderer lost or regained its host (browser host socket); events may have been missed. */
export const hostLinkChanged = createAction<{ link: HostLink; at: number }>('platform/hostLinkChanged');

export function actionForEvent(event: CoreEvent) {
  switch (event.name) {
    case 'queue.changed':
      return queueChanged(event.payload);
    case 'messages.changed':
      return messagesChanged(event.payload);
    case 'connection.changed':
      return connectionChanged(event.payload);
    case 'session.changed':
      return sessionChanged(event.payload);
    case 'settings.changed':
      return settingsChanged(event.payload);
    case 'sync.notice':
      return syncNotice(event.payload);
    case 'sync.progress':
      return syncProgress(event.payload);
    case 'stats.changed':
      return statsChanged(event.payload);
    case 'customers.changed':
      return customersChanged(event.payload);
    case 'customer.notice':
      return customerNotice(event.payload);
    case 'thread.typing':
      return threadTyping(event.payload);
    case 'call.link':
      return callLinkOpened(event.payload);
    case 'knowledge.changed':
      return knowledgeChanged(event.payload);
    default:
      return assertNever(event);
  }
}

function assertNever(value: never): never {
  throw new Error(`unhandled core event ${JSON.stringify(value)}`);
}

/** Validates an event from the platform and turns it into an action; null (logged) when invalid. */
export function actionForRawEvent(name: unknown, payload: unknown) {
  const parsed = parseCoreEvent(name, payload);
  if ('problem' in parsed) {
    log.warn('dropped an event that does not match the contract', { problem: parsed.problem });
    return null;
  }
  return actionForEvent(parsed.event);
}

/** Wires the platform's events into the store. Returns the unsubscribe function. */
export function connectPlatformEvents(
  platform: Platform,
  dispatch: Dispatch,
  now: () => number = Date.now,
): () => void {
  const offEvents = platform.onEvent((name, payload) => {
    const action = actionForRawEvent(name, payload);
    if (action) dispatch(action);
  });
  const offLink = platform.onHostLink((link) => dispatch(hostLinkChanged({ link, at: now() })));
  return () => {
    offEvents();
    offLink();
  };
}
