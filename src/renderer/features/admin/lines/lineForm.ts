/**
 * The pure logic of the Lines tab: a service line as the lead edits it (fields as typed, business
 * hours as days plus one from–to, the voice menu as a list of steps), the check before saving and
 * the placing of the hub's issues. The menu is checked with menuProblems, the same function the hub
 * runs, and each problem lands under the step it names. Problems are keys under admin.lines.error,
 * so the form says them in the app's language.
 */
import type { LineRecording } from '../../../../shared/recording/recording.js';
import type { ErrorInfo } from '../../../../shared/errors.js';
import type { BusinessHours } from '../../../../shared/queue/businessHours.js';
import { isTimeZone } from '../../../../shared/queue/timeZone.js';
import type { ServiceLine, ServiceLineInput } from '../../../../shared/calls/serviceLine.js';
import { menuProblems, type MenuNode, type VoiceMenu } from '../../../../shared/calls/voiceMenu.js';

export const STEP_KINDS = ['ask', 'say', 'queue'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/** Weekday indices as BusinessHours counts them (0 is Sunday), in the order the form shows them. */
export const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0] as const;
export const DAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

export const LIMITS = {
  maxWait: { min: 10, max: 3600 },
  announce: { min: 10, max: 600 },
  timeout: { min: 1, max: 60 },
  repeats: { min: 0, max: 5 },
} as const;

export interface OptionDraft {
  /** The key the caller presses. */
  key: string;
  /** The id of the step it leads to ('' until picked). */
  to: string;
}

/** One step as typed; fields of the other kinds are kept so switching the kind back loses nothing. */
export interface StepDraft {
  id: string;
  kind: StepKind;
  /** ask, say */
  prompt: string;
  /** ask */
  options: OptionDraft[];
  timeout: string;
  repeats: string;
  /** ask: '' sends a caller who never chooses to the line's queue. */
  fallback: string;
  /** say: '' hangs up after the prompt. */
  next: string;
  /** queue: '' is the line's group. */
  groupId: string;
  topic: string;
}

export interface LineDraft {
  number: string;
  name: string;
  language: 'en' | 'ru';
  /** '' is any group taking phone. */
  groupId: string;
  maxWait: string;
  announce: string;
  overflow: 'callback' | 'group';
  overflowDigit: string;
  overflowGroupId: string;
  /** Recording policy, notice and retention (issue 16). */
  recording: LineRecording;
  hours: 'always' | 'weekly';
  /** Weekday indices (0 is Sunday) open from `opens` to `closes`. */
  days: number[];
  opens: string;
  closes: string;
  timeZone: string;
  /** Kept from a schedule saved without a time zone. */
  utcOffsetMinutes: number;
  /** The first step's id; no steps means no menu (straight to the queue). */
  start: string;
  steps: StepDraft[];
}

export type LineProblem =
  | { key: 'empty' }
  | { key: 'number' }
  | { key: 'tooLong'; max: number }
  | { key: 'range'; min: number; max: number }
  | { key: 'digit' }
  | { key: 'pickGroup' }
  | { key: 'days' }
  | { key: 'clock' }
  | { key: 'order' }
  | { key: 'timeZone' }
  | { key: 'stepId' }
  | { key: 'duplicateStep'; id: string }
  | { key: 'duplicateKey'; digit: string }
  | { key: 'target' }
  | { key: 'pickPrompt' }
  /** The menu's own problems (menuProblems), by the step they name. */
  | { key: 'missingStart'; step: string }
  | { key: 'unknownPrompt'; step: string; prompt: string }
  | { key: 'noOptions'; step: string }
  | { key: 'missingStep'; step: string; target: string }
  | { key: 'loop'; step: string }
  | { key: 'unreachable'; step: string; start: string }
  /** The hub's own words (a rule the form does not know of). */
  | { key: 'hub'; message: string };

export const LINE_FIELDS = [
  'number',
  'name',
  'language',
  'groupId',
  'maxWait',
  'announce',
  'overflowDigit',
  'overflowGroupId',
  'days',
  'opens',
  'closes',
  'timeZone',
  'start',
  'menu',
  'retentionDays',
] as const;
export type LineField = (typeof LINE_FIELDS)[number];

export type StepField = 'id' | 'prompt' | 'options' | 'timeout' | 'repeats' | 'fallback' | 'next' | 'groupId' | 'topic';

export interface StepProblems {
  fields: Partial<Record<StepField, LineProblem>>;
  /** About the step as a whole: a loop, a step nothing leads to, a missing target. */
  step: LineProblem[];
}

export interface LineProblems {
  fields: Partial<Record<LineField, LineProblem>>;
  /** By the step's index in the list. */
  steps: Record<number, StepProblems>;
  /** What the hub refused that no field of the form shows. */
  other: LineProblem[];
}

export const noProblems = (): LineProblems => ({ fields: {}, steps: {}, other: [] });

export function hasProblems(problems: LineProblems): boolean {
  return Object.keys(problems.fields).length > 0 || Object.keys(problems.steps).length > 0 || problems.other.length > 0;
}

export function emptyStep(id: string, kind: StepKind = 'queue'): StepDraft {
  return {
    id,
    kind,
    prompt: '',
    options: [],
    timeout: '5',
    repeats: '2',
    fallback: '',
    next: '',
    groupId: '',
    topic: '',
  };
}

const clock = (minutes: number): string =>
  `${String(Math.floor(minutes / 60) % 24).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

function stepOf(id: string, node: MenuNode): StepDraft {
  const step = { ...emptyStep(id, node.kind) };
  switch (node.kind) {
    case 'ask':
      return {
        ...step,
        prompt: node.prompt,
        options: Object.entries(node.options).map(([key, to]) => ({ key, to })),
        timeout: String(node.timeoutSeconds),
        repeats: String(node.repeats),
        fallback: node.fallback ?? '',
      };
    case 'say':
      return { ...step, prompt: node.prompt, next: node.next ?? '' };
    case 'queue':
      return { ...step, groupId: node.groupId ?? '', topic: node.topic ?? '' };
  }
}

/** Whether the days + one from–to of the form show `hours` exactly (not: several intervals, or different hours by day). */
export function simpleHours(hours: BusinessHours | null): boolean {
  if (!hours) return true;
  const open = hours.week.filter((intervals) => intervals.length > 0);
  const first = open[0]?.[0];
  return open.every(
    (intervals) => intervals.length === 1 && intervals[0]![0] === first![0] && intervals[0]![1] === first![1],
  );
}

/** A line as the form shows it; null gives a new line (the schedule in `timeZone`, Monday to Friday 9 to 18). */
export function draftOf(line: ServiceLine | null, timeZone: string): LineDraft {
  const hours = line?.hours ?? null;
  const days = hours ? hours.week.flatMap((intervals, day) => (intervals.length > 0 ? [day] : [])) : [1, 2, 3, 4, 5];
  const first = hours?.week.find((intervals) => intervals.length > 0)?.[0] ?? [9 * 60, 18 * 60];
  return {
    number: line?.number ?? '',
    name: line?.name ?? '',
    language: line?.language ?? 'ru',
    groupId: line?.groupId ?? '',
    maxWait: String(line?.maxWaitSeconds ?? 300),
    announce: String(line?.announceEverySeconds ?? 45),
    overflow: line?.overflow.kind ?? 'callback',
    overflowDigit: line?.overflow.kind === 'callback' ? line.overflow.digit : '1',
    overflowGroupId: line?.overflow.kind === 'group' ? line.overflow.groupId : '',
    recording: line?.recording ?? { policy: 'none', notice: false, retentionDays: 90 },
    hours: hours ? 'weekly' : 'always',
    days,
    opens: clock(first[0]),
    closes: clock(first[1]),
    timeZone: hours ? (hours.timeZone ?? '') : timeZone,
    utcOffsetMinutes: hours?.utcOffsetMinutes ?? 0,
    start: line?.menu?.start ?? '',
    steps: line?.menu ? Object.entries(line.menu.nodes).map(([id, node]) => stepOf(id, node)) : [],
  };
}

// ——— editing the steps ———

/** A new step with an id not yet taken ("step1", "step2", …); the first one becomes the start. */
export function addStep(draft: LineDraft): LineDraft {
  const taken = new Set(draft.steps.map((step) => step.id));
  let n = draft.steps.length + 1;
  while (taken.has(`step${n}`)) n++;
  const id = `step${n}`;
  return { ...draft, start: draft.start === '' ? id : draft.start, steps: [...draft.steps, emptyStep(id)] };
}

export function editStep(draft: LineDraft, index: number, patch: Partial<Omit<StepDraft, 'id'>>): LineDraft {
  return { ...draft, steps: draft.steps.map((step, i) => (i === index ? { ...step, ...patch } : step)) };
}

/** Renames a step and every reference to it (the start, options, fallbacks, next steps). */
export function renameStep(draft: LineDraft, index: number, id: string): LineDraft {
  const old = draft.steps[index]?.id;
  if (old === undefined) return draft;
  const moved = (ref: string) => (old !== '' && ref === old ? id : ref);
  return {
    ...draft,
    start: moved(draft.start),
    steps: draft.steps.map((step, i) => ({
      ...step,
      id: i === index ? id : step.id,
      options: step.options.map((option) => ({ ...option, to: moved(option.to) })),
      fallback: moved(step.fallback),
      next: moved(step.next),
    })),
  };
}

/** Removes a step; what led to it is cleared (to be picked again) and the start moves to the first step left. */
export function removeStep(draft: LineDraft, index: number): LineDraft {
  const gone = draft.steps[index]?.id;
  if (gone === undefined) return draft;
  const kept = draft.steps.filter((_, i) => i !== index);
  const cleared = (ref: string) => (ref === gone ? '' : ref);
  return {
    ...draft,
    start: draft.start === gone ? (kept[0]?.id ?? '') : draft.start,
    steps: kept.map((step) => ({
      ...step,
      options: step.options.map((option) => ({ ...option, to: cleared(option.to) })),
      fallback: cleared(step.fallback),
      next: cleared(step.next),
    })),
  };
}

export const addOption = (draft: LineDraft, index: number): LineDraft => {
  const step = draft.steps[index];
  if (!step) return draft;
  const used = new Set(step.options.map((option) => option.key));
  const key = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '*', '#'].find((k) => !used.has(k)) ?? '';
  return editStep(draft, index, { options: [...step.options, { key, to: '' }] });
};

export const editOption = (draft: LineDraft, index: number, at: number, patch: Partial<OptionDraft>): LineDraft =>
  editStep(draft, index, {
    options: (draft.steps[index]?.options ?? []).map((option, i) => (i === at ? { ...option, ...patch } : option)),
  });

export const removeOption = (draft: LineDraft, index: number, at: number): LineDraft =>
  editStep(draft, index, { options: (draft.steps[index]?.options ?? []).filter((_, i) => i !== at) });

// ——— checking ———

const LINE_NUMBER = /^\+?[0-9]{2,20}$/;
const STEP_ID = /^[a-z][a-z0-9_-]{0,39}$/;
const DIGIT = /^[0-9*#]$/;
const CLOCK = /^(\d{2}):(\d{2})$/;

function wholeIn(text: string, min: number, max: number): number | null {
  const value = Number(text.trim());
  return /^\d+$/.test(text.trim()) && value >= min && value <= max ? value : null;
}

function minutesOf(text: string): number | null {
  const match = CLOCK.exec(text.trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  return hours < 24 && minutes < 60 ? hours * 60 + minutes : null;
}

/** menuProblems' sentence as a problem the form can say in its own language (the hub's words otherwise). */
export function menuReason(message: string): LineProblem {
  let match = /^the first step "(.*)" does not exist$/.exec(message);
  if (match) return { key: 'missingStart', step: match[1]! };
  match = /^step "(.*)" plays "(.*)", which is not a known prompt$/.exec(message);
  if (match) return { key: 'unknownPrompt', step: match[1]!, prompt: match[2]! };
  match = /^step "(.*)" asks for a key but offers no options$/.exec(message);
  if (match) return { key: 'noOptions', step: match[1]! };
  match = /^step "(.*)" leads to "(.*)", which does not exist$/.exec(message);
  if (match) return { key: 'missingStep', step: match[1]!, target: match[2]! };
  match = /^step "(.*)" leads back to itself; a menu may not loop$/.exec(message);
  if (match) return { key: 'loop', step: match[1]! };
  match = /^step "(.*)" cannot be reached from "(.*)"$/.exec(message);
  if (match) return { key: 'unreachable', step: match[1]!, start: match[2]! };
  return { key: 'hub', message };
}

function nodeOf(step: StepDraft): MenuNode {
  switch (step.kind) {
    case 'ask':
      return {
        kind: 'ask',
        prompt: step.prompt.trim(),
        options: Object.fromEntries(step.options.map((option) => [option.key.trim(), option.to])),
        timeoutSeconds: Number(step.timeout.trim()),
        repeats: Number(step.repeats.trim()),
        fallback: step.fallback === '' ? null : step.fallback,
      };
    case 'say':
      return { kind: 'say', prompt: step.prompt.trim(), next: step.next === '' ? null : step.next };
    case 'queue':
      return {
        kind: 'queue',
        groupId: step.groupId === '' ? null : step.groupId,
        topic: step.topic.trim() === '' ? null : step.topic.trim(),
      };
  }
}

function stepProblems(problems: LineProblems, index: number): StepProblems {
  return (problems.steps[index] ??= { fields: {}, step: [] });
}

function checkSteps(draft: LineDraft, problems: LineProblems): void {
  const ids = draft.steps.map((step) => step.id.trim());
  const put = (index: number, field: StepField, problem: LineProblem) => {
    stepProblems(problems, index).fields[field] ??= problem;
  };
  draft.steps.forEach((step, index) => {
    const id = ids[index]!;
    if (!STEP_ID.test(id)) put(index, 'id', { key: 'stepId' });
    else if (ids.indexOf(id) !== index) put(index, 'id', { key: 'duplicateStep', id });
    if (step.kind !== 'queue' && step.prompt.trim() === '') put(index, 'prompt', { key: 'pickPrompt' });
    if (step.kind === 'ask') {
      const keys = step.options.map((option) => option.key.trim());
      step.options.forEach((option, at) => {
        const key = keys[at]!;
        if (!DIGIT.test(key)) put(index, 'options', { key: 'digit' });
        else if (keys.indexOf(key) !== at) put(index, 'options', { key: 'duplicateKey', digit: key });
        if (option.to === '') put(index, 'options', { key: 'target' });
      });
      const { timeout, repeats } = LIMITS;
      if (wholeIn(step.timeout, timeout.min, timeout.max) === null) put(index, 'timeout', { key: 'range', ...timeout });
      if (wholeIn(step.repeats, repeats.min, repeats.max) === null) put(index, 'repeats', { key: 'range', ...repeats });
    }
    if (step.kind === 'queue' && step.topic.trim().length > 100) put(index, 'topic', { key: 'tooLong', max: 100 });
  });
}

/** Each menuProblems finding under the step it names (the start field when that step is missing). */
function placeMenuProblems(
  draft: LineDraft,
  menu: VoiceMenu,
  hasPrompt: (prompt: string) => boolean,
  problems: LineProblems,
) {
  for (const found of menuProblems(menu, hasPrompt)) {
    const index = draft.steps.findIndex((step) => step.id.trim() === found.node);
    const problem = menuReason(found.message);
    if (index < 0) problems.fields.start ??= problem;
    else stepProblems(problems, index).step.push(problem);
  }
}

function hoursOf(draft: LineDraft, problems: LineProblems): BusinessHours | null {
  if (draft.hours === 'always') return null;
  if (draft.days.length === 0) problems.fields.days = { key: 'days' };
  const opens = minutesOf(draft.opens);
  let closes = minutesOf(draft.closes);
  // "00:00" as the closing time is midnight at the end of the day.
  if (closes === 0) closes = 24 * 60;
  if (opens === null) problems.fields.opens = { key: 'clock' };
  if (closes === null) problems.fields.closes = { key: 'clock' };
  else if (opens !== null && closes <= opens) problems.fields.closes = { key: 'order' };
  const timeZone = draft.timeZone.trim();
  if (timeZone !== '' && !isTimeZone(timeZone)) problems.fields.timeZone = { key: 'timeZone' };
  if (opens === null || closes === null) return null;
  const week = Array.from({ length: 7 }, (_, day): [number, number][] =>
    draft.days.includes(day) ? [[opens, closes]] : [],
  );
  return timeZone === ''
    ? { utcOffsetMinutes: draft.utcOffsetMinutes, week }
    : { utcOffsetMinutes: draft.utcOffsetMinutes, timeZone, week };
}

/**
 * The line to send, or the problems under each field and step. `hasPrompt` answers which prompts a
 * menu may play (the list lines.list gives). Text is trimmed; nothing is dropped silently.
 */
export function checkLineDraft(
  draft: LineDraft,
  hasPrompt: (prompt: string) => boolean,
): { ok: true; line: ServiceLineInput } | { ok: false; problems: LineProblems } {
  const problems = noProblems();
  const { fields } = problems;
  const number = draft.number.trim();
  const name = draft.name.trim();
  if (number === '') fields.number = { key: 'empty' };
  else if (!LINE_NUMBER.test(number)) fields.number = { key: 'number' };
  if (name === '') fields.name = { key: 'empty' };
  else if (name.length > 100) fields.name = { key: 'tooLong', max: 100 };
  const maxWait = wholeIn(draft.maxWait, LIMITS.maxWait.min, LIMITS.maxWait.max);
  if (maxWait === null) fields.maxWait = { key: 'range', ...LIMITS.maxWait };
  const announce = wholeIn(draft.announce, LIMITS.announce.min, LIMITS.announce.max);
  if (announce === null) fields.announce = { key: 'range', ...LIMITS.announce };
  const digit = draft.overflowDigit.trim();
  if (draft.overflow === 'callback' && !DIGIT.test(digit)) fields.overflowDigit = { key: 'digit' };
  if (draft.overflow === 'group' && draft.overflowGroupId === '') fields.overflowGroupId = { key: 'pickGroup' };
  const hours = hoursOf(draft, problems);
  const { retentionDays } = draft.recording;
  if (!Number.isInteger(retentionDays) || retentionDays < 1 || retentionDays > 3650) {
    fields.retentionDays = { key: 'range', min: 1, max: 3650 };
  }

  let menu: VoiceMenu | null = null;
  if (draft.steps.length > 0) {
    checkSteps(draft, problems);
    menu = {
      start: draft.start,
      nodes: Object.fromEntries(draft.steps.map((step) => [step.id.trim(), nodeOf(step)])),
    };
    // The menu's shape is judged once every step can be read (ids, keys and targets all given).
    if (Object.keys(problems.steps).length === 0) placeMenuProblems(draft, menu, hasPrompt, problems);
  }

  if (hasProblems(problems) || maxWait === null || announce === null) return { ok: false, problems };
  return {
    ok: true,
    line: {
      number,
      name,
      language: draft.language,
      hours,
      menu,
      groupId: draft.groupId === '' ? null : draft.groupId,
      maxWaitSeconds: maxWait,
      announceEverySeconds: announce,
      overflow:
        draft.overflow === 'callback' ? { kind: 'callback', digit } : { kind: 'group', groupId: draft.overflowGroupId },
      recording: draft.recording,
    },
  };
}

const HUB_FIELDS: Record<string, LineField> = {
  number: 'number',
  name: 'name',
  language: 'language',
  groupId: 'groupId',
  maxWaitSeconds: 'maxWait',
  announceEverySeconds: 'announce',
  overflow: 'overflowDigit',
  'overflow.digit': 'overflowDigit',
  'overflow.groupId': 'overflowGroupId',
  'hours.timeZone': 'timeZone',
  hours: 'days',
  'menu.start': 'start',
};

const HUB_STEP_FIELDS: Record<string, StepField> = {
  prompt: 'prompt',
  options: 'options',
  timeoutSeconds: 'timeout',
  repeats: 'repeats',
  fallback: 'fallback',
  next: 'next',
  groupId: 'groupId',
  topic: 'topic',
};

/**
 * The hub's issues placed under the same fields and steps: "maxWaitSeconds", "overflow.digit",
 * "menu.nodes.main.prompt", or a menu problem (path "menu" or "menu.nodes.<id>") under the step it names.
 */
export function hubProblems(error: ErrorInfo | null, draft: LineDraft): LineProblems {
  const problems = noProblems();
  const stepIndex = (id: string) => draft.steps.findIndex((step) => step.id.trim() === id);
  for (const issue of error?.issues ?? []) {
    const reason = menuReason(issue.message);
    const path = issue.path;
    const node = /^menu\.nodes\.([^.]+)(?:\.([^.]+))?/.exec(path);
    const named = reason.key !== 'hub' && 'step' in reason ? reason.step : null;
    const index = node ? stepIndex(node[1]!) : path.startsWith('menu') && named !== null ? stepIndex(named) : -1;
    if (index >= 0) {
      const field = node?.[2] ? HUB_STEP_FIELDS[node[2]] : undefined;
      if (field) stepProblems(problems, index).fields[field] ??= reason;
      else stepProblems(problems, index).step.push(reason);
      continue;
    }
    const field =
      reason.key === 'missingStart'
        ? 'start'
        : (HUB_FIELDS[path] ?? (path.startsWith('hours.') ? 'days' : path.startsWith('menu') ? 'menu' : undefined));
    if (field) problems.fields[field] ??= reason;
    else problems.other.push(reason);
  }
  return problems;
}
