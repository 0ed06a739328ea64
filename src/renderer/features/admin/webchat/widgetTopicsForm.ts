/**
 * The pure logic of the Web chat tab: the widget's start menu as the lead edits it (add, edit,
 * remove, move) and the check before saving. Problems are keys under admin.webchat.error, so the
 * form says them in the app's language; the hub checks the same rules again (server/webchat/widgetTopics.ts).
 */
import type { ErrorInfo } from '../../../../shared/errors.js';
import type { WidgetTopic } from '../../../../shared/widgetProtocol.js';

export const MAX_TOPICS = 12;
export const MAX_ID = 100;
export const MAX_TITLE = 100;
export const MAX_ANSWER = 2000;

export const TOPIC_FIELDS = ['id', 'titleEn', 'titleRu', 'answerEn', 'answerRu'] as const;
export type TopicField = (typeof TOPIC_FIELDS)[number];

/** One topic as typed: every field a string; both answers empty means "no answer, routing only". */
export type TopicDraft = Record<TopicField, string>;

export type TopicProblem =
  | { key: 'empty' }
  | { key: 'tooLong'; max: number }
  | { key: 'duplicate'; id: string }
  /** One language has an answer and the other has none. */
  | { key: 'answerMissing' }
  | { key: 'tooMany'; max: number }
  /** The hub's own words (a rule the form does not know of). */
  | { key: 'hub'; message: string };

export interface TopicProblems {
  /** By the topic's index, then by field. */
  topics: Record<number, Partial<Record<TopicField, TopicProblem>>>;
  /** About the menu as a whole. */
  list?: TopicProblem;
}

export const noProblems = (): TopicProblems => ({ topics: {} });

export function draftOf(topics: readonly WidgetTopic[]): TopicDraft[] {
  return topics.map((topic) => ({
    id: topic.id,
    titleEn: topic.title.en,
    titleRu: topic.title.ru,
    answerEn: topic.answer?.en ?? '',
    answerRu: topic.answer?.ru ?? '',
  }));
}

export const addTopic = (draft: readonly TopicDraft[]): TopicDraft[] => [
  ...draft,
  { id: '', titleEn: '', titleRu: '', answerEn: '', answerRu: '' },
];

export const editTopic = (draft: readonly TopicDraft[], index: number, field: TopicField, value: string) =>
  draft.map((topic, i) => (i === index ? { ...topic, [field]: value } : topic));

export const removeTopic = (draft: readonly TopicDraft[], index: number): TopicDraft[] =>
  draft.filter((_, i) => i !== index);

/** The topic moved one place up (-1) or down (+1); unchanged at either end. */
export function moveTopic(draft: readonly TopicDraft[], index: number, by: -1 | 1): TopicDraft[] {
  const to = index + by;
  if (index < 0 || index >= draft.length || to < 0 || to >= draft.length) return [...draft];
  const next = [...draft];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}

export function hasProblems(problems: TopicProblems): boolean {
  return Object.keys(problems.topics).length > 0 || problems.list !== undefined;
}

/** The topics to send, or the problems under each field. Text is trimmed; nothing is dropped silently. */
export function checkTopicsDraft(
  draft: readonly TopicDraft[],
): { ok: true; topics: WidgetTopic[] } | { ok: false; problems: TopicProblems } {
  const problems = noProblems();
  const put = (index: number, field: TopicField, problem: TopicProblem) => {
    (problems.topics[index] ??= {})[field] ??= problem;
  };
  const trimmed = draft.map((topic) => ({
    id: topic.id.trim(),
    titleEn: topic.titleEn.trim(),
    titleRu: topic.titleRu.trim(),
    answerEn: topic.answerEn.trim(),
    answerRu: topic.answerRu.trim(),
  }));
  trimmed.forEach((topic, index) => {
    const limits: [TopicField, number][] = [
      ['id', MAX_ID],
      ['titleEn', MAX_TITLE],
      ['titleRu', MAX_TITLE],
      ['answerEn', MAX_ANSWER],
      ['answerRu', MAX_ANSWER],
    ];
    for (const [field, max] of limits) if (topic[field].length > max) put(index, field, { key: 'tooLong', max });
    for (const field of ['id', 'titleEn', 'titleRu'] as const)
      if (topic[field] === '') put(index, field, { key: 'empty' });
    if (topic.id !== '' && trimmed.findIndex((other) => other.id === topic.id) !== index) {
      put(index, 'id', { key: 'duplicate', id: topic.id });
    }
    if (topic.answerEn === '' && topic.answerRu !== '') put(index, 'answerEn', { key: 'answerMissing' });
    if (topic.answerRu === '' && topic.answerEn !== '') put(index, 'answerRu', { key: 'answerMissing' });
  });
  if (trimmed.length > MAX_TOPICS) problems.list = { key: 'tooMany', max: MAX_TOPICS };
  if (hasProblems(problems)) return { ok: false, problems };
  return {
    ok: true,
    topics: trimmed.map((topic) => ({
      id: topic.id,
      title: { en: topic.titleEn, ru: topic.titleRu },
      answer: topic.answerEn === '' ? null : { en: topic.answerEn, ru: topic.answerRu },
    })),
  };
}

const HUB_FIELDS: Record<string, TopicField> = {
  id: 'id',
  'title.en': 'titleEn',
  'title.ru': 'titleRu',
  'answer.en': 'answerEn',
  'answer.ru': 'answerRu',
};

/** The hub's field issues ("topics.1.title.ru", "topics") placed under the same fields. */
export function hubProblems(error: ErrorInfo | null): TopicProblems {
  const problems = noProblems();
  for (const issue of error?.issues ?? []) {
    const hub: TopicProblem = { key: 'hub', message: issue.message };
    const match = /^topics\.(\d+)\.(.+)$/.exec(issue.path);
    const field = match ? HUB_FIELDS[match[2]!] : undefined;
    if (match && field) (problems.topics[Number(match[1])] ??= {})[field] ??= hub;
    else problems.list ??= hub;
  }
  return problems;
}
