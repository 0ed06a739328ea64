/**
 * Filling a template's variables. For an agent, a value that is not known (and has no fallback)
 * is an error shown in the preview; for a customer-facing automatic message it is left out, so raw
 * braces can never reach a customer.
 */
import { parseTemplate, type TemplateProblem, type TemplateVariable } from './templateSyntax.js';

export type TemplateValues = Partial<Record<TemplateVariable, string>>;

export type RenderResult =
  { ok: true; text: string } | { ok: false; problems: TemplateProblem[]; missing: TemplateVariable[] };

/** Strict: every variable needs a value or a fallback. */
export function renderTemplate(source: string, values: TemplateValues): RenderResult {
  const parsed = parseTemplate(source);
  if (!parsed.ok) return { ok: false, problems: parsed.problems, missing: [] };
  const missing: TemplateVariable[] = [];
  let text = '';
  for (const segment of parsed.segments) {
    if (segment.kind === 'text') text += segment.text;
    else {
      const value = values[segment.name] ?? segment.fallback;
      if (value === null || value === undefined || value === '') missing.push(segment.name);
      else text += value;
    }
  }
  if (missing.length > 0) {
    return {
      ok: false,
      missing,
      problems: missing.map((name) => ({ line: 0, column: 0, reason: `no value for {${name}}` })),
    };
  }
  return { ok: true, text };
}

/** Marks where a value was missing (a private-use character no template contains). */
const HOLE = '\uE000';
const HOLE_WITH_SPACING = /[ \t]*,?[ \t]*\uE000[ \t]*/g;

/**
 * For text a customer receives without an agent's review: unknown values drop out and the spacing
 * and punctuation around them are tidied ("Hello, {customer.firstName}!" → "Hello!"). A template
 * that does not parse gives null: the caller sends nothing rather than something broken.
 */
export function renderForCustomer(source: string, values: TemplateValues): string | null {
  const parsed = parseTemplate(source);
  if (!parsed.ok) return null;
  let text = '';
  for (const segment of parsed.segments) {
    if (segment.kind === 'text') text += segment.text;
    else text += values[segment.name] || segment.fallback || HOLE;
  }
  return text
    .replace(HOLE_WITH_SPACING, (match, offset: number, whole: string) => {
      const next = whole[offset + match.length];
      return next === undefined || /[\s.,!?;:)]/.test(next) ? '' : ' ';
    })
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}
