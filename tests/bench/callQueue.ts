/**
 * The call queue's figures for `npm run bench`:
 * 1. load: SIPp places `calls` calls at once into one line, `agents` SIPp phones answer; arrival (the
 *    hub's call_arrived) → offer decided (its `offered`) → ringing at the agent's phone (the INVITE
 *    with X-Okno-Thread logged by SIPp) → answered, plus the audit of the hub's history;
 * 2. decisions: Router.choose and CallQueue.offerWaiting in-process on a synthetic team (SQLite, no PBX);
 * 3. bridged calls: concurrent caller ↔ agent calls through rtpengine, stepped up until audio breaks
 *    (a failed call, a call not bridged, relayed packets lost) or the cap.
 * Figures only: nothing here fails on speed.
 */
import { createLogger } from '../../src/shared/log.js';
import { uuidv7 } from '../../src/shared/ids.js';
import type { Agent, Thread } from '../../src/shared/domain.js';
import type { Group } from '../../src/shared/routing/chooseAgent.js';
import { CallQueue } from '../../src/server/calls/callQueue.js';
import { PromptPlayer } from '../../src/server/calls/promptPlayer.js';
import { loadDefaults } from '../../src/server/contactCenter/defaults.js';
import { Router } from '../../src/server/contactCenter/router.js';
import { RtpengineNg } from '../../src/server/pbx/rtpengineNg.js';
import { openHubStore } from '../../src/server/storage/hubStore.js';
import type { BValue } from '../../src/server/pbx/bencode.js';
import {
  auditQueue,
  callLoadMissing,
  placeCalls,
  readHubCallLog,
  startQueueTeam,
  type QueueAudit,
} from '../support/callLoad.js';
import { summarize } from './stats.js';

type Summary = ReturnType<typeof summarize>;

export interface CallLoadFigures {
  calls: number;
  agents: number;
  seconds: number;
  sipp: { successful: number; failed: number };
  /** Queue wait included: arrival → the first offer, → the answer. */
  arrivalToOfferMs: Summary;
  arrivalToAnswerMs: Summary;
  /**
   * Queue wait excluded: from the moment a call and a free agent were both there (arrival, or the
   * agent's previous call ended) → the hub's offer, → the INVITE ringing at the agent's phone.
   */
  readyToOfferMs: Summary;
  readyToRingingMs: Summary;
  maxWaiting: number;
  missedOffers: number;
  problems: string[];
}

/** Many callers into one line, answered by `agents` SIPp phones; the audit's problems are part of the figures. */
export async function benchCallLoad(calls: number, agents: number): Promise<CallLoadFigures> {
  const team = await startQueueTeam({ agents, offerSeconds: 5, ringMs: 100 });
  try {
    const started = Date.now();
    const run = await placeCalls(team.pbx, { number: team.line, calls, rate: 100, holdMs: 2_000, waitMs: 120_000 });
    const seconds = (Date.now() - started) / 1000;
    const audit: QueueAudit = auditQueue(readHubCallLog(team.hub.dataDir));
    // SIPp writes its log when it exits
    await Promise.all(team.phones.map((phone) => phone.stop()));
    const rings = team.phones.flatMap((phone) => phone.ringings());
    const toRinging: number[] = [];
    for (const offer of audit.offerTimes) {
      // the first INVITE for this thread at or after the offer (each offer rings once)
      const ring = rings
        .filter((r) => r.threadId === offer.threadId && r.at >= offer.at - 5)
        .sort((a, b) => a.at - b.at)[0];
      if (ring) toRinging.push(ring.at - offer.possibleAt);
    }
    return {
      calls,
      agents,
      seconds,
      sipp: { successful: run.counts.successful, failed: run.counts.failed },
      arrivalToOfferMs: summarize(audit.arrivalToOfferMs),
      arrivalToAnswerMs: summarize(audit.arrivalToAnswerMs),
      readyToOfferMs: summarize(audit.offerTimes.map((o) => o.at - o.possibleAt)),
      readyToRingingMs: summarize(toRinging),
      maxWaiting: audit.maxWaiting,
      missedOffers: audit.missedOffers,
      problems: audit.problems,
    };
  } finally {
    await team.stop();
  }
}

export interface CallDecisionFigures {
  agents: number;
  waitingCalls: number;
  /** Router.choose on one team snapshot per call, the choice counted as given (Router.given). */
  choose: { decisions: number; microsecondsPerDecision: number };
  /** One CallQueue.offerWaiting pass over every waiting call (SQLite writes, offer commands built). */
  offerWaiting: { offered: number; milliseconds: number; microsecondsPerWaitingCall: number };
}

/** The router's decision time for calls: a synthetic team with registered softphones and a full queue. */
export function benchCallDecisions(dataDir: string, agents: number, waitingCalls: number): CallDecisionFigures {
  const log = createLogger('bench');
  const store = openHubStore(dataDir, Date.now, log);
  try {
    const topics = ['cards', 'loans', 'access', 'orders'];
    const groups: Group[] = topics.map((topic) => ({
      id: uuidv7(),
      name: topic,
      skills: { topics: [topic], languages: [], channels: ['phone'] },
      escalationGroupId: null,
      memberIds: [],
    }));
    const lineId = null;
    store.write((tx) => {
      const team: string[] = [];
      for (let i = 0; i < agents; i += 1) {
        const agent: Agent = { id: uuidv7(), login: `c${i}`, name: `Agent ${i}`, role: 'agent', status: 'ready', updatedAt: tx.now };
        store.agents.create(tx, agent, 'x');
        store.queueCalls.setPhone(agent.id, String(10_000 + i), tx.now);
        team.push(agent.id);
      }
      for (const [g, group] of groups.entries()) {
        // every agent in two of the four groups
        const members = team.filter((_, i) => i % groups.length === g || (i + 1) % groups.length === g);
        store.routing.saveGroup({ ...group, memberIds: members }, tx.now);
      }
      const customer = { id: uuidv7(), name: 'C', phone: null, email: null, createdAt: tx.now, updatedAt: tx.now };
      store.customers.save(tx, customer);
      for (let i = 0; i < waitingCalls; i += 1) {
        const thread: Thread = {
          id: uuidv7(),
          number: i + 1,
          channel: 'phone',
          status: 'open',
          customerId: customer.id,
          assigneeId: null,
          subject: 'call',
          slaDueAt: tx.now + 20_000 + ((i * 7919) % 60_000),
          lastMessageAt: tx.now,
          lastMessagePreview: '',
          createdAt: tx.now,
          updatedAt: tx.now,
        };
        store.threads.save(tx, thread);
        store.routing.saveThreadRouting({ threadId: thread.id, topic: topics[i % topics.length]!, language: 'ru', groupId: null, queuedAt: tx.now });
        store.queueCalls.save({
          callId: `bench-${i}`,
          threadId: thread.id,
          lineId,
          caller: `+7916${1_000_000 + i}`,
          fromTag: `t${i}`,
          tindex: i,
          tlabel: i,
          state: 'waiting',
          enteredAt: tx.now,
          offeredAgentId: null,
          offers: 0,
          answeredAt: null,
          answeredBy: null,
          endedAt: null,
        });
      }
    });

    let queue: CallQueue | null = null;
    const router = new Router(store, { liveCallsByAgent: () => queue?.liveCallsByAgent() ?? new Map() });
    const silent = new PromptPlayer(
      { playMedia: () => Promise.resolve({ durationMs: 1 }), stopMedia: () => Promise.resolve() },
      () => null,
      log,
    );
    let sent = 0;
    queue = new CallQueue({
      store,
      router,
      control: {
        send: () => {
          sent += 1;
          return true;
        },
      },
      player: silent,
      recognize: () => {
        throw new Error('no calls arrive in this bench');
      },
      routingConfig: () => loadDefaults().routing,
      now: Date.now,
      log,
      offerSeconds: 15,
    });

    // (1) the pure choice on one snapshot, as offerWaiting makes it
    const team = router.team();
    const phones = store.queueCalls.phones();
    let started = performance.now();
    for (let i = 0; i < waitingCalls; i += 1) {
      const decision = router.choose(
        { channel: 'phone', language: 'ru', topic: topics[i % topics.length]!, groupId: null },
        team,
        (candidate) => phones.has(candidate.agentId),
      );
      if (decision.agentId) Router.given(team, decision.agentId, 'phone', Date.now());
    }
    const chooseMs = performance.now() - started;

    // (2) the whole pass: every waiting call in deadline order, offers written and sent
    started = performance.now();
    queue.offerWaiting();
    const passMs = performance.now() - started;
    return {
      agents,
      waitingCalls,
      choose: { decisions: waitingCalls, microsecondsPerDecision: round((chooseMs * 1000) / waitingCalls) },
      offerWaiting: { offered: sent, milliseconds: round(passMs), microsecondsPerWaitingCall: round((passMs * 1000) / waitingCalls) },
    };
  } finally {
    store.close();
  }
}

export interface BridgeLevel {
  calls: number;
  /** Calls rtpengine bridged (caller and agent legs) when it was sampled. */
  bridged: number;
  failed: number;
  /** Packets per second rtpengine received from callers (SIPp sends 50 a call). */
  callerPacketsPerSecond: number;
  /** Share of the packets relayed to the agents that did not come back (echo) through rtpengine. */
  relayLoss: number;
  /** Slowest call's caller stream, as a share of 50 packets a second. */
  slowestCallerRate: number;
  ok: boolean;
}

export interface BridgeFigures {
  levels: BridgeLevel[];
  /** The most concurrent bridged calls carried with clean audio (the last level that was ok). */
  maxCleanCalls: number;
  stoppedBy: string;
}

const PACKETS_PER_SECOND = 50;

/**
 * Steps concurrent caller ↔ agent calls through the queue and rtpengine (SIPp sends PCMU, the agents'
 * SIPp echoes it) at each of `levels`, sampling rtpengine's per-stream packet counters twice while
 * all calls talk. Stops at the first level with a failed or unbridged call or > 1 % relay loss.
 */
export async function benchBridgedCalls(levels: number[]): Promise<BridgeFigures> {
  const most = Math.max(...levels);
  const team = await startQueueTeam({
    agents: most,
    offerSeconds: 10,
    ringMs: 50,
    agentsPerPhone: 20,
    mediaPorts: Math.max(2_000, most * 12),
  });
  const ng = new RtpengineNg({ host: "127.0.0.1", port: team.pbx.ngPort, log: createLogger("bench"), timeoutMs: 1_000 });
  const out: BridgeLevel[] = [];
  let stoppedBy = `the cap (${most} calls)`;
  let first = 0;
  try {
    for (const calls of levels) {
      const rate = 50;
      const rampMs = (calls / rate) * 1000 + 2_500;
      // long enough for two samples of every call even when rtpengine answers queries slowly
      const holdMs = rampMs + 12_000;
      const running = placeCalls(team.pbx, {
        number: team.line,
        calls,
        rate,
        holdMs,
        waitMs: 30_000,
        firstCaller: first,
      });
      first += calls;
      await new Promise((resolve) => setTimeout(resolve, rampMs));
      const before = await sampleStreams(ng);
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      const after = await sampleStreams(ng);
      const run = await running;
      let fromCallers = 0;
      let backFromAgents = 0;
      let callerRate = 0;
      let slowest = Number.POSITIVE_INFINITY;
      for (const [callId, now] of after) {
        const then = before.get(callId);
        if (!then) continue;
        const seconds = (now.at - then.at) / 1000;
        const caller = now.caller - then.caller;
        fromCallers += caller;
        backFromAgents += now.agent - then.agent;
        callerRate += caller / seconds;
        slowest = Math.min(slowest, caller / seconds / PACKETS_PER_SECOND);
      }
      const bridged = [...after.keys()].filter((id) => before.has(id)).length;
      const relayLoss = fromCallers === 0 ? 1 : Math.max(0, 1 - backFromAgents / fromCallers);
      const level: BridgeLevel = {
        calls,
        bridged,
        failed: run.counts.failed + (calls - run.counts.successful - run.counts.failed),
        callerPacketsPerSecond: Math.round(callerRate),
        relayLoss: round(relayLoss, 5),
        slowestCallerRate: round(Number.isFinite(slowest) ? slowest : 0, 3),
        ok: false,
      };
      level.ok = level.failed === 0 && bridged === calls && relayLoss <= 0.01;
      out.push(level);
      console.log(`  ${calls} calls: ${JSON.stringify(level)}`);
      if (!level.ok) {
        stoppedBy = `breakage at ${calls} calls`;
        break;
      }
      // calls end with the SIPp run; the agents are ready again for the next level
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  } finally {
    await ng.close();
    await team.stop();
  }
  const clean = out.filter((l) => l.ok).map((l) => l.calls);
  return { levels: out, maxCleanCalls: clean.length ? Math.max(...clean) : 0, stoppedBy };
}

/**
 * Per bridged call (not the q- queue legs): RTP packets rtpengine received from the caller and from
 * the agent, and when it answered the query. A few queries at a time: rtpengine's control socket
 * dropped some of 50 parallel queries here.
 */
async function sampleStreams(ng: RtpengineNg): Promise<Map<string, { caller: number; agent: number; at: number }>> {
  const list = await ng.command('list', { limit: 10_000 });
  const ids = ((list.calls as BValue[] | undefined) ?? []).map(String).filter((id) => !id.startsWith('q-'));
  const out = new Map<string, { caller: number; agent: number; at: number }>();
  const queue = [...ids];
  const worker = async () => {
    for (let callId = queue.shift(); callId !== undefined; callId = queue.shift()) {
      const reply = await ng.command('query', { 'call-id': callId }).catch(() => null);
      if (!reply) continue;
      const at = Date.now();
      const tags = Object.values((reply.tags ?? {}) as Record<string, Record<string, BValue>>);
      let caller = 0;
      let agent = 0;
      for (const tag of tags) {
        let packets = 0;
        for (const media of (tag.medias ?? []) as Record<string, BValue>[]) {
          for (const stream of (media.streams ?? []) as Record<string, BValue>[]) {
            const flags = ((stream.flags ?? []) as BValue[]).map(String);
            if (flags.includes('RTP')) packets += Number((stream.stats as Record<string, BValue>).packets ?? 0);
          }
        }
        // the trunk's From-tags are SIPp's "<pid>SIPpTag00<n>"; the agents' To-tags "<pid>A<n>"
        if (String(tag.tag ?? '').includes('SIPpTag')) caller += packets;
        else agent += packets;
      }
      if (tags.length === 2) out.set(callId, { caller, agent, at });
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return out;
}

function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Why the PBX parts cannot run here, or null. */
export function callBenchMissing(): string | null {
  return callLoadMissing();
}
