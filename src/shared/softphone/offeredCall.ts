/**
 * A queued call the hub offers to an agent arrives as a plain INVITE with headers Kamailio adds
 * (docs/pbx-queue-protocol.md): the thread made when the caller arrived, and optionally how long
 * they waited and which line they called. Read here, pure, so a malformed header is ignored rather
 * than trusted: a call without a valid thread is an ordinary call matched by number.
 */
import { Id } from '../domain.js';
import type { CallThread } from './callMachine.js';

export const OFFER_HEADERS = { thread: 'X-Okno-Thread', waitedMs: 'X-Okno-Waited-Ms', line: 'X-Okno-Line' } as const;

const MAX_WAIT_MS = 24 * 60 * 60_000;
const LINE_MAX = 100;

/** The offered call's thread, or null when the INVITE names none (or names it badly). */
export function offeredCall(header: (name: string) => string | undefined): CallThread | null {
  const thread = Id.safeParse(header(OFFER_HEADERS.thread)?.trim());
  if (!thread.success) return null;
  const waitedText = header(OFFER_HEADERS.waitedMs)?.trim() ?? '';
  const waited = /^\d{1,9}$/.test(waitedText) ? Number(waitedText) : null;
  const line = header(OFFER_HEADERS.line)?.trim().slice(0, LINE_MAX) ?? '';
  return {
    threadId: thread.data,
    kind: 'offered',
    waitedMs: waited !== null && waited <= MAX_WAIT_MS ? waited : null,
    line: line === '' ? null : line,
  };
}

/** The SIP user the hub offers calls to: the account's user part, when it is one the hub accepts. */
export function reportableSipUser(user: string | null | undefined): string | null {
  return user && /^[A-Za-z0-9+._-]{1,64}$/.test(user) ? user : null;
}
