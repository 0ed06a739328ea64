/**
 * The complaints and requests register's storage (decision 0035): types, the business calendar,
 * complaints with their contacts, history and files, the register's filtered list and its report.
 * Every statement of the register lives here.
 */
import type { Channel } from '../../shared/domain.js';
import type {
  ComplaintStatus,
  ComplaintType,
  CustomerMessages,
  FieldDef,
  FieldValues,
  LocalizedText,
  RegisterFilters,
} from '../../shared/register/registerSchemas.js';
import type { Database, SqlValue, Statement } from './database.js';

/** A complaint as stored, with the names its ids point at. */
export interface ComplaintRecord {
  id: string;
  number: number;
  typeId: string;
  subject: string;
  fields: FieldValues;
  status: ComplaintStatus;
  customerId: string | null;
  customerName: string | null;
  originThreadId: string | null;
  originChannel: Channel | null;
  assigneeAgentId: string | null;
  assigneeAgentName: string | null;
  assigneeGroupId: string | null;
  assigneeGroupName: string | null;
  createdAt: number;
  createdBy: string | null;
  createdByName: string | null;
  updatedAt: number;
  updatedBy: string | null;
  updatedByName: string | null;
  version: number;
  deadlineAt: number;
  resolvedAt: number | null;
  firstResolvedAt: number | null;
  closedAt: number | null;
}

/** What a write stores (names are joined when read). */
export type ComplaintWrite = Omit<
  ComplaintRecord,
  'customerName' | 'assigneeAgentName' | 'assigneeGroupName' | 'createdByName' | 'updatedByName'
> & { searchText: string };

export interface ComplaintEventRecord {
  id: string;
  complaintId: string;
  at: number;
  agentId: string | null;
  agentName: string | null;
  version: number;
  kind: string;
  field: string | null;
  from: string | null;
  to: string | null;
  text: string | null;
}

export interface ComplaintFileRecord {
  id: string;
  complaintId: string;
  name: string;
  mime: string;
  size: number;
  addedAt: number;
  addedBy: string | null;
}

export interface ReportCounts {
  typeId: string;
  received: number;
  resolved: number;
  overdue: number;
}

/** Filters as the repository applies them: the caller's groups resolve "mine". */
export interface ListQuery extends RegisterFilters {
  offset: number;
  limit: number;
  /** For `mine`: the caller and the groups they belong to. */
  viewerId?: string;
  viewerGroupIds?: readonly string[];
  /** For `overdue`: the time now. */
  now: number;
  /** For a number query: the number typed. */
  number?: number;
  /** For a word query: the folded words (each must appear). */
  words?: readonly string[];
}

interface TypeRow {
  id: string;
  name_en: string;
  name_ru: string;
  fields: string;
  deadline_days: number;
  owner_group_id: string | null;
  customer_messages: string;
  letter_template: string;
  retired: number;
  updated_at: number;
}

interface ComplaintRow {
  id: string;
  number: number;
  type_id: string;
  subject: string;
  fields: string;
  status: ComplaintStatus;
  customer_id: string | null;
  customer_name: string | null;
  origin_thread_id: string | null;
  origin_channel: Channel | null;
  assignee_agent_id: string | null;
  assignee_agent_name: string | null;
  assignee_group_id: string | null;
  assignee_group_name: string | null;
  created_at: number;
  created_by: string | null;
  created_by_name: string | null;
  updated_at: number;
  updated_by: string | null;
  updated_by_name: string | null;
  version: number;
  deadline_at: number;
  resolved_at: number | null;
  first_resolved_at: number | null;
  closed_at: number | null;
}

const SELECT = `SELECT k.*, c.name AS customer_name, aa.name AS assignee_agent_name, g.name AS assignee_group_name,
    cb.name AS created_by_name, ub.name AS updated_by_name
  FROM complaints k
  LEFT JOIN customers c ON c.id = k.customer_id
  LEFT JOIN agents aa ON aa.id = k.assignee_agent_id
  LEFT JOIN groups g ON g.id = k.assignee_group_id
  LEFT JOIN agents cb ON cb.id = k.created_by
  LEFT JOIN agents ub ON ub.id = k.updated_by`;

const OPEN_STATUSES = `('new', 'in_progress', 'waiting_customer')`;

function toType(row: TypeRow): ComplaintType {
  return {
    id: row.id,
    name: { en: row.name_en, ru: row.name_ru },
    fields: JSON.parse(row.fields) as FieldDef[],
    deadlineDays: row.deadline_days,
    ownerGroupId: row.owner_group_id,
    customerMessages: JSON.parse(row.customer_messages) as CustomerMessages,
    letterTemplate: JSON.parse(row.letter_template) as LocalizedText,
    retired: row.retired === 1,
    updatedAt: row.updated_at,
  };
}

function toRecord(row: ComplaintRow): ComplaintRecord {
  return {
    id: row.id,
    number: row.number,
    typeId: row.type_id,
    subject: row.subject,
    fields: JSON.parse(row.fields) as FieldValues,
    status: row.status,
    customerId: row.customer_id,
    customerName: row.customer_name,
    originThreadId: row.origin_thread_id,
    originChannel: row.origin_channel,
    assigneeAgentId: row.assignee_agent_id,
    assigneeAgentName: row.assignee_agent_name,
    assigneeGroupId: row.assignee_group_id,
    assigneeGroupName: row.assignee_group_name,
    createdAt: row.created_at,
    createdBy: row.created_by,
    createdByName: row.created_by_name,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
    updatedByName: row.updated_by_name,
    version: row.version,
    deadlineAt: row.deadline_at,
    resolvedAt: row.resolved_at,
    firstResolvedAt: row.first_resolved_at,
    closedAt: row.closed_at,
  };
}

/** `%`, `_` and `\` typed by the user match themselves in LIKE … ESCAPE '\'. */
function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export class RegisterRepo {
  private readonly s: Record<string, Statement>;

  constructor(private readonly db: Database) {
    this.s = {
      types: db.prepare('SELECT * FROM complaint_types ORDER BY name_en'),
      typeById: db.prepare('SELECT * FROM complaint_types WHERE id = ?'),
      upsertType: db.prepare(
        `INSERT INTO complaint_types (id, name_en, name_ru, fields, deadline_days, owner_group_id, customer_messages,
           letter_template, retired, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET name_en = excluded.name_en, name_ru = excluded.name_ru, fields = excluded.fields,
           deadline_days = excluded.deadline_days, owner_group_id = excluded.owner_group_id,
           customer_messages = excluded.customer_messages, letter_template = excluded.letter_template,
           retired = excluded.retired, updated_at = excluded.updated_at`,
      ),
      calendar: db.prepare('SELECT working_days, holidays, updated_at FROM register_calendar WHERE id = 1'),
      saveCalendar: db.prepare(
        `INSERT INTO register_calendar (id, working_days, holidays, updated_at) VALUES (1, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET working_days = excluded.working_days, holidays = excluded.holidays,
           updated_at = excluded.updated_at`,
      ),
      nextNumber: db.prepare('SELECT COALESCE(MAX(number), 0) + 1 AS n FROM complaints'),
      insert: db.prepare(
        `INSERT INTO complaints (id, number, type_id, subject, fields, status, customer_id, origin_thread_id,
           origin_channel, assignee_agent_id, assignee_group_id, created_at, created_by, updated_at, updated_by,
           version, deadline_at, resolved_at, first_resolved_at, closed_at, search_text)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      update: db.prepare(
        `UPDATE complaints SET subject = ?, fields = ?, status = ?, assignee_agent_id = ?, assignee_group_id = ?,
           updated_at = ?, updated_by = ?, version = ?, resolved_at = ?, first_resolved_at = ?, closed_at = ?,
           search_text = ?
         WHERE id = ? AND version = ?`,
      ),
      byId: db.prepare(`${SELECT} WHERE k.id = ?`),
      threadsOf: db.prepare(
        'SELECT thread_id FROM complaint_threads WHERE complaint_id = ? ORDER BY linked_at, thread_id',
      ),
      link: db.prepare('INSERT OR IGNORE INTO complaint_threads (complaint_id, thread_id, linked_at) VALUES (?, ?, ?)'),
      addEvent: db.prepare(
        `INSERT INTO complaint_events (id, complaint_id, at, agent_id, version, kind, field, from_value, to_value, text)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      eventsOf: db.prepare(
        `SELECT e.*, a.name AS agent_name FROM complaint_events e LEFT JOIN agents a ON a.id = e.agent_id
         WHERE e.complaint_id = ? ORDER BY e.at, e.rowid`,
      ),
      addFile: db.prepare(
        `INSERT INTO complaint_files (id, complaint_id, name, mime, size, data, added_at, added_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      filesOf: db.prepare(
        `SELECT id, complaint_id, name, mime, size, added_at, added_by FROM complaint_files
         WHERE complaint_id = ? ORDER BY added_at, rowid`,
      ),
      file: db.prepare('SELECT complaint_id, name, mime, data FROM complaint_files WHERE id = ?'),
      openOfCustomer: db.prepare(
        `${SELECT} WHERE k.customer_id = ? AND k.status IN ${OPEN_STATUSES} ORDER BY k.created_at DESC LIMIT 50`,
      ),
    };
  }

  types(): ComplaintType[] {
    return (this.s.types!.all() as TypeRow[]).map(toType);
  }

  typeById(id: string): ComplaintType | null {
    const row = this.s.typeById!.get(id) as TypeRow | undefined;
    return row ? toType(row) : null;
  }

  saveType(type: ComplaintType, now: number): void {
    this.s.upsertType!.run(
      type.id,
      type.name.en,
      type.name.ru,
      JSON.stringify(type.fields),
      type.deadlineDays,
      type.ownerGroupId,
      JSON.stringify(type.customerMessages),
      JSON.stringify(type.letterTemplate),
      type.retired ? 1 : 0,
      now,
      type.updatedAt,
    );
  }

  calendar(): { workingDays: number[]; holidays: string[]; updatedAt: number } {
    const row = this.s.calendar!.get() as { working_days: string; holidays: string; updated_at: number } | undefined;
    if (!row) return { workingDays: [1, 2, 3, 4, 5], holidays: [], updatedAt: 0 };
    return {
      workingDays: JSON.parse(row.working_days) as number[],
      holidays: JSON.parse(row.holidays) as string[],
      updatedAt: row.updated_at,
    };
  }

  saveCalendar(workingDays: readonly number[], holidays: readonly string[], now: number): void {
    this.s.saveCalendar!.run(JSON.stringify(workingDays), JSON.stringify(holidays), now);
  }

  nextNumber(): number {
    return (this.s.nextNumber!.get() as { n: number }).n;
  }

  insert(c: ComplaintWrite): void {
    this.s.insert!.run(
      c.id,
      c.number,
      c.typeId,
      c.subject,
      JSON.stringify(c.fields),
      c.status,
      c.customerId,
      c.originThreadId,
      c.originChannel,
      c.assigneeAgentId,
      c.assigneeGroupId,
      c.createdAt,
      c.createdBy,
      c.updatedAt,
      c.updatedBy,
      c.version,
      c.deadlineAt,
      c.resolvedAt,
      c.firstResolvedAt,
      c.closedAt,
      c.searchText,
    );
  }

  /** Writes the complaint if it is still at `baseVersion`; false when someone changed it meanwhile. */
  update(c: ComplaintWrite, baseVersion: number): boolean {
    const result = this.s.update!.run(
      c.subject,
      JSON.stringify(c.fields),
      c.status,
      c.assigneeAgentId,
      c.assigneeGroupId,
      c.updatedAt,
      c.updatedBy,
      c.version,
      c.resolvedAt,
      c.firstResolvedAt,
      c.closedAt,
      c.searchText,
      c.id,
      baseVersion,
    );
    return result.changes === 1;
  }

  byId(id: string): ComplaintRecord | null {
    const row = this.s.byId!.get(id) as ComplaintRow | undefined;
    return row ? toRecord(row) : null;
  }

  threadsOf(id: string): string[] {
    return (this.s.threadsOf!.all(id) as { thread_id: string }[]).map((r) => r.thread_id);
  }

  /** False when the contact was linked already. */
  link(id: string, threadId: string, at: number): boolean {
    return this.s.link!.run(id, threadId, at).changes === 1;
  }

  addEvent(e: Omit<ComplaintEventRecord, 'agentName'>): void {
    this.s.addEvent!.run(e.id, e.complaintId, e.at, e.agentId, e.version, e.kind, e.field, e.from, e.to, e.text);
  }

  eventsOf(id: string): ComplaintEventRecord[] {
    const rows = this.s.eventsOf!.all(id) as {
      id: string;
      complaint_id: string;
      at: number;
      agent_id: string | null;
      agent_name: string | null;
      version: number;
      kind: string;
      field: string | null;
      from_value: string | null;
      to_value: string | null;
      text: string | null;
    }[];
    return rows.map((r) => ({
      id: r.id,
      complaintId: r.complaint_id,
      at: r.at,
      agentId: r.agent_id,
      agentName: r.agent_name,
      version: r.version,
      kind: r.kind,
      field: r.field,
      from: r.from_value,
      to: r.to_value,
      text: r.text,
    }));
  }

  addFile(f: ComplaintFileRecord, data: Buffer): void {
    this.s.addFile!.run(f.id, f.complaintId, f.name, f.mime, f.size, data, f.addedAt, f.addedBy);
  }

  filesOf(id: string): ComplaintFileRecord[] {
    const rows = this.s.filesOf!.all(id) as {
      id: string;
      complaint_id: string;
      name: string;
      mime: string;
      size: number;
      added_at: number;
      added_by: string | null;
    }[];
    return rows.map((r) => ({
      id: r.id,
      complaintId: r.complaint_id,
      name: r.name,
      mime: r.mime,
      size: r.size,
      addedAt: r.added_at,
      addedBy: r.added_by,
    }));
  }

  file(fileId: string): { complaintId: string; name: string; mime: string; data: Buffer } | null {
    const row = this.s.file!.get(fileId) as
      { complaint_id: string; name: string; mime: string; data: Buffer } | undefined;
    return row ? { complaintId: row.complaint_id, name: row.name, mime: row.mime, data: row.data } : null;
  }

  /** The customer's complaints still being worked (new, in progress, waiting), newest first. */
  openOfCustomer(customerId: string): ComplaintRecord[] {
    return (this.s.openOfCustomer!.all(customerId) as ComplaintRow[]).map(toRecord);
  }

  /** One page of the register, newest first, and how many match in all. */
  list(q: ListQuery): { items: ComplaintRecord[]; total: number } {
    const where: string[] = [];
    const params: SqlValue[] = [];
    if (q.status && q.status.length > 0) {
      where.push(`k.status IN (${q.status.map(() => '?').join(', ')})`);
      params.push(...q.status);
    }
    if (q.typeId) {
      where.push('k.type_id = ?');
      params.push(q.typeId);
    }
    if (q.assigneeAgentId) {
      where.push('k.assignee_agent_id = ?');
      params.push(q.assigneeAgentId);
    }
    if (q.assigneeGroupId) {
      where.push('k.assignee_group_id = ?');
      params.push(q.assigneeGroupId);
    }
    if (q.mine && q.viewerId) {
      const groups = q.viewerGroupIds ?? [];
      const inGroups = groups.length > 0 ? ` OR k.assignee_group_id IN (${groups.map(() => '?').join(', ')})` : '';
      where.push(`(k.assignee_agent_id = ?${inGroups})`);
      params.push(q.viewerId, ...groups);
    }
    if (q.overdue) {
      where.push(`k.status IN ${OPEN_STATUSES} AND k.deadline_at < ?`);
      params.push(q.now);
    }
    if (q.from !== undefined) {
      where.push('k.created_at >= ?');
      params.push(q.from);
    }
    if (q.to !== undefined) {
      where.push('k.created_at < ?');
      params.push(q.to);
    }
    if (q.customerId) {
      where.push('k.customer_id = ?');
      params.push(q.customerId);
    }
    if (q.number !== undefined) {
      where.push('k.number = ?');
      params.push(q.number);
    }
    for (const word of q.words ?? []) {
      where.push(`k.search_text LIKE ? ESCAPE '\\'`);
      params.push(`%${likeEscape(word)}%`);
    }
    const clause = where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '';
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM complaints k${clause}`).get(...params) as { n: number })
      .n;
    const rows = this.db
      .prepare(`${SELECT}${clause} ORDER BY k.created_at DESC, k.number DESC LIMIT ? OFFSET ?`)
      .all(...params, q.limit, q.offset) as ComplaintRow[];
    return { items: rows.map(toRecord), total };
  }

  /** Ids of the contacts of many complaints at once (a page of the register). */
  threadsOfMany(ids: readonly string[]): Map<string, string[]> {
    const out = new Map<string, string[]>();
    if (ids.length === 0) return out;
    const rows = this.db
      .prepare(
        `SELECT complaint_id, thread_id FROM complaint_threads WHERE complaint_id IN (${ids.map(() => '?').join(', ')})
         ORDER BY linked_at, thread_id`,
      )
      .all(...ids) as { complaint_id: string; thread_id: string }[];
    for (const row of rows) {
      const list = out.get(row.complaint_id) ?? [];
      list.push(row.thread_id);
      out.set(row.complaint_id, list);
    }
    return out;
  }

  /** The files (without their bytes) of many complaints at once (a page of the register). */
  filesOfMany(ids: readonly string[]): Map<string, ComplaintFileRecord[]> {
    const out = new Map<string, ComplaintFileRecord[]>();
    if (ids.length === 0) return out;
    const rows = this.db
      .prepare(
        `SELECT id, complaint_id, name, mime, size, added_at, added_by FROM complaint_files
         WHERE complaint_id IN (${ids.map(() => '?').join(', ')}) ORDER BY added_at, rowid`,
      )
      .all(...ids) as {
      id: string;
      complaint_id: string;
      name: string;
      mime: string;
      size: number;
      added_at: number;
      added_by: string | null;
    }[];
    for (const r of rows) {
      const list = out.get(r.complaint_id) ?? [];
      list.push({
        id: r.id,
        complaintId: r.complaint_id,
        name: r.name,
        mime: r.mime,
        size: r.size,
        addedAt: r.added_at,
        addedBy: r.added_by,
      });
      out.set(r.complaint_id, list);
    }
    return out;
  }

  /**
   * Per type over [from, to): received (registered), resolved (resolved the first time) and overdue
   * (received, and resolved the first time after the deadline or not resolved with the deadline before `now`).
   */
  report(from: number, to: number, now: number): ReportCounts[] {
    // Two range reads, each answered from its covering index (an OR of the two ranges scans the table).
    const received = this.db
      .prepare(
        `SELECT type_id, COUNT(*) AS received,
           SUM(CASE WHEN (first_resolved_at IS NOT NULL AND first_resolved_at > deadline_at)
                      OR (first_resolved_at IS NULL AND deadline_at < ?) THEN 1 ELSE 0 END) AS overdue
         FROM complaints INDEXED BY complaints_by_created
         WHERE created_at >= ? AND created_at < ? GROUP BY type_id`,
      )
      .all(now, from, to) as { type_id: string; received: number; overdue: number }[];
    const resolved = this.db
      .prepare(
        `SELECT type_id, COUNT(*) AS resolved FROM complaints INDEXED BY complaints_by_resolved
         WHERE first_resolved_at >= ? AND first_resolved_at < ? GROUP BY type_id`,
      )
      .all(from, to) as { type_id: string; resolved: number }[];
    const out = new Map<string, ReportCounts>();
    const row = (typeId: string) => {
      let r = out.get(typeId);
      if (!r) out.set(typeId, (r = { typeId, received: 0, resolved: 0, overdue: 0 }));
      return r;
    };
    for (const r of received) Object.assign(row(r.type_id), { received: r.received, overdue: r.overdue });
    for (const r of resolved) row(r.type_id).resolved = r.resolved;
    return [...out.values()];
  }
}
