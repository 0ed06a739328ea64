/**
 * Buckets contacts by the interval they were offered in: 15 minutes, an hour, or a calendar day
 * in the lead's time zone. A contact belongs to the interval it was offered in, so a thread that
 * spans midnight counts on the day it arrived. Offsets of real time zones are multiples of
 * 15 minutes, so 15-minute and hourly buckets are aligned in UTC; days follow the zone's calendar
 * (a daylight-saving day has 23 or 25 hours).
 */
import type { ContactRecord } from './contact.js';
import { summarizeContacts, type KpiOptions, type KpiSummary } from './kpi.js';

export type IntervalKind = '15min' | 'hour' | 'day';

const SPAN_MS: Record<Exclude<IntervalKind, 'day'>, number> = { '15min': 15 * 60_000, hour: 60 * 60_000 };
const QUARTER_MS = 15 * 60_000;

// Making a formatter costs far more than formatting with one: a day of contacts reuses one per zone.
const dayFormatters = new Map<string, Intl.DateTimeFormat>();

export function intervalKey(at: number, kind: IntervalKind, timeZone = 'UTC'): string {
  if (kind === 'day') {
    let format = dayFormatters.get(timeZone);
    if (!format) {
      // en-CA formats as YYYY-MM-DD.
      format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
      dayFormatters.set(timeZone, format);
    }
    return format.format(at);
  }
  const span = SPAN_MS[kind];
  return new Date(Math.floor(at / span) * span).toISOString();
}

export interface IntervalSummary {
  key: string;
  summary: KpiSummary;
}

export function summarizeByInterval(
  contacts: readonly ContactRecord[],
  kind: IntervalKind,
  options: KpiOptions & { timeZone?: string } = {},
): IntervalSummary[] {
  const buckets = new Map<string, ContactRecord[]>();
  // Every instant of one quarter hour has the same key in every kind (real zone offsets are multiples
  // of 15 minutes), so a key is formatted once per quarter hour rather than once per contact.
  const keys = new Map<number, string>();
  for (const contact of contacts) {
    // A contact with no offer has no interval; summarizeContacts over the period counts it as incomplete.
    if (contact.offeredAt === null) continue;
    const slot = Math.floor(contact.offeredAt / QUARTER_MS);
    let key = keys.get(slot);
    if (key === undefined) keys.set(slot, (key = intervalKey(slot * QUARTER_MS, kind, options.timeZone)));
    let bucket = buckets.get(key);
    if (!bucket) buckets.set(key, (bucket = []));
    bucket.push(contact);
  }
  return [...buckets.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, bucket]) => ({ key, summary: summarizeContacts(bucket, options) }));
}

export type Dimension = 'agentId' | 'groupId' | 'channel';

/** The same summary per agent, group or channel; contacts without one go under "none". */
export function summarizeBy(
  contacts: readonly ContactRecord[],
  dimension: Dimension,
  options: KpiOptions = {},
): Map<string, KpiSummary> {
  const groups = new Map<string, ContactRecord[]>();
  for (const contact of contacts) {
    const key = contact[dimension] ?? 'none';
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(contact);
  }
  return new Map([...groups].map(([key, group]) => [key, summarizeContacts(group, options)]));
}
