/**
 * Turns the SQLite-flavoured SQL the repositories are written in into PostgreSQL's. Only the
 * differences the hub's statements use are translated; a statement that needs more (json
 * functions, full-text search) asks `db.engine` and carries its own PostgreSQL text.
 */

export interface Translated {
  text: string;
  /** The table an INSERT writes, when it has no RETURNING of its own (for lastInsertRowid). */
  insertInto: string | null;
}

/** Replaces `?` placeholders with `$1…$n`, leaving quoted strings and identifiers alone. */
export function numberPlaceholders(sql: string): string {
  let out = '';
  let n = 0;
  let quote: string | null = null;
  for (const char of sql) {
    if (quote) {
      if (char === quote) quote = null;
      out += char;
    } else if (char === "'" || char === '"') {
      quote = char;
      out += char;
    } else if (char === '?') {
      out += `$${++n}`;
    } else {
      out += char;
    }
  }
  return out;
}

const INSERT_OR_IGNORE = /^\s*INSERT\s+OR\s+IGNORE\s+INTO\b/i;
const RETURNING = /\bRETURNING\b/i;
const INSERT_TABLE = /^\s*INSERT\s+(?:OR\s+\w+\s+)?INTO\s+("?\w+"?)/i;

function outsideStrings(sql: string, replace: (code: string) => string): string {
  // Splits on single-quoted literals ('' escapes included) so rewrites never touch text data.
  return sql
    .split(/('(?:[^']|'')*')/)
    .map((part, i) => (i % 2 === 1 ? part : replace(part)))
    .join('');
}

/** Rewrites every call `name(args)` (parentheses matched, quotes respected) with `rewrite(args)`. */
export function rewriteCalls(sql: string, name: string, rewrite: (args: string) => string): string {
  const start = new RegExp(`\\b${name}\\(`, 'gi');
  let out = '';
  let from = 0;
  for (let match = start.exec(sql); match; match = start.exec(sql)) {
    // An odd number of quotes before it: the name is inside a string literal ('' escapes count twice).
    if ((sql.slice(0, match.index).match(/'/g)?.length ?? 0) % 2 === 1) continue;
    let depth = 1;
    let quote = false;
    let i = match.index + match[0].length;
    for (; i < sql.length && depth > 0; i++) {
      const char = sql[i];
      if (char === "'") quote = !quote;
      else if (!quote && char === '(') depth++;
      else if (!quote && char === ')') depth--;
    }
    const args = sql.slice(match.index + match[0].length, i - 1);
    out += sql.slice(from, match.index) + rewrite(rewriteCalls(args, name, rewrite));
    from = i;
    start.lastIndex = i;
  }
  return out + sql.slice(from);
}

/** SQLite's JSON1 functions the hub uses, in PostgreSQL's jsonb (JSON null reads as SQL NULL, as in SQLite). */
function translateJson(sql: string): string {
  let text = rewriteCalls(sql, 'json_group_array', (args) => `coalesce(json_agg(${args})::text, '[]')`);
  text = rewriteCalls(text, 'json_extract', (args) => {
    const match = /^([\s\S]+),\s*'\$\.([\w.]+)'\s*$/.exec(args);
    if (!match) throw new Error(`json_extract path not translatable: ${args}`);
    return `nullif((${match[1]})::jsonb #> '{${match[2]!.replaceAll('.', ',')}}', 'null')`;
  });
  return rewriteCalls(text, 'json_each', (args) => `jsonb_array_elements_text(CAST(${args} AS jsonb))`);
}

const NOT_AN_ALIAS = /^\s*($|\)|,|;|WHERE\b|GROUP\b|ORDER\b|LIMIT\b|UNION\b|JOIN\b|LEFT\b|INNER\b|CROSS\b|ON\b)/i;

/** PostgreSQL requires a name for every subquery in FROM; SQLite does not. */
export function nameSubqueries(sql: string): string {
  const opening = /\b(FROM|JOIN)\s*\(\s*SELECT\b/gi;
  const closes: number[] = [];
  for (let match = opening.exec(sql); match; match = opening.exec(sql)) {
    if ((sql.slice(0, match.index).match(/'/g)?.length ?? 0) % 2 === 1) continue;
    let depth = 0;
    let quote = false;
    let i = sql.indexOf('(', match.index);
    for (; i < sql.length; i++) {
      const char = sql[i];
      if (char === "'") quote = !quote;
      else if (!quote && char === '(') depth++;
      else if (!quote && char === ')' && --depth === 0) break;
    }
    if (NOT_AN_ALIAS.test(sql.slice(i + 1))) closes.push(i + 1);
  }
  let out = sql;
  closes
    .sort((a, b) => b - a)
    .forEach((at, n) => {
      out = `${out.slice(0, at)} AS okno_sub${n}${out.slice(at)}`;
    });
  return out;
}

/** An alias quoted where it is made (`AS "agentName"`) must be quoted where ORDER BY or GROUP BY use it. */
function quoteAliasReferences(sql: string): string {
  const aliases = new Set([...sql.matchAll(/\bAS "([a-z][a-z0-9_]*[A-Z]\w*)"/g)].map((m) => m[1]!));
  let text = sql;
  for (const alias of aliases) {
    text = outsideStrings(text, (code) =>
      code.replace(new RegExp(`(?<![".\\w])${alias}(?![\\w"])`, 'g'), `"${alias}"`),
    );
  }
  return text;
}

export function translate(sql: string): Translated {
  let text = outsideStrings(nameSubqueries(translateJson(sql)), (code) =>
    code
      .replace(/\bgroup_concat\(\s*([^,()]+(?:\([^()]*\))?)\s*\)/gi, "string_agg(($1)::text, ',')")
      .replace(/\bgroup_concat\(/gi, 'string_agg(')
      .replace(/\bNOT\s+LIKE\b/gi, 'NOT ILIKE')
      .replace(/(?<!NOT\s+)\bLIKE\b/gi, 'ILIKE')
      .replace(/\bAS\s+INTEGER\s*\)/gi, 'AS BIGINT)')
      .replace(/\bAS\s+REAL\s*\)/gi, 'AS DOUBLE PRECISION)')
      .replace(/\bCOLLATE\s+NOCASE\b/gi, '')
      // PostgreSQL folds unquoted names to lower case; SQLite keeps `AS agentId` as written.
      .replace(/\bAS\s+([a-z][a-z0-9_]*[A-Z]\w*)/g, 'AS "$1"')
      // A bare `? IS NULL` gives PostgreSQL no type for the parameter: any value reads as text here.
      .replace(/\?\s+IS\s+(NOT\s+)?NULL\b/gi, (_m, not: string | undefined) => `CAST(? AS TEXT) IS ${not ?? ''}NULL`)
      // `x IS ?` compares with NULL too in SQLite; PostgreSQL spells it IS [NOT] DISTINCT FROM.
      .replace(/\bIS\s+NOT\s+\?/gi, 'IS DISTINCT FROM ?')
      .replace(/\bIS\s+\?/gi, 'IS NOT DISTINCT FROM ?')
      // The same between two columns: `a IS NOT b`, `a IS b`.
      .replace(/\bIS\s+NOT\s+(?!NULL\b|TRUE\b|FALSE\b|DISTINCT\b)([A-Za-z_][\w.]*)/gi, 'IS DISTINCT FROM $1')
      .replace(/\bIS\s+(?!NOT\b|NULL\b|TRUE\b|FALSE\b|DISTINCT\b)([A-Za-z_][\w.]*)/gi, 'IS NOT DISTINCT FROM $1')
      // SQLite's index hints; PostgreSQL's planner chooses for itself.
      .replace(/\bINDEXED\s+BY\s+\w+/gi, ''),
  );
  text = quoteAliasReferences(text);
  if (INSERT_OR_IGNORE.test(text)) {
    text = text.replace(/^\s*INSERT\s+OR\s+IGNORE\s+INTO\b/i, 'INSERT INTO');
    const returning = RETURNING.exec(text);
    text = returning
      ? `${text.slice(0, returning.index)}ON CONFLICT DO NOTHING ${text.slice(returning.index)}`
      : `${text.trimEnd().replace(/;$/, '')} ON CONFLICT DO NOTHING`;
  }
  const table = INSERT_TABLE.exec(text);
  return {
    text: numberPlaceholders(text),
    insertInto: table && !RETURNING.test(text) ? table[1]!.replace(/"/g, '') : null,
  };
}
