/**
 * The complaints and requests register's shapes (issue 15, decision 0035), shared by the hub, the core
 * and the renderer: complaint types set up by leads, the business calendar, complaints, their history,
 * the register's filters and its report.
 */
import { z } from 'zod';
import { Channel, Id, Millis } from '../domain.js';

export const COMPLAINT_STATUSES = ['new', 'in_progress', 'waiting_customer', 'resolved', 'closed'] as const;
export const ComplaintStatus = z.enum(COMPLAINT_STATUSES);
export type ComplaintStatus = z.infer<typeof ComplaintStatus>;

/** A complaint file travels in one contract frame (1 MiB) as base64: 512 KiB of bytes at most. */
export const REGISTER_FILE_MAX_BYTES = 512 * 1024;
/** The base64 of the largest file (4/3 of the bytes, rounded up to whole groups). */
export const REGISTER_FILE_MAX_BASE64 = Math.ceil(REGISTER_FILE_MAX_BYTES / 3) * 4;
/** What a complaint file may be: checked by its first bytes on the hub, not by its name alone. */
export const REGISTER_FILE_MIMES = [
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'text/plain',
] as const;
export const RegisterFileMime = z.enum(REGISTER_FILE_MIMES);
/** An export (CSV/XLSX) is refused, asking to narrow the filters, above this many complaints. */
export const REGISTER_EXPORT_MAX_ROWS = 5000;
export const REGISTER_PAGE_MAX = 500;
/** "Due soon": the deadline is less than this far away (and not passed). */
export const DUE_SOON_MS = 24 * 60 * 60 * 1000;

/** A text leads write in both languages; either may be empty where a text is optional. */
export const LocalizedText = z.object({ en: z.string().trim().max(2000), ru: z.string().trim().max(2000) });
export type LocalizedText = z.infer<typeof LocalizedText>;

/** A name: both languages, neither empty. */
export const LocalizedName = z.object({
  en: z.string().trim().min(1, 'the English name is empty').max(200),
  ru: z.string().trim().min(1, 'the Russian name is empty').max(200),
});
export type LocalizedName = z.infer<typeof LocalizedName>;

export const FieldKind = z.enum(['text', 'number', 'date', 'choice']);
export type FieldKind = z.infer<typeof FieldKind>;

/** One field of a complaint type: text, a number, a date (YYYY-MM-DD) or one of the options. */
export const FieldDef = z
  .object({
    id: z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9_]{0,39}$/, 'a field id is short lowercase latin, e.g. "amount"'),
    label: LocalizedName,
    kind: FieldKind,
    required: z.boolean().default(false),
    /** The choices of a `choice` field (empty for the others). */
    options: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
  })
  .refine((f) => f.kind !== 'choice' || f.options.length > 0, {
    message: 'a choice field needs at least one option',
    path: ['options'],
  });
export type FieldDef = z.infer<typeof FieldDef>;

/** A field's value: text, choice and date (YYYY-MM-DD) as strings, number as a number. */
export const FieldValue = z.union([z.string().max(4000), z.number()]);
export type FieldValue = z.infer<typeof FieldValue>;
export const FieldValues = z.record(z.string(), FieldValue);
export type FieldValues = z.infer<typeof FieldValues>;

/** What the customer is told when a complaint enters a status; an empty text tells nothing. */
export const CustomerMessages = z.object({
  new: LocalizedText,
  in_progress: LocalizedText,
  waiting_customer: LocalizedText,
  resolved: LocalizedText,
  closed: LocalizedText,
});
export type CustomerMessages = z.infer<typeof CustomerMessages>;

export const EMPTY_TEXT: LocalizedText = { en: '', ru: '' };
export const EMPTY_CUSTOMER_MESSAGES: CustomerMessages = {
  new: EMPTY_TEXT,
  in_progress: EMPTY_TEXT,
  waiting_customer: EMPTY_TEXT,
  resolved: EMPTY_TEXT,
  closed: EMPTY_TEXT,
};

/**
 * Placeholders in customer messages and letters: {number} {status} {deadline} {subject} {customer}
 * {type} {date} and {field:<id>} for a field's value.
 */
export const PLACEHOLDERS = ['number', 'status', 'deadline', 'subject', 'customer', 'type', 'date'] as const;

export const ComplaintTypeInput = z.object({
  /** Omitted creates a type. */
  id: Id.optional(),
  name: LocalizedName,
  fields: z
    .array(FieldDef)
    .max(30)
    .refine((fs) => new Set(fs.map((f) => f.id)).size === fs.length, 'two fields have the same id'),
  /** Resolution deadline: this many business days after the complaint is registered. */
  deadlineDays: z.number().int().min(1).max(365),
  /** The group a new complaint of this type is assigned to unless someone is named. */
  ownerGroupId: Id.nullable(),
  customerMessages: CustomerMessages.default(EMPTY_CUSTOMER_MESSAGES),
  /** The letter to the customer (plain text with placeholders; paragraphs split on blank lines). */
  letterTemplate: LocalizedText.default(EMPTY_TEXT),
  retired: z.boolean().default(false),
});
export type ComplaintTypeInput = z.input<typeof ComplaintTypeInput>;

export const ComplaintType = z.object({
  id: Id,
  name: LocalizedName,
  fields: z.array(FieldDef),
  deadlineDays: z.number().int(),
  ownerGroupId: Id.nullable(),
  customerMessages: CustomerMessages,
  letterTemplate: LocalizedText,
  retired: z.boolean(),
  updatedAt: Millis,
});
export type ComplaintType = z.infer<typeof ComplaintType>;

const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day is written YYYY-MM-DD');

/** Working weekdays (1 Monday … 7 Sunday, as ISO) and holidays (YYYY-MM-DD in the hub's time zone). */
export const CalendarInput = z.object({
  workingDays: z
    .array(z.number().int().min(1).max(7))
    .min(1, 'at least one working weekday')
    .max(7)
    .refine((d) => new Set(d).size === d.length, 'a weekday is listed twice'),
  holidays: z.array(IsoDay).max(1000),
});
export type CalendarInput = z.infer<typeof CalendarInput>;

export const Calendar = CalendarInput.extend({
  /** The hub's time zone: days and deadlines are counted in it. */
  timeZone: z.string(),
  updatedAt: Millis,
});
export type Calendar = z.infer<typeof Calendar>;

export const DeadlineWarning = z.enum(['none', 'due_soon', 'overdue']);
export type DeadlineWarning = z.infer<typeof DeadlineWarning>;

export const ComplaintFile = z.object({
  id: Id,
  name: z.string(),
  mime: z.string(),
  size: z.number().int().nonnegative(),
  addedAt: Millis,
  addedBy: Id.nullable(),
});
export type ComplaintFile = z.infer<typeof ComplaintFile>;

export const Complaint = z.object({
  id: Id,
  /** #N, counted from 1 across the register. */
  number: z.number().int().positive(),
  typeId: Id,
  subject: z.string(),
  fields: FieldValues,
  status: ComplaintStatus,
  customerId: Id.nullable(),
  customerName: z.string().nullable(),
  /** The conversation it was registered from, and that conversation's channel (where the customer is told). */
  originThreadId: Id.nullable(),
  originChannel: Channel.nullable(),
  /** Every linked contact (thread), the origin first. */
  threadIds: z.array(Id),
  assigneeAgentId: Id.nullable(),
  assigneeAgentName: z.string().nullable(),
  assigneeGroupId: Id.nullable(),
  assigneeGroupName: z.string().nullable(),
  createdAt: Millis,
  createdBy: Id.nullable(),
  createdByName: z.string().nullable(),
  updatedAt: Millis,
  updatedBy: Id.nullable(),
  updatedByName: z.string().nullable(),
  /** Bumped by every change; an update names the version it was made on. */
  version: z.number().int().positive(),
  deadlineAt: Millis,
  /** When it last became resolved (null until then; kept when closed, cleared by a reopen). */
  resolvedAt: Millis.nullable(),
  closedAt: Millis.nullable(),
  /** Computed when read: past the deadline and not resolved/closed, or within DUE_SOON_MS of it. */
  warning: DeadlineWarning,
  files: z.array(ComplaintFile),
});
export type Complaint = z.infer<typeof Complaint>;

export const COMPLAINT_EVENT_KINDS = [
  'created',
  'status',
  'assignee_agent',
  'assignee_group',
  'field',
  'subject',
  'comment',
  'file',
  'linked',
  /** The customer was told of a status through the channel of origin (to: the channel; text: the message). */
  'customer_notified',
  /** Telling the customer failed or was impossible (text: why). */
  'customer_not_notified',
  'letter',
] as const;
export const ComplaintEventKind = z.enum(COMPLAINT_EVENT_KINDS);
export type ComplaintEventKind = z.infer<typeof ComplaintEventKind>;

/** One line of a complaint's history: who, when, what from → to. */
export const ComplaintEvent = z.object({
  id: Id,
  at: Millis,
  agentId: Id.nullable(),
  agentName: z.string().nullable(),
  kind: ComplaintEventKind,
  /** The field id for `field`; null otherwise. */
  field: z.string().nullable(),
  /** Raw values (status names, ids, field values as text). */
  from: z.string().nullable(),
  to: z.string().nullable(),
  /** Readable names for ids in from/to (an agent's or a group's name); null when nothing to resolve. */
  fromLabel: z.string().nullable(),
  toLabel: z.string().nullable(),
  /** A comment's text, a file's name, the message the customer was sent, a failure's reason. */
  text: z.string().nullable(),
});
export type ComplaintEvent = z.infer<typeof ComplaintEvent>;

export const ComplaintDetail = z.object({ complaint: Complaint, events: z.array(ComplaintEvent) });
export type ComplaintDetail = z.infer<typeof ComplaintDetail>;

/** The register's filters; every one optional and combined with AND. */
export const RegisterFilters = z.object({
  status: z.array(ComplaintStatus).max(5).optional(),
  typeId: Id.optional(),
  assigneeAgentId: Id.optional(),
  assigneeGroupId: Id.optional(),
  /** Only complaints assigned to the caller or to one of the caller's groups. */
  mine: z.boolean().optional(),
  /** Only complaints past their deadline and not resolved or closed. */
  overdue: z.boolean().optional(),
  /** Registered within [from, to) (epoch ms). */
  from: Millis.optional(),
  to: Millis.optional(),
  customerId: Id.optional(),
  /** A number ("17" or "#17"), a word of the subject or of the customer's name. */
  query: z.string().trim().max(200).optional(),
});
export type RegisterFilters = z.infer<typeof RegisterFilters>;

export const ListInput = RegisterFilters.extend({
  offset: z.number().int().nonnegative().default(0),
  limit: z.number().int().min(1).max(REGISTER_PAGE_MAX).default(100),
});
export type ListInput = z.input<typeof ListInput>;

export const ListOutput = z.object({ items: z.array(Complaint), total: z.number().int().nonnegative() });
export type ListOutput = z.infer<typeof ListOutput>;

export const CreateInput = z.object({
  typeId: Id,
  /** The conversation it comes from: its customer and channel are taken from it. */
  threadId: Id.nullable(),
  /** The customer (from a customer card); with a thread, must be the thread's customer or omitted. */
  customerId: Id.nullable(),
  subject: z.string().trim().min(1, 'the subject is empty').max(300),
  fields: FieldValues.default({}),
  /** Omitted: the type's owner group. */
  assigneeAgentId: Id.nullable().optional(),
  assigneeGroupId: Id.nullable().optional(),
});
export type CreateInput = z.input<typeof CreateInput>;

export const UpdateInput = z.object({
  id: Id,
  /** The version the change was made on: another's change since then is a conflict (409). */
  baseVersion: z.number().int().positive(),
  status: ComplaintStatus.optional(),
  assigneeAgentId: Id.nullable().optional(),
  assigneeGroupId: Id.nullable().optional(),
  /** The fields that change (the others are kept). */
  fields: FieldValues.optional(),
  subject: z.string().trim().min(1, 'the subject is empty').max(300).optional(),
});
export type UpdateInput = z.infer<typeof UpdateInput>;

export const CommentInput = z.object({ id: Id, text: z.string().trim().min(1, 'the comment is empty').max(4000) });
export const LinkInput = z.object({ id: Id, threadId: Id });
export const AttachInput = z.object({
  id: Id,
  name: z.string().trim().min(1).max(255),
  mime: z.string().min(1).max(200),
  dataBase64: z.string().min(1).max(REGISTER_FILE_MAX_BASE64, 'the file is larger than 512 KiB'),
});
export const FileInput = z.object({ fileId: Id });

/** A file handed out whole: a complaint file, a letter, an export. */
export const FileData = z.object({ name: z.string(), mime: z.string(), dataBase64: z.string() });
export type FileData = z.infer<typeof FileData>;

export const LetterInput = z.object({
  id: Id,
  format: z.enum(['pdf', 'docx']),
  /** The letter's language (the customer's; Russian unless told). */
  language: z.enum(['en', 'ru']).default('ru'),
});
export const ExportInput = z.object({
  filters: RegisterFilters.default({}),
  format: z.enum(['csv', 'xlsx']),
  language: z.enum(['en', 'ru']).default('en'),
});

/** A period of the report: the days from `from` to `to`, both included, in `timeZone` (omitted: the hub's zone). */
export const ReportInput = z
  .object({ from: IsoDay, to: IsoDay, timeZone: z.string().min(1).max(64).optional() })
  .refine((p) => p.from <= p.to, { message: 'the period ends before it starts', path: ['to'] });
export type ReportInput = z.infer<typeof ReportInput>;

/**
 * Per type: received = registered in the period; resolved = became resolved in the period (first
 * time per complaint); overdue = received in the period and resolved after the deadline, or still not
 * resolved with the deadline passed.
 */
export const ReportRow = z.object({
  typeId: Id,
  typeName: LocalizedName,
  received: z.number().int().nonnegative(),
  resolved: z.number().int().nonnegative(),
  overdue: z.number().int().nonnegative(),
});
export type ReportRow = z.infer<typeof ReportRow>;

export const ReportOutput = z.object({
  /** The period as instants: [from, to) where `to` is the start of the day after the last day. */
  fromMs: Millis,
  toMs: Millis,
  timeZone: z.string(),
  rows: z.array(ReportRow),
  total: z.object({
    received: z.number().int().nonnegative(),
    resolved: z.number().int().nonnegative(),
    overdue: z.number().int().nonnegative(),
  }),
});
export type ReportOutput = z.infer<typeof ReportOutput>;
