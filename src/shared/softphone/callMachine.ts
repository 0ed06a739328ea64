/**
 * The call state machine, pure (SIP.js core style): one call's finite state moved by events.
 * SIP.js sessions live in the renderer's softphone service; they report what happened as these
 * events, and the store keeps only the result. An event that does not fit the state is ignored
 * (the same object comes back), so a late or duplicated SIP callback cannot corrupt a call.
 *
 *   incoming ─▶ ringing ──answer──▶ connecting ─▶ established ⇄ held
 *   dial ─────▶ dialing ─progress─▶ dialing(remote ringing) ─▶ established
 *   established/held ─transfer─▶ transferring ─▶ ended (transferred) | back (failed)
 *   any live state ─end─▶ ended
 */
export type CallDirection = 'inbound' | 'outbound';

export type CallPhase = 'ringing' | 'dialing' | 'connecting' | 'established' | 'held' | 'transferring' | 'ended';

export type CallParty = 'local' | 'remote' | 'system';

/** One hand-over attempt: blind (REFER) or attended (consult, then REFER with Replaces). */
export interface CallTransfer {
  target: string;
  kind: 'blind' | 'attended';
  at: number;
  /** null while it runs; false when the PBX or the other side refused it. */
  ok: boolean | null;
}

/**
 * The queue's thread a call belongs to: a queued call the hub offered to this agent (its INVITE named
 * the thread in X-Okno-Thread) or a callback task being called back. The call is logged onto it.
 */
export interface CallThread {
  threadId: string;
  kind: 'offered' | 'callback';
  /** How long the caller waited in the queue before this offer (X-Okno-Waited-Ms), when known. */
  waitedMs: number | null;
  /** The service line called (X-Okno-Line), when the PBX names it. */
  line: string | null;
}

export interface CallState {
  id: string;
  direction: CallDirection;
  /** The other side's SIP URI (or the number dialled). */
  remoteUri: string;
  remoteName: string | null;
  /** The other side's number in E.164 when it is one; null for extensions and names. */
  remoteNumber: string | null;
  phase: CallPhase;
  /** The far end is ringing (outbound, after 180/183). */
  remoteRinging: boolean;
  muted: boolean;
  /** Phase to return to when a transfer fails. */
  transferTarget: string | null;
  startedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  endedBy: CallParty | null;
  /** Why it ended: a SIP status (486, 603…) or a word ('bye', 'cancel', 'transferred', 'rejected'). */
  endReason: string | null;
  /** Digits sent during the call, in order. */
  dtmf: string;
  /** Transfers tried on this call, in order (the chain the call record keeps). */
  transfers: CallTransfer[];
  /** Times the caller was put on hold (`to` null while still held); for handle time in the stats. */
  holds: CallHold[];
  /** The queue's thread this call belongs to; null: a call of its own (logged as a new phone thread). */
  thread: CallThread | null;
}

export interface CallHold {
  from: number;
  to: number | null;
}

export type CallEvent =
  | { type: 'answer' }
  | { type: 'progress' }
  | { type: 'established'; at: number }
  | { type: 'hold'; on: boolean; at?: number }
  | { type: 'mute'; on: boolean }
  | { type: 'dtmf'; digit: string }
  | { type: 'transferStarted'; target: string; kind?: CallTransfer['kind']; at?: number }
  | { type: 'transferFailed' }
  | { type: 'ended'; at: number; by: CallParty; reason: string };

export interface NewCall {
  id: string;
  direction: CallDirection;
  remoteUri: string;
  remoteName?: string | null;
  remoteNumber?: string | null;
  thread?: CallThread | null;
  at: number;
}

export function newCall(input: NewCall): CallState {
  return {
    id: input.id,
    direction: input.direction,
    remoteUri: input.remoteUri,
    remoteName: input.remoteName ?? null,
    remoteNumber: input.remoteNumber ?? null,
    phase: input.direction === 'inbound' ? 'ringing' : 'dialing',
    remoteRinging: false,
    muted: false,
    transferTarget: null,
    startedAt: input.at,
    answeredAt: null,
    endedAt: null,
    endedBy: null,
    endReason: null,
    dtmf: '',
    transfers: [],
    holds: [],
    thread: input.thread ?? null,
  };
}

/** The call's finished holds, as the call record carries them. */
export function heldPeriods(call: Pick<CallState, 'holds'>): { from: number; to: number }[] {
  return (call.holds ?? []).flatMap((h) => (h.to === null ? [] : [{ from: h.from, to: h.to }]));
}

/** Opens a hold at `at`, or closes the open one; without a time the holds are left as they are. */
function markHold(holds: readonly CallHold[] | undefined, on: boolean, at: number | undefined): CallHold[] {
  const list = [...(holds ?? [])];
  if (at === undefined) return list;
  const open = list.length > 0 && list[list.length - 1]!.to === null;
  if (on && !open) list.push({ from: at, to: null });
  if (!on && open)
    list[list.length - 1] = { from: list[list.length - 1]!.from, to: Math.max(at, list[list.length - 1]!.from) };
  return list;
}

const LIVE: readonly CallPhase[] = ['ringing', 'dialing', 'connecting', 'established', 'held', 'transferring'];
const TALKING: readonly CallPhase[] = ['established', 'held'];

export function isLive(call: CallState): boolean {
  return LIVE.includes(call.phase);
}

export const DTMF_DIGIT = /^[0-9*#A-D]$/;

export function callTransition(call: CallState, event: CallEvent): CallState {
  switch (event.type) {
    case 'answer':
      return call.phase === 'ringing' ? { ...call, phase: 'connecting' } : call;
    case 'progress':
      return call.phase === 'dialing' && !call.remoteRinging ? { ...call, remoteRinging: true } : call;
    case 'established':
      if (call.phase !== 'connecting' && call.phase !== 'dialing' && call.phase !== 'ringing') return call;
      return { ...call, phase: 'established', remoteRinging: false, answeredAt: event.at };
    case 'hold':
      if (event.on && call.phase === 'established') {
        return { ...call, phase: 'held', holds: markHold(call.holds, true, event.at) };
      }
      if (!event.on && call.phase === 'held') {
        return { ...call, phase: 'established', holds: markHold(call.holds, false, event.at) };
      }
      return call;
    case 'mute':
      if (!TALKING.includes(call.phase) || call.muted === event.on) return call;
      return { ...call, muted: event.on };
    case 'dtmf':
      if (call.phase !== 'established' || !DTMF_DIGIT.test(event.digit)) return call;
      return { ...call, dtmf: call.dtmf + event.digit };
    case 'transferStarted':
      if (!TALKING.includes(call.phase)) return call;
      return {
        ...call,
        phase: 'transferring',
        transferTarget: event.target,
        transfers: [
          ...call.transfers,
          { target: event.target, kind: event.kind ?? 'blind', at: event.at ?? call.startedAt, ok: null },
        ],
      };
    case 'transferFailed':
      // The caller is still with us (on hold when the transfer started from hold or not).
      if (call.phase !== 'transferring') return call;
      return { ...call, phase: 'held', transferTarget: null, transfers: settleLastTransfer(call.transfers, false) };
    case 'ended':
      if (!isLive(call)) return call;
      return {
        ...call,
        phase: 'ended',
        remoteRinging: false,
        endedAt: event.at,
        endedBy: event.by,
        endReason: call.phase === 'transferring' && event.by === 'local' ? 'transferred' : event.reason,
        // We leave a transferring call only once the hand-over was accepted; the caller leaving is not one.
        transfers:
          call.phase === 'transferring' ? settleLastTransfer(call.transfers, event.by === 'local') : call.transfers,
        // A caller still on hold when the call ends was held until then.
        holds: markHold(call.holds, false, event.at),
      };
    default:
      return assertNever(event);
  }
}

function settleLastTransfer(transfers: CallTransfer[], ok: boolean): CallTransfer[] {
  const last = transfers.at(-1);
  return last && last.ok === null ? [...transfers.slice(0, -1), { ...last, ok }] : transfers;
}

function assertNever(value: never): never {
  throw new Error(`unknown call event ${JSON.stringify(value)}`);
}

/** Talk time in ms: answer to end (or to `now` while the call is up); 0 if never answered. */
export function talkDuration(call: CallState, now: number): number {
  if (call.answeredAt === null) return 0;
  return Math.max(0, (call.endedAt ?? now) - call.answeredAt);
}

export type AgentPhoneStatus = 'ready' | 'not_ready' | 'after_call_work' | 'away' | 'offline';

/**
 * Whether a new incoming call may ring: only a ready agent with no live call. Anything else
 * (not ready, the hub's after_call_work, away) answers 486 Busy Here: an agent on a call is busy
 * for the next one. After-call work has one source, the hub's status settings (decision 0015).
 */
export function incomingDecision(input: { agentStatus: AgentPhoneStatus; liveCalls: number }): 'ring' | 'busy' {
  if (input.agentStatus !== 'ready') return 'busy';
  if (input.liveCalls > 0) return 'busy';
  return 'ring';
}

/** "mm:ss" (or "h:mm:ss") for the in-call timer. */
export function formatCallTimer(ms: number): string {
  const total = Math.floor(Math.max(0, ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
}
