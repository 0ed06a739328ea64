/**
 * A complaint's field values checked against its type (decision 0035): every required field present,
 * each value of its kind (a number, a real YYYY-MM-DD day, one of the options), no field the type
 * lacks. Problems name the field by its label and its id.
 */
import type { FieldDef, FieldValue, FieldValues } from './registerSchemas.js';

export interface FieldProblem {
  path: string;
  message: string;
}

function isDay(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const date = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return date.toISOString().slice(0, 10) === text;
}

function isEmpty(value: FieldValue | undefined): boolean {
  return value === undefined || (typeof value === 'string' && value.trim() === '');
}

/** The values normalized (numbers typed as text become numbers, empty text dropped) and the problems found. */
export function checkFieldValues(
  defs: readonly FieldDef[],
  values: FieldValues,
): { values: FieldValues; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const out: FieldValues = {};
  const known = new Map(defs.map((d) => [d.id, d]));
  for (const id of Object.keys(values)) {
    if (!known.has(id)) problems.push({ path: `fields.${id}`, message: `the type has no field "${id}"` });
  }
  for (const def of defs) {
    const raw = values[def.id];
    const name = `"${def.label.en}" (${def.id})`;
    if (isEmpty(raw)) {
      if (def.required) problems.push({ path: `fields.${def.id}`, message: `the required field ${name} is empty` });
      continue;
    }
    const value = typeof raw === 'string' ? raw.trim() : (raw as number);
    switch (def.kind) {
      case 'number': {
        const n = typeof value === 'number' ? value : Number(value.replace(',', '.'));
        if (!Number.isFinite(n)) problems.push({ path: `fields.${def.id}`, message: `${name} must be a number` });
        else out[def.id] = n;
        break;
      }
      case 'date':
        if (typeof value !== 'string' || !isDay(value)) {
          problems.push({ path: `fields.${def.id}`, message: `${name} must be a day written YYYY-MM-DD` });
        } else out[def.id] = value;
        break;
      case 'choice':
        if (typeof value !== 'string' || !def.options.includes(value)) {
          problems.push({
            path: `fields.${def.id}`,
            message: `${name} must be one of ${def.options.map((o) => `"${o}"`).join(', ')}`,
          });
        } else out[def.id] = value;
        break;
      case 'text':
        out[def.id] = String(value);
        break;
    }
  }
  return { values: out, problems };
}
