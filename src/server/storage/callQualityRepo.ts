/** Call quality per call (decision 0040): what the agent's app and rtpengine saw, and the per-agent summary. */
import type { AgentQuality, CallQualitySummary } from '../../shared/callQuality/callQuality.js';
import type { Database } from './database.js';

export type QualitySource = 'agent' | 'rtpengine';

/** rtpengine's figures of one leg (one party's stream as rtpengine received it). */
export interface EngineLeg {
  tag: string;
  packets: number;
  lost: number;
  jitterMs: number | null;
  mos: number | null;
}

export interface CallQualityRecord {
  id: string;
  source: QualitySource;
  threadId: string | null;
  agentId: string | null;
  callId: string | null;
  endedAt: number;
  summary: CallQualitySummary;
  legs?: EngineLeg[];
}

interface Row {
  id: string;
  source: QualitySource;
  thread_id: string | null;
  agent_id: string | null;
  call_id: string | null;
  ended_at: number;
  samples: number;
  mos_avg: number | null;
  mos_worst: number | null;
  packets: number;
  lost: number;
  loss_percent: number;
  jitter_ms: number;
  rtt_ms: number | null;
  poor: number;
  legs: string;
}

interface SummaryRow {
  agent_id: string;
  agent_name: string;
  source: QualitySource;
  calls: number;
  mos_avg: number | null;
  poor_share: number;
  jitter_ms: number | null;
  loss_percent: number | null;
  rtt_ms: number | null;
}

function toRecord(row: Row): CallQualityRecord {
  return {
    id: row.id,
    source: row.source,
    threadId: row.thread_id,
    agentId: row.agent_id,
    callId: row.call_id,
    endedAt: row.ended_at,
    summary: {
      samples: row.samples,
      mosAvg: row.mos_avg,
      mosWorst: row.mos_worst,
      packets: row.packets,
      lost: row.lost,
      lossPercent: row.loss_percent,
      jitterMs: row.jitter_ms,
      rttMs: row.rtt_ms,
      poor: row.poor === 1,
    },
    legs: JSON.parse(row.legs) as EngineLeg[],
  };
}

export class CallQualityRepo {
  constructor(private readonly db: Database) {}

  /**
   * Stores a call's figures once: a retried push or a second end of the same call changes nothing (only
   * the id conflict is ignored; impossible figures still fail their CHECK).
   */
  save(record: CallQualityRecord): boolean {
    const s = record.summary;
    const result = this.db
      .prepare(
        `INSERT INTO call_quality (id, source, thread_id, agent_id, call_id, ended_at, samples, mos_avg,
           mos_worst, packets, lost, loss_percent, jitter_ms, rtt_ms, poor, legs)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO NOTHING`,
      )
      .run(
        record.id,
        record.source,
        record.threadId,
        record.agentId,
        record.callId,
        record.endedAt,
        s.samples,
        s.mosAvg,
        s.mosWorst,
        s.packets,
        s.lost,
        s.lossPercent,
        s.jitterMs,
        s.rttMs,
        s.poor ? 1 : 0,
        JSON.stringify(record.legs ?? []),
      );
    return result.changes === 1;
  }

  ofThread(threadId: string): CallQualityRecord[] {
    const rows = this.db
      .prepare('SELECT * FROM call_quality WHERE thread_id = ? ORDER BY ended_at, source')
      .all(threadId) as Row[];
    return rows.map(toRecord);
  }

  /**
   * Per agent, calls that ended in [from, to): the agent side's count, mean MOS, share of calls with the
   * warning, mean jitter / loss / RTT (each call weighs the same); rtpengine's count and mean loss beside it.
   */
  summary(from: number, to: number): AgentQuality[] {
    const rows = this.db
      .prepare(
        `SELECT q.agent_id, a.name AS agent_name, q.source, COUNT(*) AS calls, AVG(q.mos_avg) AS mos_avg,
           AVG(q.poor) AS poor_share, AVG(q.jitter_ms) AS jitter_ms, AVG(q.loss_percent) AS loss_percent,
           AVG(q.rtt_ms) AS rtt_ms
         FROM call_quality q JOIN agents a ON a.id = q.agent_id
         WHERE q.ended_at >= ? AND q.ended_at < ?
         GROUP BY q.agent_id, a.name, q.source
         ORDER BY a.name, q.agent_id`,
      )
      .all(from, to) as SummaryRow[];
    const byAgent = new Map<string, AgentQuality>();
    for (const row of rows) {
      const entry = byAgent.get(row.agent_id) ?? {
        agentId: row.agent_id,
        agentName: row.agent_name,
        calls: 0,
        mosAvg: null,
        poorShare: 0,
        jitterMs: null,
        lossPercent: null,
        rttMs: null,
        engineCalls: 0,
        engineLossPercent: null,
      };
      if (row.source === 'agent') {
        Object.assign(entry, {
          calls: row.calls,
          mosAvg: row.mos_avg,
          poorShare: row.poor_share,
          jitterMs: row.jitter_ms,
          lossPercent: row.loss_percent,
          rttMs: row.rtt_ms,
        });
      } else {
        Object.assign(entry, { engineCalls: row.calls, engineLossPercent: row.loss_percent });
      }
      byAgent.set(row.agent_id, entry);
    }
    return [...byAgent.values()];
  }
}

const repos = new WeakMap<Database, CallQualityRepo>();

/** The repository of a hub database (one per database; call quality keeps HubStore's list unchanged). */
export function callQualityRepo(db: Database): CallQualityRepo {
  let repo = repos.get(db);
  if (!repo) {
    repo = new CallQualityRepo(db);
    repos.set(db, repo);
  }
  return repo;
}
