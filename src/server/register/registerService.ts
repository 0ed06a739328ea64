/**
 * The complaints and requests register on the hub (decision 0035): types and the calendar (leads),
 * complaints registered from a conversation or a customer card, the status workflow, assignment,
 * comments, files, history, optimistic concurrency, and the customer told of status changes through
 * the conversation the complaint came from. Letters, exports and the report are in their own modules.
 */
import type { z } from 'zod';
import type { Agent, Message, Thread } from '../../shared/domain.js';
import { OknoError } from '../../shared/errors.js';
import { uuidv7 } from '../../shared/ids.js';
import type { Logger } from '../../shared/log.js';
import { checkFieldValues } from '../../shared/register/fieldValues.js';
import {
  fillCustomerText,
  pickText,
  REGISTER_AUTHOR,
  type CustomerLanguage,
  type CustomerTextValues,
} from '../../shared/register/customerText.js';
import type {
  Calendar,
  CalendarInput,
  Complaint,
  ComplaintDetail,
  ComplaintEvent,
  ComplaintEventKind,
  ComplaintStatus,
  ComplaintType,
  FieldValues,
  ListOutput,
  RegisterFilters,
  UpdateInput,
} from '../../shared/register/registerSchemas.js';
import type { ComplaintTypeInput, CreateInput, ListInput } from '../../shared/register/registerSchemas.js';
import { checkMove } from '../../shared/register/workflow.js';
import { routingOf } from '../contactCenter/threadHistory.js';
import type { ComplaintRecord, ComplaintWrite, ListQuery } from '../storage/registerRepo.js';
import type { HubStore } from '../storage/hubStore.js';
import type { Tx } from '../storage/writer.js';
import type { DeliverOutbound } from '../sync/pushMutations.js';
import { deadlineOf, warningOf } from './deadlines.js';
import { checkComplaintFile } from './fileCheck.js';

export interface RegisterServiceDeps {
  store: HubStore;
  now: () => number;
  /** The hub's zone: business days and deadlines are counted in it. */
  timeZone: string;
  /** Where a committed status message goes: the gateway of its thread's channel. */
  deliver: DeliverOutbound;
  /** Whether the agent may read the thread (decision 0031's reach). */
  canSee: (agent: Agent, threadId: string) => boolean;
  log: Logger;
}

type EventDraft = {
  kind: ComplaintEventKind;
  field?: string | null;
  from?: string | null;
  to?: string | null;
  text?: string | null;
};

/** Field-level problems as one bad_request naming each field. */
function refuse(problems: { path: string; message: string }[]): never {
  throw new OknoError('bad_request', problems.map((p) => p.message).join('; '), problems);
}

function fold(text: string): string {
  return text.toLocaleLowerCase('ru').replace(/ё/g, 'е');
}

function searchTextOf(subject: string, customerName: string | null): string {
  return fold(`${subject} ${customerName ?? ''}`);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export class RegisterService {
  constructor(private readonly deps: RegisterServiceDeps) {}

  private get store(): HubStore {
    return this.deps.store;
  }

  // ---- types and the calendar -------------------------------------------------------------------

  types(): { types: ComplaintType[] } {
    return { types: this.store.register.types() };
  }

  saveType(agent: Agent, parsed: z.output<typeof ComplaintTypeInput>): ComplaintType {
    if (parsed.id && !this.store.register.typeById(parsed.id)) {
      throw new OknoError('not_found', `complaint type ${parsed.id} does not exist`);
    }
    if (parsed.ownerGroupId && !this.groupName(parsed.ownerGroupId)) {
      throw new OknoError('bad_request', `the owner group ${parsed.ownerGroupId} does not exist`, [
        { path: 'ownerGroupId', message: 'no such group' },
      ]);
    }
    const now = this.deps.now();
    const type: ComplaintType = {
      id: parsed.id ?? uuidv7(now),
      name: parsed.name,
      fields: parsed.fields,
      deadlineDays: parsed.deadlineDays,
      ownerGroupId: parsed.ownerGroupId,
      customerMessages: parsed.customerMessages,
      letterTemplate: parsed.letterTemplate,
      retired: parsed.retired,
      updatedAt: now,
    };
    this.store.register.saveType(type, now);
    this.deps.log.info('complaint type saved', { typeId: type.id, by: agent.id });
    return type;
  }

  calendar(): Calendar {
    const c = this.store.register.calendar();
    return { ...c, workingDays: [...c.workingDays].sort(), timeZone: this.deps.timeZone };
  }

  saveCalendar(agent: Agent, input: CalendarInput): Calendar {
    const holidays = [...new Set(input.holidays)].sort();
    for (const day of holidays) {
      const d = new Date(`${day}T00:00:00Z`);
      if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== day) {
        throw new OknoError('bad_request', `no such day "${day}" among the holidays`, [
          { path: 'holidays', message: `no such day "${day}"` },
        ]);
      }
    }
    this.store.register.saveCalendar([...input.workingDays].sort(), holidays, this.deps.now());
    this.deps.log.info('business calendar saved', { by: agent.id });
    return this.calendar();
  }

  // ---- complaints -------------------------------------------------------------------------------

  create(agent: Agent, input: z.output<typeof CreateInput>): Complaint {
    const type = this.store.register.typeById(input.typeId);
    if (!type) refuse([{ path: 'typeId', message: `complaint type ${input.typeId} does not exist` }]);
    if (type.retired) refuse([{ path: 'typeId', message: `the complaint type "${type.name.en}" is retired` }]);
    let customerId = input.customerId;
    let thread: Thread | null = null;
    if (input.threadId) {
      thread = this.threadInReach(agent, input.threadId);
      if (customerId && customerId !== thread.customerId) {
        refuse([{ path: 'customerId', message: `the customer is not the customer of thread #${thread.number}` }]);
      }
      customerId = thread.customerId;
    }
    if (!customerId) refuse([{ path: 'customerId', message: 'a complaint needs a conversation or a customer' }]);
    const customer = this.store.customers.byId(customerId);
    if (!customer) refuse([{ path: 'customerId', message: `customer ${customerId} does not exist` }]);
    const { values, problems } = checkFieldValues(type.fields, input.fields ?? {});
    if (problems.length > 0) refuse(problems);
    // The owner group unless a group is named (a person named works it within the owner group).
    const agentId = input.assigneeAgentId ?? null;
    const groupId = input.assigneeGroupId === undefined ? type.ownerGroupId : input.assigneeGroupId;
    this.checkAssignees(agentId, groupId);

    const calendar = this.store.register.calendar();
    const { result, outbound } = this.writeWithOutbound((tx) => {
      const now = tx.now;
      const record: ComplaintWrite = {
        id: uuidv7(now),
        number: this.store.register.nextNumber(),
        typeId: type.id,
        subject: input.subject.trim(),
        fields: values,
        status: 'new',
        customerId,
        originThreadId: thread?.id ?? null,
        originChannel: thread?.channel ?? null,
        assigneeAgentId: agentId,
        assigneeGroupId: groupId,
        createdAt: now,
        createdBy: agent.id,
        updatedAt: now,
        updatedBy: agent.id,
        version: 1,
        deadlineAt: deadlineOf(now, type.deadlineDays, calendar, this.deps.timeZone),
        resolvedAt: null,
        firstResolvedAt: null,
        closedAt: null,
        searchText: searchTextOf(input.subject, customer.name),
      };
      this.store.register.insert(record);
      if (thread) {
        this.store.register.link(record.id, thread.id, now);
        this.threadEvent(tx, thread.id, 'complaint_registered', agent, record.id, record.number, record.subject);
      }
      this.event(tx, record.id, agent.id, 1, { kind: 'created', to: 'new', text: record.subject });
      const current = this.mustGet(record.id);
      return { complaint: current, notice: this.notify(tx, current, type, 'new', 1) };
    });
    this.flush(outbound);
    return result;
  }

  get(id: string): ComplaintDetail {
    const record = this.mustGet(id);
    return { complaint: this.view(record), events: this.events(id) };
  }

  list(agent: Agent, input: z.output<typeof ListInput>): ListOutput {
    const { items, total } = this.store.register.list(this.query(agent, input, input.offset, input.limit));
    return { items: this.views(items), total };
  }

  /** Every complaint matching the filters (an export), newest first, up to `max` (more: refused). */
  all(agent: Agent, filters: RegisterFilters, max: number): Complaint[] {
    const { items, total } = this.store.register.list(this.query(agent, filters, 0, max));
    if (total > max) {
      throw new OknoError(
        'bad_request',
        `${total} complaints match: an export holds at most ${max}; narrow the filters (a period, a type)`,
        [{ path: 'filters', message: `${total} complaints match, at most ${max} are exported` }],
        { total, max },
      );
    }
    return this.views(items);
  }

  update(agent: Agent, input: UpdateInput): Complaint {
    const current = this.mustGet(input.id);
    if (current.version !== input.baseVersion) this.conflict(current, input.baseVersion);
    const type = this.store.register.typeById(current.typeId);
    if (!type) throw new OknoError('internal', `complaint #${current.number} has no type`);
    const drafts: EventDraft[] = [];
    let status = current.status;
    let resolvedAt = current.resolvedAt;
    let firstResolvedAt = current.firstResolvedAt;
    let closedAt = current.closedAt;
    const now = this.deps.now();
    if (input.status !== undefined && input.status !== current.status) {
      checkMove(current.status, input.status);
      status = input.status;
      if (status === 'resolved') {
        resolvedAt = now;
        firstResolvedAt = firstResolvedAt ?? now;
      } else if (status === 'closed') {
        closedAt = now;
      } else if (status === 'in_progress' && (current.status === 'resolved' || current.status === 'closed')) {
        // A reopen: it is being worked again.
        resolvedAt = null;
        closedAt = null;
      }
      drafts.push({ kind: 'status', from: current.status, to: status });
    }
    const agentId = input.assigneeAgentId === undefined ? current.assigneeAgentId : input.assigneeAgentId;
    const groupId = input.assigneeGroupId === undefined ? current.assigneeGroupId : input.assigneeGroupId;
    this.checkAssignees(
      agentId !== current.assigneeAgentId ? agentId : null,
      groupId !== current.assigneeGroupId ? groupId : null,
    );
    if (agentId !== current.assigneeAgentId) {
      drafts.push({ kind: 'assignee_agent', from: current.assigneeAgentId, to: agentId });
    }
    if (groupId !== current.assigneeGroupId) {
      drafts.push({ kind: 'assignee_group', from: current.assigneeGroupId, to: groupId });
    }
    let fields = current.fields;
    if (input.fields !== undefined) {
      const merged: FieldValues = { ...current.fields, ...input.fields };
      const { values, problems } = checkFieldValues(type.fields, merged);
      if (problems.length > 0) refuse(problems);
      for (const def of type.fields) {
        if (!same(current.fields[def.id], values[def.id])) {
          drafts.push({
            kind: 'field',
            field: def.id,
            from: current.fields[def.id] === undefined ? null : String(current.fields[def.id]),
            to: values[def.id] === undefined ? null : String(values[def.id]),
          });
        }
      }
      fields = values;
    }
    const subject = input.subject?.trim() ?? current.subject;
    if (subject !== current.subject) drafts.push({ kind: 'subject', from: current.subject, to: subject });
    if (drafts.length === 0) return this.view(current);

    const version = current.version + 1;
    const { result, outbound } = this.writeWithOutbound((tx) => {
      const write: ComplaintWrite = {
        ...current,
        subject,
        fields,
        status,
        assigneeAgentId: agentId,
        assigneeGroupId: groupId,
        updatedAt: tx.now,
        updatedBy: agent.id,
        version,
        resolvedAt,
        firstResolvedAt,
        closedAt,
        searchText: searchTextOf(subject, current.customerName),
      };
      // The WHERE version = base settles a race two requests read the same version in.
      if (!this.store.register.update(write, input.baseVersion))
        this.conflict(this.mustGet(current.id), input.baseVersion);
      for (const draft of drafts) this.event(tx, current.id, agent.id, version, draft);
      const saved = this.mustGet(current.id);
      const notice = status !== current.status ? this.notify(tx, saved, type, status, version) : null;
      return { complaint: saved, notice };
    });
    this.flush(outbound);
    return result;
  }

  comment(agent: Agent, id: string, text: string): ComplaintDetail {
    const current = this.mustGet(id);
    this.store.write((tx) => this.event(tx, id, agent.id, current.version, { kind: 'comment', text: text.trim() }));
    return this.get(id);
  }

  link(agent: Agent, id: string, threadId: string): ComplaintDetail {
    const current = this.mustGet(id);
    const thread = this.threadInReach(agent, threadId);
    if (current.customerId && thread.customerId !== current.customerId) {
      refuse([
        {
          path: 'threadId',
          message: `thread #${thread.number} is another customer's; complaint #${current.number} is ${current.customerName ?? 'unnamed'}'s`,
        },
      ]);
    }
    this.store.write((tx) => {
      if (this.store.register.link(id, threadId, tx.now)) {
        this.event(tx, id, agent.id, current.version, { kind: 'linked', to: threadId, text: `#${thread.number}` });
        this.threadEvent(tx, threadId, 'complaint_linked', agent, id, current.number, current.subject);
      }
    });
    return this.get(id);
  }

  attach(agent: Agent, id: string, file: { name: string; mime: string; dataBase64: string }): ComplaintDetail {
    const current = this.mustGet(id);
    const checked = checkComplaintFile(file.name, file.mime, file.dataBase64);
    this.store.write((tx) => {
      const fileId = uuidv7(tx.now);
      this.store.register.addFile(
        {
          id: fileId,
          complaintId: id,
          name: checked.name,
          mime: checked.mime,
          size: checked.data.length,
          addedAt: tx.now,
          addedBy: agent.id,
        },
        checked.data,
      );
      this.event(tx, id, agent.id, current.version, { kind: 'file', to: fileId, text: checked.name });
    });
    return this.get(id);
  }

  file(fileId: string): { name: string; mime: string; dataBase64: string } {
    const file = this.store.register.file(fileId);
    if (!file) throw new OknoError('not_found', `complaint file ${fileId} does not exist`);
    return { name: file.name, mime: file.mime, dataBase64: file.data.toString('base64') };
  }

  /** Records that a letter was made (format and language) in the history. */
  recordLetter(agent: Agent, id: string, name: string): void {
    const current = this.mustGet(id);
    this.store.write((tx) => this.event(tx, id, agent.id, current.version, { kind: 'letter', text: name }));
  }

  /** The values a customer message or a letter fills its placeholders with. */
  textValues(complaint: Complaint, type: ComplaintType, status: ComplaintStatus, language: CustomerLanguage) {
    const locale = language === 'ru' ? 'ru-RU' : 'en-GB';
    const day = (at: number) =>
      new Intl.DateTimeFormat(locale, {
        timeZone: this.deps.timeZone,
        day: 'numeric',
        month: 'long',
        year: 'numeric',
      }).format(at);
    const values: CustomerTextValues = {
      number: complaint.number,
      status,
      deadline: day(complaint.deadlineAt),
      subject: complaint.subject,
      customer: complaint.customerName ?? '',
      type: type.name[language],
      date: day(this.deps.now()),
      fields: complaint.fields,
    };
    return values;
  }

  /** Many complaints for a page or an export: their contacts and files read in two queries. */
  private views(items: readonly ComplaintRecord[]): Complaint[] {
    const ids = items.map((i) => i.id);
    const threads = this.store.register.threadsOfMany(ids);
    const files = this.store.register.filesOfMany(ids);
    const now = this.deps.now();
    return items.map((r) => this.view(r, threads.get(r.id) ?? [], now, files.get(r.id) ?? []));
  }

  view(
    record: ComplaintRecord,
    threadIds?: string[],
    now = this.deps.now(),
    files = this.store.register.filesOf(record.id),
  ): Complaint {
    return {
      id: record.id,
      number: record.number,
      typeId: record.typeId,
      subject: record.subject,
      fields: record.fields,
      status: record.status,
      customerId: record.customerId,
      customerName: record.customerName,
      originThreadId: record.originThreadId,
      originChannel: record.originChannel,
      threadIds: threadIds ?? this.store.register.threadsOf(record.id),
      assigneeAgentId: record.assigneeAgentId,
      assigneeAgentName: record.assigneeAgentName,
      assigneeGroupId: record.assigneeGroupId,
      assigneeGroupName: record.assigneeGroupName,
      createdAt: record.createdAt,
      createdBy: record.createdBy,
      createdByName: record.createdByName,
      updatedAt: record.updatedAt,
      updatedBy: record.updatedBy,
      updatedByName: record.updatedByName,
      version: record.version,
      deadlineAt: record.deadlineAt,
      resolvedAt: record.resolvedAt,
      closedAt: record.closedAt,
      warning: warningOf(record.status, record.deadlineAt, now),
      files: files.map((f) => ({
        id: f.id,
        name: f.name,
        mime: f.mime,
        size: f.size,
        addedAt: f.addedAt,
        addedBy: f.addedBy,
      })),
    };
  }

  mustType(id: string): ComplaintType {
    const type = this.store.register.typeById(id);
    if (!type) throw new OknoError('not_found', `complaint type ${id} does not exist`);
    return type;
  }

  mustGetView(id: string): Complaint {
    return this.view(this.mustGet(id));
  }

  // ---- inside ---------------------------------------------------------------------------------

  private mustGet(id: string): ComplaintRecord {
    const record = this.store.register.byId(id);
    if (!record) throw new OknoError('not_found', `complaint ${id} does not exist`);
    return record;
  }

  private query(agent: Agent, filters: RegisterFilters, offset: number, limit: number): ListQuery {
    const q: ListQuery = { ...filters, offset, limit, now: this.deps.now() };
    if (filters.mine) {
      q.viewerId = agent.id;
      q.viewerGroupIds = this.store.routing
        .groups()
        .filter((g) => g.memberIds.includes(agent.id))
        .map((g) => g.id);
    }
    const text = filters.query?.trim() ?? '';
    if (text) {
      const number = /^(?:#|№\s*)?(\d{1,9})$/.exec(text);
      if (number) q.number = Number(number[1]);
      else q.words = fold(text).split(/\s+/).filter(Boolean).slice(0, 8);
    }
    return q;
  }

  private conflict(current: ComplaintRecord, baseVersion: number): never {
    const changed = [
      ...new Set(
        this.store.register
          .eventsOf(current.id)
          .filter((e) => e.version > baseVersion && !['comment', 'file', 'linked', 'letter'].includes(e.kind))
          .filter((e) => e.kind !== 'customer_notified' && e.kind !== 'customer_not_notified')
          .map((e) => (e.kind === 'field' ? `field ${e.field}` : e.kind.replace('_', ' '))),
      ),
    ];
    const by = current.updatedByName ?? 'someone';
    throw new OknoError(
      'conflict',
      `complaint #${current.number} was changed by ${by} (${changed.join(', ') || 'a change'}) after you opened it; reload it and make your change again`,
      undefined,
      { number: current.number, by, at: current.updatedAt, changed: changed.join(', '), version: current.version },
    );
  }

  private threadInReach(agent: Agent, threadId: string): Thread {
    const thread = this.store.threads.byId(threadId);
    if (!thread) refuse([{ path: 'threadId', message: `thread ${threadId} does not exist` }]);
    if (!this.deps.canSee(agent, threadId)) {
      throw new OknoError('forbidden', `thread #${thread.number} is not in your reach`);
    }
    return thread;
  }

  private groupName(groupId: string): string | null {
    return this.store.routing.groups().find((g) => g.id === groupId)?.name ?? null;
  }

  private checkAssignees(agentId: string | null, groupId: string | null): void {
    if (agentId && !this.store.agents.byId(agentId)) {
      refuse([{ path: 'assigneeAgentId', message: `agent ${agentId} does not exist` }]);
    }
    if (groupId && !this.groupName(groupId)) {
      refuse([{ path: 'assigneeGroupId', message: `group ${groupId} does not exist` }]);
    }
  }

  private event(tx: Tx, complaintId: string, agentId: string | null, version: number, d: EventDraft): void {
    this.store.register.addEvent({
      id: uuidv7(tx.now),
      complaintId,
      at: tx.now,
      agentId,
      version,
      kind: d.kind,
      field: d.field ?? null,
      from: d.from ?? null,
      to: d.to ?? null,
      text: d.text ?? null,
    });
  }

  /** A fact in the conversation's own history (the renderer words it: threadEvents.<kind>). */
  private threadEvent(
    tx: Tx,
    threadId: string,
    kind: 'complaint_registered' | 'complaint_linked',
    agent: Agent,
    complaintId: string,
    number: number,
    subject: string,
  ): void {
    this.store.routing.addEvent({
      id: uuidv7(tx.now),
      threadId,
      kind,
      text: `${kind === 'complaint_registered' ? 'complaint registered' : 'linked to complaint'} #${number}`,
      data: { complaintId, number, title: subject, agentName: agent.name },
      actorId: agent.id,
      createdAt: tx.now,
    });
  }

  private events(id: string): ComplaintEvent[] {
    const agents = new Map<string, string | null>();
    const groups = new Map(this.store.routing.groups().map((g) => [g.id, g.name]));
    const agentName = (agentId: string) => {
      if (!agents.has(agentId)) agents.set(agentId, this.store.agents.byId(agentId)?.name ?? null);
      return agents.get(agentId) ?? null;
    };
    const label = (kind: string, value: string | null): string | null => {
      if (value === null) return null;
      if (kind === 'assignee_agent') return agentName(value);
      if (kind === 'assignee_group') return groups.get(value) ?? null;
      return null;
    };
    return this.store.register.eventsOf(id).map((e) => ({
      id: e.id,
      at: e.at,
      agentId: e.agentId,
      agentName: e.agentName,
      kind: e.kind as ComplaintEventKind,
      field: e.field,
      from: e.from,
      to: e.to,
      fromLabel: label(e.kind, e.from),
      toLabel: label(e.kind, e.to),
      text: e.text,
    }));
  }

  /**
   * Tells the customer of `status` through the conversation of origin: the type's message in the
   * conversation's language, written as a message in that thread (delivered after the commit) and
   * recorded in the history. Nothing when the type says nothing for this status.
   */
  private notify(
    tx: Tx,
    record: ComplaintRecord,
    type: ComplaintType,
    status: ComplaintStatus,
    version: number,
  ): { thread: Thread; message: Message } | null {
    const templates = type.customerMessages[status];
    if (!templates.en.trim() && !templates.ru.trim()) return null;
    const notNotified = (why: string) => {
      this.event(tx, record.id, null, version, { kind: 'customer_not_notified', to: status, text: why });
      return null;
    };
    if (!record.originThreadId) return notNotified('no conversation of origin (registered from a customer card)');
    const thread = this.store.threads.byId(record.originThreadId);
    if (!thread) return notNotified('the conversation of origin is gone');
    if (thread.channel === 'phone') return notNotified('the conversation of origin is a call');
    const language = routingOf(this.store, thread).language;
    const text = fillCustomerText(
      pickText(templates, language),
      language,
      this.textValues(this.view(record), type, status, language),
    ).trim();
    if (!text) return null;
    const message: Message = {
      id: uuidv7(tx.now),
      threadId: thread.id,
      direction: 'out',
      author: { kind: 'system', id: null, name: REGISTER_AUTHOR[language] },
      text: text.slice(0, 4000),
      status: 'sent',
      createdAt: tx.now,
    };
    this.store.messages.insert(tx, message);
    this.event(tx, record.id, null, version, {
      kind: 'customer_notified',
      field: null,
      from: status,
      to: thread.channel,
      text: message.text,
    });
    return { thread, message };
  }

  private writeWithOutbound(
    work: (tx: Tx) => { complaint: ComplaintRecord; notice: { thread: Thread; message: Message } | null },
  ): { result: Complaint; outbound: { thread: Thread; message: Message } | null } {
    const { result } = this.store.write(work);
    return { result: this.view(this.mustGet(result.complaint.id)), outbound: result.notice };
  }

  /** Hands a committed status message to its channel's gateway (a failed send ends as message status failed). */
  private flush(outbound: { thread: Thread; message: Message } | null): void {
    if (!outbound) return;
    try {
      this.deps.deliver(outbound.thread, outbound.message);
    } catch (error) {
      this.deps.log.error('delivering a complaint status message failed', {
        messageId: outbound.message.id,
        error: String(error),
      });
    }
  }
}
