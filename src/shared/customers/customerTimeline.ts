/** One timeline across every channel of a customer: their threads and messages, newest first, paged. */
import { z } from 'zod';
import { Channel, Id, MessageAuthor, MessageDirection, Millis, ThreadStatus } from '../domain.js';
import { HistoryEntry } from './customerCard.js';

export const TIMELINE_PAGE_MAX = 200;

export const TimelineItem = z.object({
  messageId: Id,
  threadId: Id,
  threadNumber: z.number().int().nonnegative(),
  channel: Channel,
  direction: MessageDirection,
  author: MessageAuthor,
  text: z.string(),
  createdAt: Millis,
});
export type TimelineItem = z.infer<typeof TimelineItem>;

export const TimelineThread = z.object({
  id: Id,
  number: z.number().int().nonnegative(),
  channel: Channel,
  status: ThreadStatus,
  subject: z.string(),
  lastMessageAt: Millis,
});
export type TimelineThread = z.infer<typeof TimelineThread>;

/** Opaque to clients: "<createdAt>:<messageId>" of the last item of the previous page. */
export const TimelineCursor = z.string().regex(/^\d{1,16}:[0-9a-f-]{36}$/, 'before is not a timeline cursor');

export const TimelineQuery = z.object({
  before: TimelineCursor.optional(),
  limit: z.coerce.number().int().min(1).max(TIMELINE_PAGE_MAX).default(50),
});

export const TimelinePage = z.object({
  /** The customer the timeline belongs to (the survivor, when the asked-for one was merged). */
  customerId: Id,
  threads: z.array(TimelineThread),
  items: z.array(TimelineItem),
  /** Pass as `before` for the next (older) page; null at the beginning of the history. */
  nextBefore: z.string().nullable(),
});
export type TimelinePage = z.infer<typeof TimelinePage>;

export const CustomerHistoryPage = z.object({ customerId: Id, history: z.array(HistoryEntry) });

export function parseCursor(cursor: string | undefined): { at: number; id: string } | null {
  if (!cursor) return null;
  const [at, id] = cursor.split(/:(.*)/s);
  return { at: Number(at), id: id ?? '' };
}

export function cursorOf(item: Pick<TimelineItem, 'createdAt' | 'messageId'>): string {
  return `${item.createdAt}:${item.messageId}`;
}

/** A message joined with its thread, as the hub's store and the core's cache both select it. */
export interface TimelineItemRow {
  id: string;
  thread_id: string;
  number: number;
  channel: TimelineItem['channel'];
  direction: TimelineItem['direction'];
  author_kind: TimelineItem['author']['kind'];
  author_id: string | null;
  author_name: string;
  text: string;
  created_at: number;
}

/**
 * One page from rows selected newest first with `limit + 1` as the SQL limit: the first `limit`
 * as items, and a cursor for the next page when the extra row shows there is one.
 */
export function pageOfRows(
  rows: readonly TimelineItemRow[],
  limit: number,
): { items: TimelineItem[]; nextBefore: string | null } {
  const items = rows.slice(0, limit).map((r) => ({
    messageId: r.id,
    threadId: r.thread_id,
    threadNumber: r.number,
    channel: r.channel,
    direction: r.direction,
    author: { kind: r.author_kind, id: r.author_id, name: r.author_name },
    text: r.text,
    createdAt: r.created_at,
  }));
  const last = items.at(-1);
  return { items, nextBefore: rows.length > limit && last ? cursorOf(last) : null };
}
