/**
 * Template text: `{customer.firstName}` inserts a variable, `{customer.firstName|there}` gives a
 * fallback for when the value is unknown, `{{` and `}}` write literal braces. Parsing names every
 * problem with its line and column, so a bad template is refused before anyone can send it.
 */

export const TEMPLATE_VARIABLES = [
  'customer.name',
  'customer.firstName',
  'agent.name',
  'agent.firstName',
  'thread.number',
  'thread.channel',
  'date.today',
  'date.tomorrow',
  'time.now',
  'hours.opening',
  'queue.waitMinutes',
] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

export function isTemplateVariable(name: string): name is TemplateVariable {
  return (TEMPLATE_VARIABLES as readonly string[]).includes(name);
}

export type Segment = { kind: 'text'; text: string } | { kind: 'var'; name: TemplateVariable; fallback: string | null };

export interface TemplateProblem {
  line: number;
  column: number;
  reason: string;
}

export type ParsedTemplate = { ok: true; segments: Segment[] } | { ok: false; problems: TemplateProblem[] };

function position(source: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index; i++) {
    if (source[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: index - lineStart + 1 };
}

export function parseTemplate(source: string): ParsedTemplate {
  const segments: Segment[] = [];
  const problems: TemplateProblem[] = [];
  let text = '';
  let i = 0;
  const problem = (index: number, reason: string) => problems.push({ ...position(source, index), reason });
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === '{' && source[i + 1] === '{') {
      text += '{';
      i += 2;
    } else if (ch === '}' && source[i + 1] === '}') {
      text += '}';
      i += 2;
    } else if (ch === '}') {
      problem(i, 'a "}" without its "{" (write "}}" for a literal brace)');
      i++;
    } else if (ch === '{') {
      const close = source.indexOf('}', i + 1);
      const newline = source.indexOf('\n', i + 1);
      if (close < 0 || (newline >= 0 && newline < close)) {
        problem(i, 'a "{" is not closed on its line (write "{{" for a literal brace)');
        i++;
        continue;
      }
      const inner = source.slice(i + 1, close);
      const bar = inner.indexOf('|');
      const name = (bar < 0 ? inner : inner.slice(0, bar)).trim();
      const fallback = bar < 0 ? null : inner.slice(bar + 1).trim();
      if (name === '') problem(i, 'an empty variable "{}"');
      else if (!isTemplateVariable(name)) {
        problem(i, `unknown variable "{${name}}"; known: ${TEMPLATE_VARIABLES.map((v) => `{${v}}`).join(', ')}`);
      } else {
        if (text) segments.push({ kind: 'text', text });
        text = '';
        segments.push({ kind: 'var', name, fallback: fallback === '' ? null : fallback });
      }
      i = close + 1;
    } else {
      text += ch;
      i++;
    }
  }
  if (text) segments.push({ kind: 'text', text });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, segments };
}

export function describeProblems(problems: readonly TemplateProblem[]): string {
  return problems.map((p) => `line ${p.line}, column ${p.column}: ${p.reason}`).join('; ');
}
