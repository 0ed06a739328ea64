/**
 * The topic tree (issue 15, decision 0032): topics and subtopics with names in both languages and
 * keywords for detection. Pure: the shapes both sides check, and the tree's rules — a topic moves
 * nowhere under itself, a retired topic is offered nowhere but still has its name, and a topic counts
 * as any of its ancestors for routing skills and SLA targets.
 */
import { z } from 'zod';

/** Topic ids stay the strings routing, SLA rules, voice menus and the widget already used. */
export const TopicId = z.string().trim().min(1, 'topic id is empty').max(100, 'topic id is longer than 100 characters');
export type TopicId = z.infer<typeof TopicId>;

export const TopicName = z.object({
  en: z.string().trim().min(1, 'English name is empty').max(100),
  ru: z.string().trim().min(1, 'Russian name is empty').max(100),
});
export type TopicName = z.infer<typeof TopicName>;

export const Keywords = z.array(z.string().trim().min(1, 'a keyword is empty').max(100)).max(100).default([]);

export const Topic = z.object({
  id: TopicId,
  parentId: TopicId.nullable(),
  name: TopicName,
  keywords: z.array(z.string()),
  position: z.number().int(),
  retired: z.boolean(),
});
export type Topic = z.infer<typeof Topic>;

/** Add (no id) or edit a topic's names and keywords; moving and retiring are their own requests. */
export const TopicInput = z.object({
  id: TopicId.optional(),
  parentId: TopicId.nullable().default(null),
  name: TopicName,
  keywords: Keywords,
});
export type TopicInput = z.input<typeof TopicInput>;

export const MoveInput = z.object({
  id: TopicId,
  parentId: TopicId.nullable(),
  /** Place among the new siblings (0 = first); past the end puts it last. */
  position: z.number().int().min(0),
});
export type MoveInput = z.infer<typeof MoveInput>;

export const TopicChangeKind = z.enum(['added', 'renamed', 'moved', 'retired', 'restored', 'keywords']);
export const TopicChange = z.object({
  id: z.string(),
  topicId: TopicId,
  kind: TopicChangeKind,
  data: z.record(z.string(), z.unknown()),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  at: z.number(),
});
export type TopicChange = z.infer<typeof TopicChange>;

/** The topics of one contact, the routing topic to pre-select, and whether its group requires one. */
export const ThreadTopics = z.object({
  topicIds: z.array(TopicId),
  suggested: TopicId.nullable(),
  required: z.boolean(),
});
export type ThreadTopics = z.infer<typeof ThreadTopics>;

export const SetThreadTopicsInput = z.object({
  topicIds: z.array(TopicId).max(20, 'at most 20 topics on one contact'),
});

/** The ids from `id` up to its root, `id` first. Stops on a cycle (never stored, but never trusted). */
export function pathToRoot(topics: ReadonlyMap<string, { parentId: string | null }>, id: string): string[] {
  const path: string[] = [];
  let at: string | null = id;
  while (at !== null && !path.includes(at)) {
    path.push(at);
    at = topics.get(at)?.parentId ?? null;
  }
  return path;
}

/** The ids under `id` (children, grandchildren…), not `id` itself. */
export function descendantsOf(topics: readonly { id: string; parentId: string | null }[], id: string): string[] {
  const out: string[] = [];
  const queue = [id];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const topic of topics) {
      if (topic.parentId === parent && !out.includes(topic.id) && topic.id !== id) {
        out.push(topic.id);
        queue.push(topic.id);
      }
    }
  }
  return out;
}

/**
 * Why `id` may not move under `parentId`, or null when it may: not under itself, not under one of its
 * own descendants (the message names both), not under an unknown topic.
 */
export function moveProblem(
  topics: readonly { id: string; parentId: string | null; name: TopicName }[],
  id: string,
  parentId: string | null,
): string | null {
  const byId = new Map(topics.map((t) => [t.id, t]));
  const topic = byId.get(id);
  if (!topic) return `topic "${id}" does not exist`;
  if (parentId === null) return null;
  const parent = byId.get(parentId);
  if (!parent) return `topic "${parentId}" does not exist`;
  if (parentId === id) return `topic "${topic.name.en}" cannot move under itself`;
  if (pathToRoot(byId, parentId).includes(id)) {
    return `topic "${topic.name.en}" cannot move under "${parent.name.en}": "${parent.name.en}" is inside "${topic.name.en}"`;
  }
  return null;
}

/** Topics in tree order (parents before children, siblings by position), each with its depth. */
export function treeOrder<T extends { id: string; parentId: string | null; position: number }>(
  topics: readonly T[],
): { topic: T; depth: number }[] {
  const children = new Map<string | null, T[]>();
  const ids = new Set(topics.map((t) => t.id));
  for (const topic of topics) {
    // An orphan (never stored, but never trusted) shows as a root rather than vanishing.
    const parent = topic.parentId !== null && ids.has(topic.parentId) ? topic.parentId : null;
    const list = children.get(parent) ?? [];
    list.push(topic);
    children.set(parent, list);
  }
  for (const list of children.values()) list.sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
  const out: { topic: T; depth: number }[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    for (const topic of children.get(parent) ?? []) {
      if (seen.has(topic.id)) continue;
      seen.add(topic.id);
      out.push({ topic, depth });
      walk(topic.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/**
 * Whether a topic is offered in pickers: not retired, and no ancestor retired (retiring a topic hides
 * its subtopics too; their names still resolve).
 */
export function isPickable(topics: ReadonlyMap<string, { parentId: string | null; retired: boolean }>, id: string) {
  const path = pathToRoot(topics, id);
  return path.length > 0 && topics.has(id) && path.every((at) => topics.get(at)?.retired === false);
}

/** A readable path of names ("Cards › Blocked") in a language; an unknown id reads as itself. */
export function topicLabel(
  topics: ReadonlyMap<string, { parentId: string | null; name: TopicName }>,
  id: string,
  language: 'en' | 'ru',
): string {
  return pathToRoot(topics, id)
    .reverse()
    .map((at) => topics.get(at)?.name[language] ?? at)
    .join(' › ');
}

/** A new topic's id from its English name: lower case, dashes, unique among `taken`. */
export function slugFor(name: string, taken: ReadonlySet<string>): string {
  const base =
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'topic';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
