/**
 * The pure logic of "Your recordings" on the Lines tab: a lead's own voice prompt, checked in the
 * app with checkPromptWav (the check the hub runs) before it is sent as base64, the hub's refusals
 * placed under the same fields, and which prompts a menu may then play. checkPromptWav's English
 * sentences become keys under admin.lines.recordings.error, so the form says them in the app's
 * language; a sentence it does not know is shown after a translated line.
 */
import { checkPromptWav, PROMPT_MAX_BYTES } from '../../../../shared/calls/promptAudio.js';
import type { ErrorInfo } from '../../../../shared/errors.js';
import type { RequestOutput } from '../../../../shared/contract.js';

/** An uploaded recording as lines.list lists it (`upload:<uuid>`, its name, its length). */
export type Recording = RequestOutput<'prompts.upload'>;

/** A file the lead picked: its bytes and what checkPromptWav found wrong in them (null: nothing). */
export interface PickedFile {
  bytes: Uint8Array;
  problem: RecordingProblem | null;
}

export interface RecordingDraft {
  name: string;
  /** null until a file is picked. */
  file: PickedFile | null;
}

export type RecordingField = 'file' | 'name';

export type RecordingProblem =
  | { key: 'empty' }
  | { key: 'tooLong'; max: number }
  | { key: 'pickFile' }
  | { key: 'tooBig'; size: number; max: number }
  | { key: 'notWav' }
  | { key: 'noFormat' }
  | { key: 'compressed' }
  | { key: 'channels'; channels: number }
  | { key: 'bits'; bits: number }
  | { key: 'rate'; rate: number }
  | { key: 'short' }
  | { key: 'noData' }
  /** A line's menu plays the recording (the hub names the line). */
  | { key: 'inUse'; line: string }
  /** The hub's own words, shown after a translated line. */
  | { key: 'hub'; message: string };

export type RecordingProblems = Partial<Record<RecordingField | 'other', RecordingProblem>>;

/** The longest name the hub keeps. */
export const NAME_MAX = 100;

export const emptyRecording = (): RecordingDraft => ({ name: '', file: null });

/** The bytes as base64, in slices small enough for String.fromCharCode's argument list. */
export function base64Of(bytes: Uint8Array): string {
  let binary = '';
  const slice = 0x8000;
  for (let at = 0; at < bytes.length; at += slice) {
    binary += String.fromCharCode(...bytes.subarray(at, at + slice));
  }
  return btoa(binary);
}

/** A picked file's bytes and their check. */
export function pickedFile(buffer: ArrayBuffer): PickedFile {
  const bytes = new Uint8Array(buffer);
  const check = checkPromptWav(bytes);
  return { bytes, problem: check.ok ? null : audioReason(check.message) };
}

/** A file too large to be a prompt is refused from its size, without reading it. */
export function oversizedFile(size: number): PickedFile | null {
  if (size <= PROMPT_MAX_BYTES) return null;
  return {
    bytes: new Uint8Array(0),
    problem: { key: 'tooBig', size: Math.round(size / 1024), max: PROMPT_MAX_BYTES / 1024 },
  };
}

/** A file name without its folder and extension, as a starting name ("Greeting.wav" → "Greeting"). */
export function nameOfFile(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  return base
    .replace(/\.[^.]*$/, '')
    .trim()
    .slice(0, NAME_MAX);
}

/** checkPromptWav's (or the hub's) sentence as a problem the form can say in its own language. */
export function audioReason(message: string): RecordingProblem {
  let match = /^the file is (\d+) KiB; a prompt may be at most (\d+) KiB/.exec(message);
  if (match) return { key: 'tooBig', size: Number(match[1]), max: Number(match[2]) };
  match = /^the WAV file has (\d+) channels; save it as mono$/.exec(message);
  if (match) return { key: 'channels', channels: Number(match[1]) };
  match = /^the WAV file has (\d+)-bit samples; save it as 16-bit$/.exec(message);
  if (match) return { key: 'bits', bits: Number(match[1]) };
  match = /^the sample rate (\d+) Hz is unusual; use 8000 or 16000 Hz$/.exec(message);
  if (match) return { key: 'rate', rate: Number(match[1]) };
  const fixed: Record<string, RecordingProblem> = {
    'the file is not a WAV file (RIFF/WAVE)': { key: 'notWav' },
    'the WAV file has no format chunk before its audio': { key: 'noFormat' },
    'the WAV file is compressed; save it as uncompressed PCM': { key: 'compressed' },
    'the recording is shorter than 0.2 s': { key: 'short' },
    'the WAV file has no audio (no data chunk)': { key: 'noData' },
  };
  return fixed[message] ?? { key: 'hub', message };
}

/** What to send, or the problems under each field. */
export function checkRecordingDraft(
  draft: RecordingDraft,
): { ok: true; upload: { name: string; dataBase64: string } } | { ok: false; problems: RecordingProblems } {
  const problems: RecordingProblems = {};
  const name = draft.name.trim();
  if (name === '') problems.name = { key: 'empty' };
  else if (name.length > NAME_MAX) problems.name = { key: 'tooLong', max: NAME_MAX };
  if (!draft.file) problems.file = { key: 'pickFile' };
  else if (draft.file.problem) problems.file = draft.file.problem;
  if (!draft.file || Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, upload: { name, dataBase64: base64Of(draft.file.bytes) } };
}

/** The hub's issues ("dataBase64", "name") under the same fields; others below the form. */
export function hubRecordingProblems(error: ErrorInfo | null): RecordingProblems {
  const problems: RecordingProblems = {};
  for (const issue of error?.issues ?? []) {
    const field = issue.path === 'dataBase64' ? 'file' : issue.path === 'name' ? 'name' : 'other';
    problems[field] ??= field === 'file' ? audioReason(issue.message) : { key: 'hub', message: issue.message };
  }
  return problems;
}

/**
 * Why the hub refused to delete a recording: a line plays it (named; the core puts its own prefix
 * before the hub's sentence), or null for any other error.
 */
export function deleteRefusal(error: ErrorInfo): RecordingProblem | null {
  if (error.code !== 'conflict') return null;
  const match = /(?:^|: )line "(.*)" plays this prompt/.exec(error.message);
  return match ? { key: 'inUse', line: match[1]! } : null;
}

/** The id prompts.delete takes: the uuid of `upload:<uuid>`. */
export const bareId = (id: string): string => (id.startsWith('upload:') ? id.slice('upload:'.length) : id);

/** Which prompts a menu may play: the shipped names and the recordings uploaded (`upload:<uuid>`). */
export function promptKnower(prompts: readonly string[], uploads: readonly Recording[]): (prompt: string) => boolean {
  const known = new Set([...prompts, ...uploads.map((upload) => upload.id)]);
  return (prompt) => known.has(prompt);
}

/**
 * The choices of a step's prompt picker: none yet, the shipped prompts, then the recordings (by
 * name). A prompt neither names (one removed since) is kept selectable under its own name.
 */
export function promptChoices(
  prompts: readonly string[],
  uploads: readonly Recording[],
  current: string,
  empty: string,
): { value: string; label: string }[] {
  const known = promptKnower(prompts, uploads);
  return [
    { value: '', label: empty },
    ...(current !== '' && !known(current) ? [{ value: current, label: current }] : []),
    ...prompts.map((p) => ({ value: p, label: p })),
    ...uploads.map((upload) => ({ value: upload.id, label: upload.name })),
  ];
}

/** A recording's length in seconds with one decimal, as the language writes numbers ("3.2", "3,2"). */
export function recordingSeconds(durationMs: number, language: string): string {
  return new Intl.NumberFormat(language, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
    durationMs / 1000,
  );
}
