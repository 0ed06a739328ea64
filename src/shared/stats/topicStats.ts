/**
 * Figures by topic (issue 15, decision 0033; docs/stats-formulas.md, "By topic"). The contacts are
 * the period tables' contacts; each carries the topics its agent set at wrap-up. A topic's row holds
 * every contact with that topic or any of its subtopics (the tree as it stands now), each contact
 * once; a contact with two topics counts in each of them, so the rows add up to more than the total.
 * Contacts with no topic make the "No topic" row. Figures are the shared KPI formulas (kpi.ts).
 */
import type { ContactRecord } from './contact.js';
import { isComplete, summarizeContacts, type KpiSummary } from './kpi.js';

export interface TopicNode {
  id: string;
  parentId: string | null;
  name: { en: string; ru: string };
  position: number;
  retired: boolean;
}

/** A contact with the topics set on its thread (empty: none set). */
export interface TopicContact {
  contact: ContactRecord;
  topicIds: readonly string[];
}

/** Where a row sits: its topic (null: the "No topic" row), parent and depth in the tree. */
export interface TopicRowHead {
  topicId: string | null;
  parentId: string | null;
  depth: number;
  name: { en: string; ru: string } | null;
  retired: boolean;
}

export interface TopicRow extends TopicRowHead {
  summary: KpiSummary;
}

const byPosition = (a: TopicNode, b: TopicNode) =>
  a.position - b.position || (a.name.en < b.name.en ? -1 : a.name.en > b.name.en ? 1 : 0) || (a.id < b.id ? -1 : 1);

/**
 * The tree in reading order (depth first, siblings by position), each topic with its depth. A topic
 * whose parent is unknown is read as a root; a parent chain that loops is cut where it repeats.
 */
export function topicOrder(topics: readonly TopicNode[]): { node: TopicNode; depth: number }[] {
  const ids = new Set(topics.map((t) => t.id));
  const children = new Map<string | null, TopicNode[]>();
  for (const t of topics) {
    const parent = t.parentId !== null && ids.has(t.parentId) && t.parentId !== t.id ? t.parentId : null;
    const list = children.get(parent) ?? [];
    list.push(t);
    children.set(parent, list);
  }
  const out: { node: TopicNode; depth: number }[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    for (const node of [...(children.get(parent) ?? [])].sort(byPosition)) {
      if (seen.has(node.id)) continue;
      seen.add(node.id);
      out.push({ node, depth });
      walk(node.id, depth + 1);
    }
  };
  walk(null, 0);
  // Topics only reachable through a loop: shown as roots rather than lost.
  for (const t of [...topics].sort(byPosition)) {
    if (!seen.has(t.id)) {
      seen.add(t.id);
      out.push({ node: t, depth: 0 });
      walk(t.id, 1);
    }
  }
  return out;
}

/** The topic and its ancestors (nearest first), loop-safe. */
function lineage(id: string, parents: ReadonlyMap<string, string | null>): string[] {
  const out: string[] = [];
  let at: string | null | undefined = id;
  while (at !== null && at !== undefined && !out.includes(at)) {
    out.push(at);
    at = parents.get(at);
  }
  return out;
}

/**
 * Each topic's contacts with its subtopics' rolled up (a contact once per topic however many of its
 * subtopics it has), and the contacts without a topic under `null`. Ids the tree does not know still
 * count under themselves.
 */
export function contactsByTopic<C extends { topicIds: readonly string[] }>(
  topics: readonly TopicNode[],
  contacts: readonly C[],
): Map<string | null, C[]> {
  const parents = new Map(topics.map((t) => [t.id, t.parentId]));
  const out = new Map<string | null, C[]>();
  const add = (key: string | null, c: C) => {
    const list = out.get(key);
    if (list) list.push(c);
    else out.set(key, [c]);
  };
  for (const c of contacts) {
    if (c.topicIds.length === 0) {
      add(null, c);
      continue;
    }
    const keys = new Set<string>();
    for (const id of c.topicIds) for (const k of lineage(id, parents)) keys.add(k);
    for (const k of keys) add(k, c);
  }
  return out;
}

/**
 * The rows to show, in tree order, then "No topic": every topic in use (not retired), and a retired
 * one while it has contacts in the figures (with its name); a shown topic's ancestors are shown too.
 */
export function topicRowHeads(topics: readonly TopicNode[], hasContacts: (id: string) => boolean): TopicRowHead[] {
  const order = topicOrder(topics);
  const byId = new Map(topics.map((t) => [t.id, t]));
  const parents = new Map(topics.map((t) => [t.id, t.parentId]));
  const shown = new Set<string>();
  for (const { node } of order) {
    if (node.retired && !hasContacts(node.id)) continue;
    for (const id of lineage(node.id, parents)) {
      if (byId.has(id)) shown.add(id);
    }
  }
  const heads: TopicRowHead[] = order
    .filter(({ node }) => shown.has(node.id))
    .map(({ node, depth }) => ({
      topicId: node.id,
      parentId: node.parentId !== null && byId.has(node.parentId) ? node.parentId : null,
      depth,
      name: node.name,
      retired: node.retired,
    }));
  heads.push({ topicId: null, parentId: null, depth: 0, name: null, retired: false });
  return heads;
}

/** Heads for ids the tree does not know (a topic row removed by hand): named by their id, after the tree. */
function unknownHeads(topics: readonly TopicNode[], keys: Iterable<string | null>): TopicRowHead[] {
  const known = new Set(topics.map((t) => t.id));
  return [...keys]
    .filter((k): k is string => k !== null && !known.has(k))
    .sort()
    .map((id) => ({ topicId: id, parentId: null, depth: 0, name: { en: id, ru: id }, retired: true }));
}

export interface TopicPeriod {
  /** Every contact once. */
  total: KpiSummary;
  rows: TopicRow[];
}

/** Volume, handle time, service level and abandons per topic (parents roll up), and the total. */
export function summarizeByTopic(topics: readonly TopicNode[], contacts: readonly TopicContact[]): TopicPeriod {
  const groups = contactsByTopic(topics, contacts);
  const has = (id: string) => (groups.get(id)?.length ?? 0) > 0;
  const heads = [...topicRowHeads(topics, has)];
  heads.splice(heads.length - 1, 0, ...unknownHeads(topics, groups.keys()));
  return {
    total: summarizeContacts(contacts.map((c) => c.contact)),
    rows: heads.map((head) => ({
      ...head,
      summary: summarizeContacts((groups.get(head.topicId) ?? []).map((c) => c.contact)),
    })),
  };
}

export type SeasonStep = 'month' | 'week';

const DAY_MS = 86_400_000;
const utcDay = (day: string) => Date.parse(`${day}T00:00:00Z`);
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The bucket a calendar day (YYYY-MM-DD) falls in: its month (YYYY-MM) or its week's Monday (YYYY-MM-DD). */
export function seasonBucket(day: string, step: SeasonStep): string {
  if (step === 'month') return day.slice(0, 7);
  const ms = utcDay(day);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return isoDay(ms - weekday * DAY_MS);
}

/** Every bucket from `from` to `to` (days, both included), empty ones too, in order. */
export function seasonBuckets(from: string, to: string, step: SeasonStep): string[] {
  const out: string[] = [];
  const last = seasonBucket(to, step);
  let at = seasonBucket(from, step);
  while (at <= last) {
    out.push(at);
    if (step === 'week') {
      at = isoDay(utcDay(at) + 7 * DAY_MS);
    } else {
      const [y, m] = at.split('-').map(Number) as [number, number];
      at = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
    }
  }
  return out;
}

/** A contact with the calendar day (in the lead's zone) its period counts it on. */
export interface DatedTopicContact extends TopicContact {
  day: string;
}

/** How many complete contacts of one day had exactly these topics (what the hub counts in SQL). */
export interface DayTopicCount {
  day: string;
  topicIds: readonly string[];
  count: number;
}

export interface SeasonSeries extends TopicRowHead {
  /** Offered contacts per bucket (parallel to `buckets`). */
  values: number[];
  total: number;
}

/**
 * Volume (offered contacts) per topic per month or week from counts per day and topic set; parents
 * roll up (a contact once per topic); one series per row of the period table.
 */
export function seasonFromCounts(
  topics: readonly TopicNode[],
  counts: readonly DayTopicCount[],
  buckets: readonly string[],
  step: SeasonStep,
): SeasonSeries[] {
  const groups = contactsByTopic(topics, counts);
  const index = new Map(buckets.map((b, i) => [b, i]));
  const has = (id: string) => (groups.get(id) ?? []).some((c) => c.count > 0);
  const heads = [...topicRowHeads(topics, has)];
  heads.splice(heads.length - 1, 0, ...unknownHeads(topics, groups.keys()));
  return heads.map((head) => {
    const values = new Array<number>(buckets.length).fill(0);
    for (const c of groups.get(head.topicId) ?? []) {
      const i = index.get(seasonBucket(c.day, step));
      if (i !== undefined) values[i]! += c.count;
    }
    return { ...head, values, total: values.reduce((a, b) => a + b, 0) };
  });
}

/** As seasonFromCounts, from contacts (incomplete ones are in no volume, as in `offered`). */
export function seasonByTopic(
  topics: readonly TopicNode[],
  contacts: readonly DatedTopicContact[],
  buckets: readonly string[],
  step: SeasonStep,
): SeasonSeries[] {
  const counts = contacts
    .filter((c) => isComplete(c.contact))
    .map((c) => ({ day: c.day, topicIds: c.topicIds, count: 1 }));
  return seasonFromCounts(topics, counts, buckets, step);
}

/** The figures a comparison shows, each with its change from A to B. */
export const COMPARED = ['offered', 'averageHandleTimeMs', 'serviceLevel', 'abandoned', 'abandonRate'] as const;
export type Compared = (typeof COMPARED)[number];

export interface Change {
  /** B − A (for rates: in fractions, 0.05 = 5 points); null where either side has no data. */
  delta: number | null;
  /** (B − A) ÷ A; null where A is 0 or has no data. */
  pct: number | null;
}

export function changeOf(a: number | null, b: number | null): Change {
  if (a === null || b === null) return { delta: null, pct: null };
  return { delta: b - a, pct: a === 0 ? null : (b - a) / a };
}

export interface CompareRow extends TopicRowHead {
  a: KpiSummary;
  b: KpiSummary;
  change: Record<Compared, Change>;
}

/** Two periods side by side: every row either period shows (tree order), A's and B's figures and the change. */
export function compareByTopic(topics: readonly TopicNode[], a: TopicPeriod, b: TopicPeriod): CompareRow[] {
  const aRows = new Map(a.rows.map((r) => [r.topicId, r]));
  const bRows = new Map(b.rows.map((r) => [r.topicId, r]));
  const has = (id: string) => (aRows.get(id)?.summary.offered ?? 0) > 0 || (bRows.get(id)?.summary.offered ?? 0) > 0;
  const heads = [...topicRowHeads(topics, has)];
  const unknown = [...new Set([...aRows.keys(), ...bRows.keys()])];
  heads.splice(heads.length - 1, 0, ...unknownHeads(topics, unknown));
  const empty = summarizeContacts([]);
  return heads.map((head) => {
    const sa = aRows.get(head.topicId)?.summary ?? empty;
    const sb = bRows.get(head.topicId)?.summary ?? empty;
    const change = Object.fromEntries(COMPARED.map((k) => [k, changeOf(sa[k], sb[k])])) as Record<Compared, Change>;
    return { ...head, a: sa, b: sb, change };
  });
}
