/**
 * Calls in bulk for the queue's load test and bench: rtpengine + Kamailio (okno.cfg with OKNO_QUEUE)
 * with a media port range wide enough for hundreds of calls, and SIPp (Debian's sip-tester) as the
 * trunk that places the calls and as the agents' phones. The scenarios are tests/support/sipp/*.xml;
 * their `@NAME@` placeholders are filled here. Every process is stopped by the PID started here.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startKamailio, type RunningKamailio } from '../../scripts/kamailio.js';
import { startRtpengine, type RunningRtpengine } from '../../scripts/rtpengine.js';
import type { Hub } from '../../src/server/hub.js';
import { api, login, startHub } from '../integration/hub-harness.js';
import { addAgent, setStatus } from '../integration/hub-routing-support.js';
import { freePort, pbxStackMissing, writeToneWav } from './pbxStack.js';
import { openHubDatabase } from './testDatabase.js';

const SCENARIOS = path.resolve(import.meta.dirname, 'sipp');
/** The trunk: okno.cfg does not challenge calls from these source addresses. */
export const TRUNK_IP = '127.0.0.2';

/** Why the load test cannot run here, or null when it can. */
export function callLoadMissing(): string | null {
  const pbx = pbxStackMissing();
  if (pbx) return pbx;
  if (spawnSync('sh', ['-c', 'command -v sipp']).status !== 0) return 'sipp (sip-tester) is not installed';
  return null;
}

export interface LoadPbx {
  domain: string;
  udpPort: number;
  evapiPort: number;
  ngPort: number;
  dtmfPort: number;
  /** Removed on stop: scenarios, WAVs, SIPp's statistics. */
  dir: string;
  /** 8 kHz PCM WAV the callers send. */
  voice: string;
  rtpengine: RunningRtpengine;
  kamailio: RunningKamailio;
  stop(): Promise<void>;
}

/**
 * Starts rtpengine then Kamailio with the queue on. A waiting call holds 4 media ports (the caller's
 * RTP and RTCP toward the queue leg, and the queue leg's), a bridged one 4 more: `mediaPorts` must
 * cover the most calls the run holds at once.
 */
export async function startLoadPbx(options: {
  users: Record<string, string>;
  mediaPorts?: number;
  /** Kamailio's and rtpengine's stderr, for debugging. */
  stdio?: 'inherit' | 'ignore';
}): Promise<LoadPbx> {
  const dir = mkdtempSync(path.join(tmpdir(), 'okno-call-load-'));
  const [udpPort, wsPort, evapiPort, ngPort, dtmfPort] = [
    await freePort('udp'),
    await freePort('tcp'),
    await freePort('tcp'),
    await freePort('udp'),
    await freePort('udp'),
  ];
  const span = options.mediaPorts ?? 2_000;
  // below the 20 000–40 000 blocks of tests/support/pbxStack.ts and baresip's 40 000+
  const portMin = 10_000 + span * Math.floor(Math.random() * Math.floor(10_000 / span));
  const rtpengine = await startRtpengine({
    ngPort,
    portMin,
    portMax: portMin + span - 1,
    dtmfLogDest: { host: '127.0.0.1', port: dtmfPort },
    recordingDir: path.join(dir, 'recordings'),
    stdio: options.stdio,
  });
  let kamailio: RunningKamailio;
  try {
    kamailio = await startKamailio({
      wsPort,
      udpPort,
      users: options.users,
      stdio: options.stdio,
      debug: options.stdio === 'inherit' ? 2 : 1,
      queue: { rtpengineNg: ngPort, evapiPort, trunkIps: [TRUNK_IP] },
    });
  } catch (error) {
    await rtpengine.stop();
    throw error;
  }
  const voice = writeToneWav(path.join(dir, 'voice.wav'), { hz: 400, seconds: 2 });
  return {
    domain: kamailio.domain,
    udpPort,
    evapiPort,
    ngPort,
    dtmfPort,
    dir,
    voice,
    rtpengine,
    kamailio,
    async stop() {
      await kamailio.stop();
      await rtpengine.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Writes a scenario with its placeholders filled into `dir`; returns its path. */
function scenario(dir: string, name: string, values: Record<string, string | number>): string {
  let text = readFileSync(path.join(SCENARIOS, `${name}.xml`), 'utf8');
  for (const [key, value] of Object.entries(values)) text = text.replaceAll(`@${key}@`, String(value));
  const left = /@[A-Z_]+@/.exec(text);
  if (left) throw new Error(`scenario ${name}: ${left[0]} is not filled`);
  const file = path.join(dir, `${name}-${Math.random().toString(36).slice(2, 8)}.xml`);
  writeFileSync(file, text);
  return file;
}

/** A CSV injection file for SIPp (SEQUENTIAL, `;`-separated). */
function injection(dir: string, rows: string[][]): string {
  const file = path.join(dir, `rows-${Math.random().toString(36).slice(2, 8)}.csv`);
  writeFileSync(file, ['SEQUENTIAL', ...rows.map((row) => `${row.join(';')};`)].join('\n') + '\n');
  return file;
}

/** SIPp's counters from its statistics CSV (-trace_stat): the last line written. */
export interface SippCounts {
  successful: number;
  failed: number;
  created: number;
}

function readCounts(file: string): SippCounts {
  if (!existsSync(file)) return { successful: 0, failed: 0, created: 0 };
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  const header = lines[0]?.split(';') ?? [];
  const last = lines.at(-1)?.split(';') ?? [];
  const get = (name: string) => Number(last[header.indexOf(name)] ?? 0) || 0;
  return { successful: get('SuccessfulCall(C)'), failed: get('FailedCall(C)'), created: get('TotalCallCreated') };
}

interface Sipp {
  child: ChildProcess;
  exited: Promise<number | null>;
  stats: string;
  stderr: () => string;
}

function sipp(dir: string, args: string[]): Sipp {
  const stats = path.join(dir, `stats-${Math.random().toString(36).slice(2, 8)}.csv`);
  const child = spawn('sipp', [...args, '-nostdin', '-trace_stat', '-stf', stats, '-fd', '1'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    err = (err + chunk.toString('utf8')).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, stats, stderr: () => err };
}

async function stopSipp(run: Sipp): Promise<void> {
  if (run.child.exitCode !== null || run.child.signalCode !== null) return;
  // SIGUSR1: SIPp stops taking calls, ends the ones it has and writes its statistics
  run.child.kill('SIGUSR1');
  const terminator = setTimeout(() => run.child.kill('SIGTERM'), 3_000);
  const killer = setTimeout(() => run.child.kill('SIGKILL'), 6_000);
  await run.exited;
  clearTimeout(terminator);
  clearTimeout(killer);
}

/** One agent's phone: a SIPp UAS on its own address and port, registered as `user`. */
export class SippAgent {
  private constructor(
    readonly user: string,
    private readonly run: Sipp,
    private readonly logFile: string,
  ) {}

  /**
   * Registers `users` (each with its password) with contacts on `ip:port`, then answers there every
   * INVITE after `ringMs`, echoing RTP. Several users on one phone make one UAS carry many agents.
   */
  static async start(
    pbx: LoadPbx,
    options: { users: [string, string][]; ip: string; ringMs: number },
  ): Promise<SippAgent> {
    const port = await freePort('udp');
    const mediaPort = await freeEvenPort();
    const target = `${pbx.domain}:${pbx.udpPort}`;
    const register = sipp(pbx.dir, [
      target,
      '-sf',
      scenario(pbx.dir, 'register', {}),
      '-inf',
      injection(
        pbx.dir,
        options.users.map(([user, password]) => [user, `[authentication username=${user} password=${password}]`]),
      ),
      '-i',
      options.ip,
      '-p',
      String(port),
      '-m',
      String(options.users.length),
      '-r',
      '50',
      '-recv_timeout',
      '5000',
    ]);
    const code = await register.exited;
    const counts = readCounts(register.stats);
    if (code !== 0 || counts.successful !== options.users.length) {
      throw new Error(
        `sipp could not register ${options.users.map((u) => u[0]).join(', ')} (exit ${code}): ${register.stderr()}`,
      );
    }
    const logFile = path.join(pbx.dir, `agent-${port}.log`);
    const run = sipp(pbx.dir, [
      target,
      '-sf',
      scenario(pbx.dir, 'agent', { RING_MS: options.ringMs }),
      '-trace_logs',
      '-log_file',
      logFile,
      '-i',
      options.ip,
      '-p',
      String(port),
      '-mi',
      options.ip,
      '-mp',
      String(mediaPort),
      '-rtp_echo',
    ]);
    return new SippAgent(options.users[0]![0], run, logFile);
  }

  /** When each offer reached this phone (epoch ms) and for which thread (X-Okno-Thread). */
  ringings(): { threadId: string; at: number }[] {
    if (!existsSync(this.logFile)) return [];
    const out: { threadId: string; at: number }[] = [];
    for (const match of readFileSync(this.logFile, 'utf8').matchAll(
      /ringing (\d+)(?:\.\d*)? (\d+)(?:\.\d*)? ([0-9a-fA-F-]{36})/g,
    )) {
      out.push({ threadId: match[3]!, at: Number(match[1]) * 1000 + Number(match[2]) / 1000 });
    }
    return out;
  }

  /** Calls this phone answered and saw end so far. */
  counts(): SippCounts {
    return readCounts(this.run.stats);
  }

  async stop(): Promise<SippCounts> {
    await stopSipp(this.run);
    return this.counts();
  }
}

/** An even UDP port whose next one is free as well (RTP and RTCP for the echo). */
async function freeEvenPort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const port = 30_000 + 2 * Math.floor(Math.random() * 4_000);
    if ((await udpFree(port)) && (await udpFree(port + 1))) return port;
  }
  throw new Error('no free even UDP port pair');
}

function udpFree(port: number): Promise<boolean> {
  const socket = createSocket('udp4');
  return new Promise((resolve) => {
    socket.once('error', () => resolve(false));
    socket.bind(port, '0.0.0.0', () => socket.close(() => resolve(true)));
  });
}

export interface CallerRun {
  counts: SippCounts;
  exitCode: number | null;
  stderr: string;
  /** When SIPp started (epoch ms). */
  startedAt: number;
}

/**
 * The trunk places `calls` calls to `number` from distinct E.164 numbers, `rate` a second with at
 * most `limit` at once; each caller waits up to `waitMs` for an agent, talks `holdMs`, hangs up.
 * Resolves when SIPp exits (every call done or failed).
 */
export async function placeCalls(
  pbx: LoadPbx,
  options: {
    number: string;
    calls: number;
    rate: number;
    limit?: number;
    holdMs: number;
    waitMs: number;
    firstCaller?: number;
  },
): Promise<CallerRun> {
  const first = options.firstCaller ?? 0;
  const callers = Array.from({ length: options.calls }, (_, i) => [`+7916${String(1_000_000 + first + i)}`]);
  const startedAt = Date.now();
  const run = sipp(pbx.dir, [
    `${pbx.domain}:${pbx.udpPort}`,
    '-sf',
    scenario(pbx.dir, 'caller', { VOICE: pbx.voice, HOLD_MS: options.holdMs, WAIT_MS: options.waitMs }),
    '-inf',
    injection(pbx.dir, callers),
    '-s',
    options.number,
    '-i',
    TRUNK_IP,
    '-mi',
    TRUNK_IP,
    '-m',
    String(options.calls),
    '-r',
    String(options.rate),
    '-l',
    String(options.limit ?? options.calls),
    '-timeout',
    `${Math.ceil((options.waitMs + options.holdMs) / 1000 + options.calls / options.rate + 30)}s`,
  ]);
  const exitCode = await run.exited;
  return { counts: readCounts(run.stats), exitCode, stderr: run.stderr(), startedAt };
}

/** One row of the hub's call history, read straight from its SQLite file (read-only). */
export interface HubCallEvent {
  seq: number;
  threadId: string;
  kind: string;
  at: number;
  agentId: string | null;
  data: Record<string, unknown>;
}

export interface HubCallLog {
  events: HubCallEvent[];
  /** Each phone thread's deadline as set at arrival, and its creation time. */
  threads: Map<string, { createdAt: number; dueAt: number | null }>;
  calls: { callId: string; threadId: string; state: string; answeredBy: string | null; offers: number }[];
}

/** Reads the queue's history from the hub's database file (WAL: a reader sees every commit). */
export function readHubCallLog(dataDir: string): HubCallLog {
  const db = openHubDatabase(dataDir);
  try {
    const events = (
      db
        .prepare(
          `SELECT e.rowid AS seq, e.thread_id, e.kind, e.created_at, e.actor_id, e.data_json
             FROM thread_events e JOIN threads t ON t.id = e.thread_id
            WHERE t.channel = 'phone' ORDER BY e.rowid`,
        )
        .all() as {
        seq: number;
        thread_id: string;
        kind: string;
        created_at: number;
        actor_id: string | null;
        data_json: string;
      }[]
    ).map((row) => ({
      seq: row.seq,
      threadId: row.thread_id,
      kind: row.kind,
      at: row.created_at,
      agentId: row.actor_id,
      data: JSON.parse(row.data_json) as Record<string, unknown>,
    }));
    const threads = new Map<string, { createdAt: number; dueAt: number | null }>();
    const arrivals = events.filter((e) => e.kind === 'call_arrived');
    for (const arrival of arrivals) threads.set(arrival.threadId, { createdAt: arrival.at, dueAt: null });
    const calls = (
      db.prepare('SELECT call_id, thread_id, state, answered_by, offers FROM queue_calls').all() as {
        call_id: string;
        thread_id: string;
        state: string;
        answered_by: string | null;
        offers: number;
      }[]
    ).map((row) => ({
      callId: row.call_id,
      threadId: row.thread_id,
      state: row.state,
      answeredBy: row.answered_by,
      offers: row.offers,
    }));
    return { events, threads, calls };
  } finally {
    db.close();
  }
}

export interface QueueTeam {
  pbx: LoadPbx;
  hub: Hub & { dataDir: string };
  /** The line's number: no menu, straight to the queue. */
  line: string;
  phones: SippAgent[];
  stop(): Promise<void>;
}

/**
 * The whole stack for a load run: the PBX, a hub driving it, one line with no menu into one group of
 * `agents` ready agents, each with a SIPp phone registered as their SIP user (`agentsPerPhone` agents
 * share one SIPp process, each still its own SIP user and registration).
 */
export async function startQueueTeam(options: {
  agents: number;
  offerSeconds: number;
  ringMs: number;
  mediaPorts?: number;
  agentsPerPhone?: number;
  /** The line's recording rules (issue 16); default: not recorded. */
  recording?: { policy: 'all' | 'none' | 'on_demand'; notice: boolean; retentionDays: number };
}): Promise<QueueTeam> {
  const users: Record<string, string> = {};
  const sipUser = (i: number) => String(3000 + i);
  for (let i = 0; i < options.agents; i += 1) users[sipUser(i)] = `pw-${sipUser(i)}`;
  const pbx = await startLoadPbx({ users, mediaPorts: options.mediaPorts });
  const phones: SippAgent[] = [];
  let hub: (Hub & { dataDir: string }) | null = null;
  const stop = async () => {
    await Promise.all(phones.map((phone) => phone.stop()));
    await hub?.close();
    await pbx.stop();
  };
  try {
    hub = await startHub({
      seedDefaults: true,
      clockMs: 0,
      pbx: {
        evapi: { host: '127.0.0.1', port: pbx.evapiPort },
        rtpengine: { host: '127.0.0.1', port: pbx.ngPort },
        dtmfPort: pbx.dtmfPort,
        offerSeconds: options.offerSeconds,
        recordingDir: pbx.rtpengine.recordingDir,
      },
    });
    const url = hub.url;
    const admin = await login(url);
    const team = [];
    for (let i = 0; i < options.agents; i += 1) team.push(await addAgent(url, admin, `load${i}`, `Load ${i}`));
    const group = await api(url, '/api/v1/groups', {
      token: admin,
      json: { name: 'Load', skills: { topics: [], channels: ['phone'] }, memberIds: team.map((a) => a.id) },
    });
    if (group.status !== 200 && group.status !== 201) throw new Error(`group: ${JSON.stringify(group.body)}`);
    const line = await api(url, '/api/v1/lines', {
      token: admin,
      json: {
        number: '8800',
        name: 'Load',
        language: 'en',
        groupId: group.body.id,
        announceEverySeconds: 30,
        maxWaitSeconds: 240,
        ...(options.recording ? { recording: options.recording } : {}),
      },
    });
    if (line.status !== 200) throw new Error(`line: ${JSON.stringify(line.body)}`);
    const perPhone = options.agentsPerPhone ?? 1;
    for (let first = 0; first < options.agents; first += perPhone) {
      const mine = team.slice(first, first + perPhone).map((_, k) => sipUser(first + k));
      // 127.0.0.10 … : not Kamailio's 127.0.0.1 (aliased as itself) nor the trunk's 127.0.0.2
      const ip = `127.0.${Math.floor(first / perPhone / 200)}.${10 + ((first / perPhone) % 200)}`;
      phones.push(await SippAgent.start(pbx, { users: mine.map((u) => [u, users[u]!]), ip, ringMs: options.ringMs }));
    }
    for (const [i, agent] of team.entries()) {
      const set = await api(url, '/api/v1/agents/me/phone', {
        method: 'PUT',
        token: agent.token,
        json: { sipUser: sipUser(i) },
      });
      if (set.status !== 200) throw new Error(`phone of ${agent.name}: ${JSON.stringify(set.body)}`);
      await setStatus(url, agent, 'ready');
    }
    return { pbx, hub, line: '8800', phones, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** What the hub's history says about a run: the checks the load test asserts, and the timings the bench prints. */
export interface QueueAudit {
  threads: number;
  answered: number;
  offers: number;
  missedOffers: number;
  /** Most calls waiting (queued, not offered) at one time. */
  maxWaiting: number;
  /** Per thread: the arrival transaction → its first offer, and → its answer (ms, the hub's clock). */
  arrivalToOfferMs: number[];
  arrivalToAnswerMs: number[];
  /**
   * Every offer with the moment the hub could first have made it: the later of the call becoming
   * waiting (arrival, a missed offer) and its agent becoming free (a call of theirs ended); the
   * difference is the hub's reaction time, queueing excluded.
   */
  offerTimes: { threadId: string; agentId: string; at: number; possibleAt: number }[];
  /** Each a sentence naming the thread and what went wrong; empty when the queue behaved. */
  problems: string[];
}

/**
 * Replays the queue's events in commit order and checks: every offer goes to a call that is waiting
 * and to an agent with no other call ringing or talking, no waiting call with an earlier deadline is
 * passed over (calls on one line share the phone target, so deadline order is arrival order), every
 * call is answered exactly once by the agent it was offered to, and ends.
 */
export function auditQueue(log: HubCallLog): QueueAudit {
  const problems: string[] = [];
  const name = (threadId: string) => `thread …${threadId.slice(-6)}`;
  const arrival = new Map<string, { at: number; seq: number }>();
  const waiting = new Set<string>();
  const offeredTo = new Map<string, string>();
  const busy = new Map<string, string>();
  const answers = new Map<string, number>();
  const ended = new Set<string>();
  const firstOffer = new Map<string, number>();
  const answeredAt = new Map<string, number>();
  const waitingSince = new Map<string, number>();
  const freeSince = new Map<string, number>();
  const offerTimes: QueueAudit['offerTimes'] = [];
  let offers = 0;
  let missedOffers = 0;
  let maxWaiting = 0;
  const earlier = (a: string, b: string) => {
    const x = arrival.get(a)!;
    const y = arrival.get(b)!;
    return x.at < y.at || (x.at === y.at && x.seq < y.seq);
  };
  const release = (threadId: string, at: number) => {
    const agent = offeredTo.get(threadId);
    if (agent && busy.get(agent) === threadId) {
      busy.delete(agent);
      freeSince.set(agent, at);
    }
    offeredTo.delete(threadId);
  };
  for (const event of log.events) {
    const id = event.threadId;
    switch (event.kind) {
      case 'call_arrived':
        arrival.set(id, { at: event.at, seq: event.seq });
        break;
      case 'call_queued':
        waiting.add(id);
        waitingSince.set(id, event.at);
        maxWaiting = Math.max(maxWaiting, waiting.size);
        break;
      case 'offered': {
        offers += 1;
        const agent = String(event.data.agentId);
        if (!waiting.has(id))
          problems.push(
            `${name(id)} was offered to ${agent} while not waiting (offered to ${offeredTo.get(id) ?? 'nobody'})`,
          );
        for (const other of waiting) {
          if (other !== id && earlier(other, id))
            problems.push(`${name(id)} was offered while ${name(other)}, due earlier, waited`);
        }
        const holding = busy.get(agent);
        if (holding) problems.push(`${name(id)} was offered to ${agent}, who already had ${name(holding)}`);
        waiting.delete(id);
        offeredTo.set(id, agent);
        busy.set(agent, id);
        if (!firstOffer.has(id)) firstOffer.set(id, event.at);
        offerTimes.push({
          threadId: id,
          agentId: agent,
          at: event.at,
          possibleAt: Math.max(waitingSince.get(id) ?? event.at, freeSince.get(agent) ?? 0),
        });
        break;
      }
      case 'offer_missed':
        missedOffers += 1;
        release(id, event.at);
        waiting.add(id);
        waitingSince.set(id, event.at);
        maxWaiting = Math.max(maxWaiting, waiting.size);
        break;
      case 'answered': {
        answers.set(id, (answers.get(id) ?? 0) + 1);
        const agent = event.data.agentId === null ? null : String(event.data.agentId);
        if (agent !== offeredTo.get(id))
          problems.push(`${name(id)} was answered by ${agent}, offered to ${offeredTo.get(id) ?? 'nobody'}`);
        if (!answeredAt.has(id)) answeredAt.set(id, event.at);
        waiting.delete(id);
        break;
      }
      case 'call_ended':
        ended.add(id);
        release(id, event.at);
        break;
      case 'abandoned':
        waiting.delete(id);
        release(id, event.at);
        break;
    }
  }
  for (const [id] of arrival) {
    const count = answers.get(id) ?? 0;
    if (count !== 1) problems.push(`${name(id)} was answered ${count} times`);
    if (!ended.has(id)) problems.push(`${name(id)} never ended`);
  }
  for (const call of log.calls) {
    if (call.state !== 'ended') problems.push(`${name(call.threadId)}: queue call ${call.callId} is ${call.state}`);
  }
  const since = (map: Map<string, number>) =>
    [...map].map(([id, at]) => at - arrival.get(id)!.at).sort((a, b) => a - b);
  return {
    threads: arrival.size,
    answered: [...answers.values()].filter((n) => n > 0).length,
    offers,
    missedOffers,
    maxWaiting,
    arrivalToOfferMs: since(firstOffer),
    arrivalToAnswerMs: since(answeredAt),
    offerTimes,
    problems,
  };
}
