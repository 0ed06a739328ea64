/**
 * Each queued call's journey (src/server/calls), callback tasks left by callers who gave up, and
 * the SIP user each agent's softphone answers as.
 */
import type { CallbackResult, CallbackTask } from '../../shared/hubApi/callsApi.js';
import type { Database } from './database.js';

/** Where a call stands; the first four are live (the caller is on the line, no agent talking yet or talking). */
export type QueueCallState =
  | 'menu'
  | 'waiting'
  | 'offering'
  | 'answered'
  | 'ended'
  | 'abandoned'
  | 'rejected'
  | 'self_service'
  | 'callback_left'
  | 'lost';

export const LIVE_CALL_STATES: readonly QueueCallState[] = ['menu', 'waiting', 'offering', 'answered'];

export interface QueueCall {
  callId: string;
  threadId: string;
  lineId: string | null;
  caller: string;
  fromTag: string;
  tindex: number;
  tlabel: number;
  state: QueueCallState;
  enteredAt: number;
  offeredAgentId: string | null;
  offers: number;
  answeredAt: number | null;
  answeredBy: string | null;
  endedAt: number | null;
}

interface CallRow {
  call_id: string;
  thread_id: string;
  line_id: string | null;
  caller: string;
  from_tag: string;
  tindex: number;
  tlabel: number;
  state: QueueCallState;
  entered_at: number;
  offered_agent_id: string | null;
  offers: number;
  answered_at: number | null;
  answered_by: string | null;
  ended_at: number | null;
}

function toCall(row: CallRow): QueueCall {
  return {
    callId: row.call_id,
    threadId: row.thread_id,
    lineId: row.line_id,
    caller: row.caller,
    fromTag: row.from_tag,
    tindex: row.tindex,
    tlabel: row.tlabel,
    state: row.state,
    enteredAt: row.entered_at,
    offeredAgentId: row.offered_agent_id,
    offers: row.offers,
    answeredAt: row.answered_at,
    answeredBy: row.answered_by,
    endedAt: row.ended_at,
  };
}

interface CallbackRow {
  thread_id: string;
  customer_id: string;
  number: string;
  line_id: string | null;
  requested_at: number;
  waited_ms: number;
  due_at: number;
  state: CallbackTask['state'];
  result: CallbackResult | null;
}

function toCallback(row: CallbackRow): CallbackTask & { customerId: string } {
  return {
    threadId: row.thread_id,
    customerId: row.customer_id,
    number: row.number,
    lineId: row.line_id,
    requestedAt: row.requested_at,
    waitedMs: row.waited_ms,
    dueAt: row.due_at,
    state: row.state,
    result: row.result,
  };
}

export class QueueCallsRepo {
  private readonly s;

  constructor(db: Database) {
    const live = LIVE_CALL_STATES.map((state) => `'${state}'`).join(', ');
    this.s = {
      byId: db.prepare('SELECT * FROM queue_calls WHERE call_id = ?'),
      live: db.prepare(`SELECT * FROM queue_calls WHERE state IN (${live}) ORDER BY entered_at, call_id`),
      liveOfThread: db.prepare(`SELECT 1 FROM queue_calls WHERE thread_id = ? AND state IN (${live}) LIMIT 1`),
      heldByQueue: db.prepare(
        `SELECT EXISTS (SELECT 1 FROM queue_calls WHERE thread_id = ? AND state IN (${live}))
             OR EXISTS (SELECT 1 FROM callbacks WHERE thread_id = ? AND state = 'open') AS held`,
      ),
      upsert: db.prepare(
        `INSERT INTO queue_calls (call_id, thread_id, line_id, caller, from_tag, tindex, tlabel, state, entered_at,
           offered_agent_id, offers, answered_at, answered_by, ended_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (call_id) DO UPDATE SET thread_id = excluded.thread_id, line_id = excluded.line_id,
           tindex = excluded.tindex, tlabel = excluded.tlabel, state = excluded.state,
           offered_agent_id = excluded.offered_agent_id, offers = excluded.offers,
           answered_at = excluded.answered_at, answered_by = excluded.answered_by, ended_at = excluded.ended_at`,
      ),
      lastLine: db.prepare('SELECT line_id FROM queue_calls WHERE thread_id = ? ORDER BY entered_at DESC LIMIT 1'),
      callback: db.prepare('SELECT * FROM callbacks WHERE thread_id = ?'),
      openCallbacks: db.prepare("SELECT * FROM callbacks WHERE state = 'open' ORDER BY due_at, thread_id"),
      openCallbacksOf: db.prepare("SELECT * FROM callbacks WHERE state = 'open' AND customer_id = ?"),
      insertCallback: db.prepare(
        `INSERT INTO callbacks (thread_id, customer_id, number, line_id, requested_at, waited_ms, due_at, state)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'open')
         ON CONFLICT (thread_id) DO UPDATE SET state = 'open', requested_at = excluded.requested_at,
           waited_ms = excluded.waited_ms, due_at = excluded.due_at, result = NULL, done_by = NULL, done_at = NULL`,
      ),
      finishCallback: db.prepare(
        'UPDATE callbacks SET state = ?, result = ?, done_by = ?, done_at = ? WHERE thread_id = ?',
      ),
      phoneOf: db.prepare('SELECT sip_user FROM agent_phones WHERE agent_id = ?'),
      phones: db.prepare('SELECT agent_id, sip_user FROM agent_phones'),
      clearPhoneUser: db.prepare('DELETE FROM agent_phones WHERE sip_user = ? AND agent_id != ?'),
      setPhone: db.prepare(
        `INSERT INTO agent_phones (agent_id, sip_user, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (agent_id) DO UPDATE SET sip_user = excluded.sip_user, updated_at = excluded.updated_at`,
      ),
      deletePhone: db.prepare('DELETE FROM agent_phones WHERE agent_id = ?'),
    };
  }

  byId(callId: string): QueueCall | null {
    const row = this.s.byId.get(callId) as CallRow | undefined;
    return row ? toCall(row) : null;
  }

  live(): QueueCall[] {
    return (this.s.live.all() as CallRow[]).map(toCall);
  }

  /** A caller of this thread is on the line (in the menu, waiting, ringing an agent or talking). */
  /** A live call or an open callback task: the call queue routes this thread, text routing does not. */
  heldByQueue(threadId: string): boolean {
    return (this.s.heldByQueue.get(threadId, threadId) as { held: number }).held === 1;
  }

  hasLiveCall(threadId: string): boolean {
    return this.s.liveOfThread.get(threadId) !== undefined;
  }

  save(call: QueueCall): void {
    this.s.upsert.run(
      call.callId,
      call.threadId,
      call.lineId,
      call.caller,
      call.fromTag,
      call.tindex,
      call.tlabel,
      call.state,
      call.enteredAt,
      call.offeredAgentId,
      call.offers,
      call.answeredAt,
      call.answeredBy,
      call.endedAt,
    );
  }

  /** The line the thread's latest call came in on. */
  lastLineOf(threadId: string): string | null {
    return (this.s.lastLine.get(threadId) as { line_id: string | null } | undefined)?.line_id ?? null;
  }

  callback(threadId: string): (CallbackTask & { customerId: string }) | null {
    const row = this.s.callback.get(threadId) as CallbackRow | undefined;
    return row ? toCallback(row) : null;
  }

  openCallbacks(): (CallbackTask & { customerId: string })[] {
    return (this.s.openCallbacks.all() as CallbackRow[]).map(toCallback);
  }

  openCallbacksOf(customerId: string): (CallbackTask & { customerId: string })[] {
    return (this.s.openCallbacksOf.all(customerId) as CallbackRow[]).map(toCallback);
  }

  addCallback(task: {
    threadId: string;
    customerId: string;
    number: string;
    lineId: string | null;
    requestedAt: number;
    waitedMs: number;
    dueAt: number;
  }): void {
    this.s.insertCallback.run(
      task.threadId,
      task.customerId,
      task.number,
      task.lineId,
      task.requestedAt,
      task.waitedMs,
      task.dueAt,
    );
  }

  finishCallback(
    threadId: string,
    state: 'done' | 'cleared',
    result: CallbackResult | null,
    by: string | null,
    at: number,
  ): void {
    this.s.finishCallback.run(state, result, by, at, threadId);
  }

  phoneOf(agentId: string): string | null {
    return (this.s.phoneOf.get(agentId) as { sip_user: string } | undefined)?.sip_user ?? null;
  }

  /** agentId → SIP user of every agent with a registered softphone. */
  phones(): Map<string, string> {
    const out = new Map<string, string>();
    for (const row of this.s.phones.all() as { agent_id: string; sip_user: string }[])
      out.set(row.agent_id, row.sip_user);
    return out;
  }

  /** One SIP user answers for one agent: the newest registration wins. */
  setPhone(agentId: string, sipUser: string | null, at: number): void {
    if (sipUser === null) {
      this.s.deletePhone.run(agentId);
      return;
    }
    this.s.clearPhoneUser.run(sipUser, agentId);
    this.s.setPhone.run(agentId, sipUser, at);
  }
}
