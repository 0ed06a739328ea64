import type { RootState } from '../../app/store.js';

/**
 * The contact the card is shown for: the open conversation's thread when it is this customer's, else a
 * queued call's thread whose caller is this customer (the card opened from the call card).
 */
export function contactOf(state: RootState, customerId: string): string | null {
  const thread = state.conversation.thread;
  if (thread?.customerId === customerId) return thread.id;
  const { calls, callers, callOrder } = state.softphone;
  for (const callId of [...callOrder].reverse()) {
    const threadId = calls[callId]?.thread?.threadId;
    if (threadId && callers[callId]?.customer?.id === customerId) return threadId;
  }
  return null;
}
