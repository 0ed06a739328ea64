/**
 * A thread event in the agent's language: kinds the app knows are worded from their facts through
 * i18n (threadEvents.<kind>); others fall back to the hub's English text.
 */
import type { TFunction } from 'i18next';
import { formatMessageTime } from '../../i18n/format.js';
import { csatEventText } from '../csat/csatEventText.js';

export interface ThreadEventView {
  kind: string;
  text: string;
  data: Record<string, unknown>;
}

const WORDED = new Set([
  'topics_set',
  'call_arrived',
  'menu_choice',
  'call_queued',
  'offered',
  'offer_missed',
  'answered',
  'abandoned',
  'callback_task',
  'callback_left',
  'callback_done',
  'callback_cleared',
  'blocked',
  'out_of_hours',
  'self_service',
  'overflowed',
  'transferred',
  'call_ended',
  'article_opened',
  'activity_planned',
  'activity_due',
  'activity_queued',
  'activity_done',
  'activity_cancelled',
  'complaint_registered',
  'complaint_linked',
  'taken',
  'handed_over',
  'escalated',
  'closed',
  'queued',
  'assigned',
  'requeued',
]);

function seconds(ms: unknown): string {
  return typeof ms === 'number' && Number.isFinite(ms) ? String(Math.round(ms / 1000)) : '?';
}

function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

export function threadEventText(t: TFunction, event: ThreadEventView): string {
  if (event.kind === 'csat') return csatEventText(t, event.data, event.text);
  if (!WORDED.has(event.kind)) return event.text;
  const d = event.data;
  const values: Record<string, string> = {
    line: text(d.line),
    from: text(d.from),
    digit: text(d.digit),
    node: text(d.node),
    next: text(d.next),
    topic: text(d.topic),
    agent: text(d.agentName) || t('threadEvents.someone'),
    actor: text(d.actorName) || t('threadEvents.someone'),
    target: text(d.targetName),
    group: text(d.groupName),
    fromGroup: text(d.fromGroup),
    toGroup: text(d.toGroup),
    skill: text(d.skill),
    load: text(d.load),
    capacity: text(d.capacity),
    why: d.reason ? t(`threadEvents.queuedWhy.${text(d.reason)}`, { defaultValue: text(d.reason) }) : '',
    waited: seconds(d.waitedMs),
    number: text(d.number),
    reason: text(d.reason),
    note: text(d.note),
    title: text(d.title),
    version: text(d.version),
    result: d.result ? t(`threadEvents.results.${text(d.result)}`, { defaultValue: text(d.result) }) : '',
    by: d.by === 'agent' ? t('threadEvents.byAgent') : t('threadEvents.byCaller'),
    what: d.kind ? t(`activities.kinds.${text(d.kind)}`, { defaultValue: text(d.kind) }) : '',
    due: typeof d.dueAt === 'number' ? formatMessageTime(d.dueAt, Date.now(), t('activities.locale')) : '',
  };
  if (event.kind === 'topics_set') {
    // Both languages' names travel with the event (decision 0032); the agent reads their own.
    const names = (d.names ?? {}) as Record<string, unknown>;
    const topics = text(names[t('activities.locale')]) || text(names.en);
    return topics
      ? t('threadEvents.topics_set', { ...values, topics, defaultValue: event.text })
      : t('threadEvents.topics_cleared', { ...values, defaultValue: event.text });
  }
  let variant = event.kind === 'abandoned' && d.short === true ? 'abandoned_short' : event.kind;
  if ((event.kind === 'activity_planned' || event.kind === 'activity_due') && text(d.note)) variant += '_note';
  if (event.kind === 'handed_over' && !text(d.targetName)) variant = 'handed_over_group';
  if (event.kind === 'requeued' && d.status !== 'offline') variant = 'requeued_away';
  return t(`threadEvents.${variant}`, { ...values, defaultValue: event.text });
}
