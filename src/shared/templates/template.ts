/** A reply template of the shared library or an agent's personal set. */
import { z } from 'zod';
import { Channel, Id, Millis } from '../domain.js';
import { describeProblems, parseTemplate } from './templateSyntax.js';

export const TemplateLanguage = z.enum(['en', 'ru']);

export const TemplateText = z
  .string()
  .trim()
  .min(1, 'template text is empty')
  .max(4000, 'template text is longer than 4000 characters')
  .superRefine((text, ctx) => {
    const parsed = parseTemplate(text);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: describeProblems(parsed.problems) });
  });

export const TemplateBody = z.object({
  language: TemplateLanguage,
  /** null: for every channel without a variant of its own (a short messenger form, an email form with signature). */
  channel: Channel.nullable().default(null),
  text: TemplateText,
});
export type TemplateBody = z.infer<typeof TemplateBody>;

export const TemplateInput = z.object({
  folder: z.string().trim().max(100).default(''),
  title: z.string().trim().min(1, 'title is empty').max(200),
  tags: z.array(z.string().trim().min(1).max(50)).max(20).default([]),
  /** A key chord such as "Alt+1"; unique within what one agent sees. */
  hotkey: z
    .string()
    .trim()
    .regex(/^(?:(?:Ctrl|Alt|Shift|Meta)\+)*[A-Za-z0-9]$/, 'hotkey must look like Alt+1 or Ctrl+Shift+K')
    .nullable()
    .default(null),
  bodies: z.array(TemplateBody).min(1, 'a template needs at least one text'),
  /**
   * The text asks for or carries card or identity data: call recording pauses while it is on screen
   * (issue 16). Absent: not sensitive, and an edit from an app that does not know the flag keeps it.
   */
  sensitive: z.boolean().optional(),
});
export type TemplateInput = z.infer<typeof TemplateInput>;

export const Template = TemplateInput.extend({
  id: Id,
  scope: z.enum(['shared', 'personal']),
  /** The agent a personal template belongs to; null for the shared library. */
  ownerId: Id.nullable(),
  updatedAt: Millis,
});
export type Template = z.infer<typeof Template>;

/** The text for a language and channel: the channel's own variant, else the language's general one, else any. */
export function pickBody(
  template: Pick<Template, 'bodies'>,
  language: 'en' | 'ru',
  channel: Channel | null,
): TemplateBody | null {
  const { bodies } = template;
  return (
    bodies.find((b) => b.language === language && b.channel === channel) ??
    bodies.find((b) => b.language === language && b.channel === null) ??
    bodies.find((b) => b.language === language) ??
    bodies[0] ??
    null
  );
}

/** Cyrillic letters outnumbering Latin ones means Russian. */
export function detectLanguage(text: string): 'en' | 'ru' {
  const cyrillic = (text.match(/[\u0400-\u04ff]/g) ?? []).length;
  const latin = (text.match(/[a-z]/gi) ?? []).length;
  return cyrillic > 0 && cyrillic >= latin ? 'ru' : 'en';
}
