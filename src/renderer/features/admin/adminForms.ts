/**
 * The pure parts of the team-settings forms: lists typed as text, where the hub's issues belong,
 * the template preview with sample values, and the names of exported files.
 */
import type { ErrorInfo } from '../../../shared/errors.js';
import { renderTemplate } from '../../../shared/templates/renderTemplate.js';
import { parseTemplate } from '../../../shared/templates/templateSyntax.js';
import { templateValues, type TemplateLanguage } from '../../../shared/templates/templateValues.js';
import type { Channel } from '../../../shared/domain.js';

/** "cards, loans,, " → ['cards', 'loans'] (order kept, duplicates dropped). */
export function splitList(text: string): string[] {
  return [...new Set(text.split(',').map((part) => part.trim()))].filter((part) => part !== '');
}

export function joinList(items: readonly string[]): string {
  return items.join(', ');
}

/**
 * The hub's issues under one prefix, keyed by the rest of their path: with the prefix "rules.1",
 * the issue "rules.1.texts.en" becomes the key "texts.en". An empty prefix keeps every path.
 */
export function issuesUnder(error: ErrorInfo | null, prefix: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const issue of error?.issues ?? []) {
    let key: string | null = null;
    if (prefix === '') key = issue.path;
    else if (issue.path === prefix) key = '';
    else if (issue.path.startsWith(`${prefix}.`)) key = issue.path.slice(prefix.length + 1);
    if (key !== null && !(key in found)) found[key] = issue.message;
  }
  return found;
}

/** A problem the hub or the parser names with its place: "line 2, column 16: unknown variable …". */
export interface PlacedProblem {
  line: number | null;
  column: number | null;
  reason: string;
}

/** Splits "line 2, column 16: reason" (or "line 3: reason") so the form can say it in the app's language. */
export function placeProblem(message: string): PlacedProblem {
  const match = /^line (\d+)(?:, column (\d+))?: ([\s\S]*)$/.exec(message);
  if (!match) return { line: null, column: null, reason: message };
  return { line: Number(match[1]), column: match[2] ? Number(match[2]) : null, reason: match[3]! };
}

/** Each problem of a "; "-joined list (the hub joins a text's problems that way). */
export function placeProblems(message: string): PlacedProblem[] {
  return message
    .split(/; (?=line \d)/)
    .filter((part) => part !== '')
    .map(placeProblem);
}

/** A template problem the app can say in its own language (the parser's reasons are English). */
export type KnownReason =
  | { key: 'unknownVariable'; name: string }
  | { key: 'noValue'; name: string }
  | { key: 'unclosed' }
  | { key: 'strayClose' }
  | { key: 'emptyVariable' };

export function knownReason(reason: string): KnownReason | null {
  let match = /^unknown variable "\{([^}]*)\}"/.exec(reason);
  if (match) return { key: 'unknownVariable', name: `{${match[1]}}` };
  match = /^no value for \{([^}]*)\}$/.exec(reason);
  if (match) return { key: 'noValue', name: `{${match[1]}}` };
  if (reason.startsWith('a "{" is not closed on its line')) return { key: 'unclosed' };
  if (reason.startsWith('a "}" without its "{"')) return { key: 'strayClose' };
  if (reason === 'an empty variable "{}"') return { key: 'emptyVariable' };
  return null;
}

export type Preview = { ok: true; text: string } | { ok: false; problems: PlacedProblem[] };

/** The fixed "now" of previews, so a preview reads the same every time (a Monday morning). */
export const PREVIEW_NOW = Date.UTC(2026, 2, 2, 7, 30);

/** The sample customer, agent and thread the preview fills a template with. */
export function sampleValues(language: TemplateLanguage, agentName: string, channel: Channel | null) {
  return templateValues({
    language,
    now: PREVIEW_NOW,
    utcOffsetMinutes: 180,
    customer: { name: language === 'ru' ? 'Анна Петрова' : 'Anna Peterson' },
    agent: { name: agentName },
    thread: { number: 1042, channel: channel ?? 'webchat' },
    opening: PREVIEW_NOW + 90 * 60_000,
    waitMinutes: 4,
  });
}

/** The text as a customer would get it from the sample thread, or every problem with its line and column. */
export function previewTemplate(
  text: string,
  language: TemplateLanguage,
  agentName: string,
  channel: Channel | null,
): Preview {
  const parsed = parseTemplate(text);
  if (!parsed.ok) {
    return {
      ok: false,
      problems: parsed.problems.map((p) => ({ line: p.line, column: p.column, reason: p.reason })),
    };
  }
  const rendered = renderTemplate(text, sampleValues(language, agentName, channel));
  if (rendered.ok) return { ok: true, text: rendered.text };
  return { ok: false, problems: rendered.problems.map((p) => ({ line: null, column: null, reason: p.reason })) };
}

/** "okno-templates-2026-11-25.csv" (the date in UTC, as everywhere in storage). */
export function exportFileName(format: 'json' | 'csv', now: number): string {
  return `okno-templates-${new Date(now).toISOString().slice(0, 10)}.${format}`;
}

/** The import format from a file's name, or null when it is neither. */
export function importFormatOf(fileName: string): 'json' | 'csv' | null {
  const extension = /\.([a-z]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  return extension === 'json' || extension === 'csv' ? extension : null;
}

/** Templates by folder, folders and titles in alphabetical order; the unnamed folder first. */
export function byFolder<T extends { folder: string; title: string }>(templates: readonly T[]): [string, T[]][] {
  const folders = new Map<string, T[]>();
  for (const template of templates) {
    const list = folders.get(template.folder) ?? [];
    list.push(template);
    folders.set(template.folder, list);
  }
  return [...folders.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([folder, list]) => [folder, [...list].sort((a, b) => a.title.localeCompare(b.title))]);
}
