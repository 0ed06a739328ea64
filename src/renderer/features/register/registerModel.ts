/**
 * The pure parts of the register's screens: the shortcut, the subject a new complaint starts with,
 * typed field values from what was typed, the list's filters as the contract's input, the conflict
 * a 409 names, and files from base64.
 */
import type {
  Complaint,
  ComplaintStatus,
  ComplaintType,
  FieldDef,
  FieldValue,
  FieldValues,
  ListInput,
} from '../../../shared/register/registerSchemas.js';
import { allowedMoves } from '../../../shared/register/workflow.js';

/** Registers a complaint from the open conversation (Alt+A and Alt+D belong to the phone, Alt+digits to templates). */
export const REGISTER_SHORTCUT = 'Alt+R';

/** Alt+R by the key's place, so it works in the Russian layout too (where the key types "к"). */
export function isRegisterShortcut(event: {
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  code: string;
  defaultPrevented?: boolean;
}): boolean {
  if (event.defaultPrevented) return false;
  return event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey && event.code === 'KeyR';
}

export const SUBJECT_MAX = 300;

/** The subject a new complaint starts with: the thread's subject, else the customer's last words (one line, cut). */
export function startingSubject(threadSubject: string | null | undefined, lastCustomerText: string | null): string {
  const pick = (threadSubject ?? '').trim() || (lastCustomerText ?? '').trim();
  const line = pick.replace(/\s+/g, ' ');
  return line.length <= 120 ? line : `${line.slice(0, 119).trimEnd()}…`;
}

/** The types a new complaint may be of: not retired, in the order the hub gives. */
export function pickableTypes(types: readonly ComplaintType[]): ComplaintType[] {
  return types.filter((type) => !type.retired);
}

/** What was typed in each field, as text (the form's state). */
export type FieldDrafts = Record<string, string>;

/** The form's text for each field of the type from stored values. */
export function draftsOf(type: ComplaintType | null, values: FieldValues): FieldDrafts {
  const drafts: FieldDrafts = {};
  for (const field of type?.fields ?? []) {
    const value = values[field.id];
    drafts[field.id] = value === undefined ? '' : String(value);
  }
  return drafts;
}

export type FieldProblem = 'missing' | 'notNumber' | 'notDate' | 'notOption';

export interface TypedFields {
  values: FieldValues;
  /** Field id → what is wrong with it; empty when every field is fine. */
  problems: Record<string, FieldProblem>;
}

/**
 * The typed values of a type's fields (numbers as numbers, dates YYYY-MM-DD); an empty field is left
 * out. A required field left empty or a value of the wrong kind is named (the hub checks again).
 */
export function typedFields(fields: readonly FieldDef[], drafts: FieldDrafts): TypedFields {
  const values: FieldValues = {};
  const problems: Record<string, FieldProblem> = {};
  for (const field of fields) {
    const text = (drafts[field.id] ?? '').trim();
    if (text === '') {
      if (field.required) problems[field.id] = 'missing';
      continue;
    }
    const value = typedValue(field, text);
    if (typeof value === 'object') problems[field.id] = value.problem;
    else values[field.id] = value;
  }
  return { values, problems };
}

function typedValue(field: FieldDef, text: string): FieldValue | { problem: FieldProblem } {
  switch (field.kind) {
    case 'number': {
      const n = Number(text.replace(/\s/g, '').replace(',', '.'));
      return Number.isFinite(n) ? n : { problem: 'notNumber' };
    }
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`))
        ? text
        : { problem: 'notDate' };
    case 'choice':
      return field.options.includes(text) ? text : { problem: 'notOption' };
    case 'text':
      return text;
  }
}

/** The fields whose value differs from the stored one (a removed value is sent as ''). */
export function changedFields(stored: FieldValues, next: FieldValues, fields: readonly FieldDef[]): FieldValues {
  const changed: FieldValues = {};
  for (const field of fields) {
    const before = stored[field.id];
    const after = next[field.id];
    if (after === undefined) {
      if (before !== undefined && before !== '') changed[field.id] = '';
    } else if (after !== before) changed[field.id] = after;
  }
  return changed;
}

/** The status moves offered for a complaint: only those the workflow allows. */
export function statusMoves(status: ComplaintStatus): readonly ComplaintStatus[] {
  return allowedMoves(status);
}

/** The register view's filter form, as typed. */
export interface FilterForm {
  query: string;
  status: ComplaintStatus | '';
  typeId: string;
  /** '' anyone; 'mine'; 'agent:<id>'; 'group:<id>'. */
  assignee: string;
  overdue: boolean;
  /** YYYY-MM-DD in the agent's zone, both ends included; '' for open-ended. */
  from: string;
  to: string;
}

export const EMPTY_FILTERS: FilterForm = {
  query: '',
  status: '',
  typeId: '',
  assignee: '',
  overdue: false,
  from: '',
  to: '',
};

/** Midnight starting `day` (YYYY-MM-DD) in the renderer's own zone; null when it is not a day. */
export function localDayStart(day: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const at = new Date(year, month - 1, date);
  if (at.getFullYear() !== year || at.getMonth() !== month - 1 || at.getDate() !== date) return null;
  return at.getTime();
}

/** The day after `day`'s midnight in the renderer's zone (a DST day is 23 or 25 hours long). */
function localDayEnd(day: string): number | null {
  const start = localDayStart(day);
  if (start === null) return null;
  const at = new Date(start);
  at.setDate(at.getDate() + 1);
  return at.getTime();
}

/** The filter form as the contract's filters (period [from, to+1 day) in the agent's zone). */
export function filtersInput(form: FilterForm, customerId?: string): Omit<ListInput, 'offset' | 'limit'> {
  const input: Omit<ListInput, 'offset' | 'limit'> = {};
  const query = form.query.trim();
  if (query) input.query = query;
  if (form.status) input.status = [form.status];
  if (form.typeId) input.typeId = form.typeId;
  if (form.assignee === 'mine') input.mine = true;
  else if (form.assignee.startsWith('agent:')) input.assigneeAgentId = form.assignee.slice(6);
  else if (form.assignee.startsWith('group:')) input.assigneeGroupId = form.assignee.slice(6);
  if (form.overdue) input.overdue = true;
  const from = localDayStart(form.from);
  const to = localDayEnd(form.to);
  if (from !== null) input.from = from;
  if (to !== null) input.to = to;
  if (customerId) input.customerId = customerId;
  return input;
}

/** A period the form cannot send: an end before the start. */
export function periodProblem(form: Pick<FilterForm, 'from' | 'to'>): 'order' | null {
  return form.from && form.to && form.from > form.to ? 'order' : null;
}

/** Who a 409 says changed the complaint first, and what, from the error's params. */
export interface Conflict {
  by: string;
  at: number | null;
  changed: string;
}

export function conflictOf(
  error: { code: string; message?: string; params?: Record<string, string | number> } | null,
): Conflict | null {
  if (!error || error.code !== 'conflict') return null;
  const params = error.params ?? {};
  const at = typeof params.at === 'number' ? params.at : Number(params.at);
  return {
    by: String(params.by ?? ''),
    at: Number.isFinite(at) ? at : null,
    changed: String(params.changed ?? ''),
  };
}

/** What a 409 says was changed ("status, field amount, assignee group"), one part each. */
export type ChangedPart =
  | { kind: 'status' | 'subject' | 'assignee_agent' | 'assignee_group' | 'created' }
  | { kind: 'field'; field: string }
  | { kind: 'other'; text: string };

export function changedParts(changed: string): ChangedPart[] {
  return changed
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part): ChangedPart => {
      if (part.startsWith('field ')) return { kind: 'field', field: part.slice(6) };
      const kind = part.replace(' ', '_');
      if (['status', 'subject', 'assignee_agent', 'assignee_group', 'created'].includes(kind)) {
        return { kind: kind as 'status' };
      }
      return { kind: 'other', text: part };
    });
}

/** The assignee picker's value of a complaint: 'agent:<id>', else 'group:<id>', else ''. */
export function assigneeValue(complaint: Pick<Complaint, 'assigneeAgentId' | 'assigneeGroupId'>): string {
  if (complaint.assigneeAgentId) return `agent:${complaint.assigneeAgentId}`;
  if (complaint.assigneeGroupId) return `group:${complaint.assigneeGroupId}`;
  return '';
}

/** The update's assignee part for a picked value ('' clears both). */
export function assigneeChange(value: string): { assigneeAgentId: string | null; assigneeGroupId: string | null } {
  if (value.startsWith('agent:')) return { assigneeAgentId: value.slice(6), assigneeGroupId: null };
  if (value.startsWith('group:')) return { assigneeAgentId: null, assigneeGroupId: value.slice(6) };
  return { assigneeAgentId: null, assigneeGroupId: null };
}

/** The bytes of a base64 file as a Blob of its type. */
export function blobOf(file: { mime: string; dataBase64: string }): Blob {
  const binary = atob(file.dataBase64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: file.mime });
}

/** The base64 of a picked file's bytes. */
export async function base64Of(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

/** The MIME type of a picked file: the browser's guess, else from its name (the hub checks the bytes). */
export function mimeOf(name: string, browserType: string): string {
  if (browserType) return browserType;
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
  const byExtension: Record<string, string> = {
    pdf: 'application/pdf',
    docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    png: 'image/png',
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    gif: 'image/gif',
    webp: 'image/webp',
    txt: 'text/plain',
  };
  return byExtension[extension] ?? 'application/octet-stream';
}

/** Why the hub refused a file, for a sentence in the agent's language; null for any other error. */
export type FileRefusal = 'notWhatNamed' | 'kindNotKept' | 'tooLarge' | 'empty';

export function fileRefusal(error: { code: string; message: string; issues?: { path: string }[] }): FileRefusal | null {
  if (error.code === 'payload_too_large') return 'tooLarge';
  if (error.code !== 'bad_request') return null;
  const paths = (error.issues ?? []).map((issue) => issue.path);
  if (paths.includes('dataBase64') && / is named as /.test(error.message)) return 'notWhatNamed';
  if (paths.includes('name')) return 'kindNotKept';
  if (/ is empty$/.test(error.message)) return 'empty';
  return null;
}

/** The hub's issues under `fields.<id>` (a required field it found missing) placed under their inputs. */
export function hubProblems(error: {
  code?: string;
  message?: string;
  issues?: { path: string; message: string }[];
}): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const issue of error.issues ?? []) {
    const match = /^fields\.([^.]+)/.exec(issue.path);
    // "the required field … is empty" is said in the agent's language; other reasons as the hub gave them.
    if (match?.[1] && !(match[1] in problems))
      problems[match[1]] = /required/.test(issue.message) ? 'missing' : issue.message;
    if (issue.path === 'subject') problems.subject = 'missing';
  }
  return problems;
}
