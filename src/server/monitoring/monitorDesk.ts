/**
 * Who monitors which call, and the rules (decision 0039): only leads and admins monitor (an agent's
 * attempt is refused and audited as monitor.refused), only answered calls of the queue, every start and
 * every change of mode audited (monitor.listen / whisper / barge) with the call's thread and customer.
 * Sessions live in memory: they are as short as the call, and end with it (ended()).
 */
import type { Agent } from '../../shared/domain.js';
import { OknoError } from '../../shared/errors.js';
import { uuidv7 } from '../../shared/ids.js';
import {
  MONITOR_AUDIT,
  type AgentMonitor,
  type LiveCall,
  type MonitorMode,
  type MonitorParty,
  type MonitorSession,
  type TapMedia,
} from '../../shared/monitoring/monitoring.js';
import type { HubStore } from '../storage/hubStore.js';
import type { QueueCall } from '../storage/queueCallsRepo.js';
import type { MediaTaps } from './mediaTaps.js';

interface Session {
  id: string;
  callId: string;
  threadId: string;
  customerId: string | null;
  agentId: string | null;
  lead: Agent;
  mode: MonitorMode;
  /** The lead page's taps on each party, by party. */
  legs: Map<MonitorParty, string>;
  /** The lead's voice as a publisher in the call (whisper, barge), once published. */
  voiceTag: string | null;
  /** The agent app's tap on the lead's voice. */
  hearTag: string | null;
}

export interface MonitorDeskDeps {
  store: HubStore;
  taps: MediaTaps | null;
  now: () => number;
}

const MAY_MONITOR: readonly Agent['role'][] = ['lead', 'admin'];

export class MonitorDesk {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly deps: MonitorDeskDeps) {}

  liveCalls(): LiveCall[] {
    return this.deps.store.queueCalls
      .live()
      .filter((call) => call.state === 'answered')
      .map((call) => ({
        callId: call.callId,
        threadId: call.threadId,
        caller: call.caller,
        agentId: call.answeredBy,
        agentName: call.answeredBy ? (this.deps.store.agents.byId(call.answeredBy)?.name ?? null) : null,
        answeredAt: call.answeredAt ?? call.enteredAt,
        watchers: this.ofCall(call.callId).map((s) => ({
          sessionId: s.id,
          leadId: s.lead.id,
          leadName: s.lead.name,
          mode: s.mode,
        })),
      }));
  }

  async start(lead: Agent, callId: string, mode: MonitorMode, media: TapMedia): Promise<MonitorSession> {
    const call = this.deps.store.queueCalls.byId(callId);
    const customerId = call ? (this.deps.store.threads.byId(call.threadId)?.customerId ?? null) : null;
    if (!MAY_MONITOR.includes(lead.role)) {
      this.audit(lead, MONITOR_AUDIT.refused, call, customerId, { callId, mode, reason: 'role' });
      throw new OknoError('forbidden', `live monitoring needs the role lead or admin; you are ${lead.role}`);
    }
    if (!call || call.state !== 'answered') {
      throw new OknoError('not_found', `call ${callId} is not an answered call of the queue (it may have ended)`);
    }
    const taps = this.requireTaps();
    const agentTag = await taps.agentTag(call.callId, call.fromTag);
    const session: Session = {
      id: uuidv7(this.deps.now()),
      callId: call.callId,
      threadId: call.threadId,
      customerId,
      agentId: call.answeredBy,
      lead,
      mode,
      legs: new Map(),
      voiceTag: null,
      hearTag: null,
    };
    const legs: MonitorSession['legs'] = [];
    try {
      for (const [party, tag] of [
        ['caller', call.fromTag],
        ['agent', agentTag],
      ] as const) {
        const tap = await taps.tap(call.callId, tag, media);
        session.legs.set(party, tap.toTag);
        legs.push({ party, sdp: tap.sdp });
      }
    } catch (error) {
      await this.release(session);
      throw error;
    }
    this.sessions.set(session.id, session);
    this.audit(lead, MONITOR_AUDIT[mode], call, customerId, {
      callId,
      sessionId: session.id,
      agentId: call.answeredBy,
    });
    return { sessionId: session.id, callId: call.callId, threadId: call.threadId, mode, legs };
  }

  async answer(lead: Agent, sessionId: string, party: MonitorParty, sdp: string): Promise<void> {
    const session = this.ownSession(lead, sessionId);
    const toTag = session.legs.get(party);
    if (!toTag) throw new OknoError('not_found', `session ${sessionId} has no ${party} leg`);
    await this.requireTaps().answer(session.callId, toTag, sdp);
  }

  /** The lead's microphone, published once per session; a second offer replaces the first. */
  async voice(lead: Agent, sessionId: string, offer: string): Promise<string> {
    const session = this.ownSession(lead, sessionId);
    session.voiceTag = `lead-${session.id}`;
    return this.requireTaps().publish(session.callId, session.voiceTag, offer);
  }

  async setMode(lead: Agent, sessionId: string, mode: MonitorMode): Promise<Omit<MonitorSession, 'legs'>> {
    const session = this.ownSession(lead, sessionId);
    if (session.mode !== mode) {
      session.mode = mode;
      if (mode === 'listen') await this.stopHearing(session);
      const call = this.deps.store.queueCalls.byId(session.callId);
      this.audit(lead, MONITOR_AUDIT[mode], call, session.customerId, { callId: session.callId, sessionId });
    }
    return { sessionId, callId: session.callId, threadId: session.threadId, mode };
  }

  async stop(lead: Agent, sessionId: string): Promise<void> {
    const session = this.ownSession(lead, sessionId);
    this.sessions.delete(session.id);
    await this.release(session);
  }

  /** The agent's view: the newest session on the agent's answered call (one lead is heard at a time). */
  mine(agent: Agent): AgentMonitor | null {
    const session = [...this.sessions.values()].filter((s) => s.agentId === agent.id).at(-1);
    if (!session) return null;
    return {
      sessionId: session.id,
      callId: session.callId,
      leadName: session.lead.name,
      mode: session.mode,
      voice: session.voiceTag !== null && session.mode !== 'listen',
    };
  }

  /** The agent's app taps the lead's voice (again after a reconnect: the old tap is dropped). */
  async hear(agent: Agent, sessionId: string, media: TapMedia): Promise<string> {
    const session = this.agentSession(agent, sessionId);
    if (session.voiceTag === null || session.mode === 'listen') {
      throw new OknoError('conflict', `the lead is not speaking to you in session ${sessionId} (mode ${session.mode})`);
    }
    await this.stopHearing(session);
    const tap = await this.requireTaps().tap(session.callId, session.voiceTag, media);
    session.hearTag = tap.toTag;
    return tap.sdp;
  }

  async hearAnswer(agent: Agent, sessionId: string, sdp: string): Promise<void> {
    const session = this.agentSession(agent, sessionId);
    if (!session.hearTag) throw new OknoError('conflict', `ask to hear session ${sessionId} before answering`);
    await this.requireTaps().answer(session.callId, session.hearTag, sdp);
  }

  /** The call ended: its sessions go (rtpengine deleted the call and every tap with it). */
  ended(call: QueueCall): void {
    for (const session of this.ofCall(call.callId)) this.sessions.delete(session.id);
  }

  private ofCall(callId: string): Session[] {
    return [...this.sessions.values()].filter((s) => s.callId === callId);
  }

  private ownSession(lead: Agent, sessionId: string): Session {
    const session = this.sessions.get(sessionId);
    if (!session) throw new OknoError('not_found', `no live monitoring session ${sessionId} (the call may have ended)`);
    if (session.lead.id !== lead.id) {
      throw new OknoError('forbidden', `monitoring session ${sessionId} was started by another lead`);
    }
    return session;
  }

  private agentSession(agent: Agent, sessionId: string): Session {
    const session = this.sessions.get(sessionId);
    if (!session) throw new OknoError('not_found', `no live monitoring session ${sessionId} (the call may have ended)`);
    if (session.agentId !== agent.id) {
      throw new OknoError('forbidden', `monitoring session ${sessionId} is on another agent's call`);
    }
    return session;
  }

  private requireTaps(): MediaTaps {
    if (!this.deps.taps) throw new OknoError('conflict', 'live monitoring needs the PBX; this hub runs without one');
    return this.deps.taps;
  }

  private async stopHearing(session: Session): Promise<void> {
    if (session.hearTag && this.deps.taps) await this.deps.taps.untap(session.callId, session.hearTag);
    session.hearTag = null;
  }

  /** Best effort: the publisher stays in the call, silent, until the call ends (rtpengine has no unpublish). */
  private async release(session: Session): Promise<void> {
    await this.stopHearing(session);
    for (const toTag of session.legs.values()) await this.deps.taps?.untap(session.callId, toTag);
    session.legs.clear();
  }

  private audit(
    agent: Agent,
    action: string,
    call: QueueCall | null,
    customerId: string | null,
    detail: Record<string, string | null>,
  ): void {
    this.deps.store.audit.record(
      { agentId: agent.id, action, threadId: call?.threadId ?? null, customerId, detail },
      this.deps.now(),
    );
  }
}
