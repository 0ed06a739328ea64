/**
 * Auto-reply rules a lead edits: when (trigger), where (channels, topics), what (text per
 * language, with template variables) and how often (once per thread).
 */
import { z } from 'zod';
import { Channel, Id } from '../domain.js';
import { jsonErrorAt } from '../text/jsonErrorAt.js';
import { describeIssues } from '../validation.js';
import { TemplateText } from '../templates/template.js';

export const AutoReplyTrigger = z.discriminatedUnion('kind', [
  /** The customer's first message opened the thread. */
  z.object({ kind: z.literal('first_message') }),
  /** A customer message has waited this long without an agent's answer. */
  z.object({ kind: z.literal('no_answer'), seconds: z.number().int().min(1).max(86_400) }),
  /** The estimated wait for this thread is above this many minutes. */
  z.object({
    kind: z.literal('wait_above'),
    minutes: z
      .number()
      .min(0)
      .max(24 * 60),
  }),
  /** A customer wrote while the contact center is closed. */
  z.object({ kind: z.literal('outside_hours') }),
  /** An agent closed the thread. */
  z.object({ kind: z.literal('thread_closed') }),
  /** The agent of the thread went away or offline with it still open. */
  z.object({ kind: z.literal('agent_away') }),
]);
export type AutoReplyTrigger = z.infer<typeof AutoReplyTrigger>;
export type TriggerKind = AutoReplyTrigger['kind'];

export const AutoReplyRuleInput = z.object({
  name: z.string().trim().min(1, 'name is empty').max(200),
  enabled: z.boolean().default(true),
  trigger: AutoReplyTrigger,
  /** Empty: every channel. */
  channels: z.array(Channel).default([]),
  /** Empty: every topic (and threads without one). */
  topics: z.array(z.string().min(1).max(100)).default([]),
  /** Per language; a thread in a language without a text gets the first text listed. */
  texts: z.partialRecord(z.enum(['en', 'ru']), TemplateText).refine((t) => Object.keys(t).length > 0, {
    message: 'a rule needs a text in at least one language',
  }),
  oncePerThread: z.boolean().default(true),
});
export type AutoReplyRuleInput = z.infer<typeof AutoReplyRuleInput>;

export const AutoReplyRule = AutoReplyRuleInput.extend({ id: Id });
export type AutoReplyRule = z.infer<typeof AutoReplyRule>;

export class RuleSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
    this.name = 'RuleSyntaxError';
  }
}

/**
 * Reads a JSON array of rules as a lead would upload it. A syntax error names its line; a rule
 * that parses but is wrong names the line where that rule starts and what is wrong with it.
 */
export function parseRulesJson(source: string): AutoReplyRuleInput[] {
  let json: unknown;
  try {
    json = JSON.parse(source);
  } catch (error) {
    const where = jsonErrorAt(source);
    throw new RuleSyntaxError(where?.line ?? 1, where?.reason ?? (error as Error).message);
  }
  if (!Array.isArray(json)) throw new RuleSyntaxError(1, 'expected a JSON array of rules');
  const starts = objectStartLines(source);
  return json.map((item, index) => {
    const parsed = AutoReplyRuleInput.safeParse(item);
    if (!parsed.success)
      throw new RuleSyntaxError(starts[index] ?? 1, `rule ${index + 1}: ${describeIssues(parsed.error)}`);
    return parsed.data;
  });
}

/** Line of each top-level "{" inside the outer array. */
function objectStartLines(source: string): number[] {
  const lines: number[] = [];
  let depth = 0;
  let line = 1;
  let inString = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\n') line++;
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '[' || ch === '{') {
      if (ch === '{' && depth === 1) lines.push(line);
      depth++;
    } else if (ch === ']' || ch === '}') depth--;
  }
  return lines;
}
