/** The hub's figures as they cross the wire (hub → core → renderer), validated at each hop. */
import { z } from 'zod';
import { Channel } from '../domain.js';

const Ratio = z.number().nullable();

export const KpiSummaryWire = z.object({
  offered: z.number(),
  answered: z.number(),
  answeredWithinThreshold: z.number(),
  abandoned: z.number(),
  abandonedShort: z.number(),
  /** Added with the phone queue: absent from older hubs. */
  callbacksRequested: z.number().default(0),
  waiting: z.number(),
  incomplete: z.number(),
  serviceLevel: Ratio,
  abandonRate: Ratio,
  averageSpeedOfAnswerMs: Ratio,
  averageHandleTimeMs: Ratio,
  transfers: z.number(),
  csatAverage: Ratio,
  csatResponses: z.number(),
});

const Keyed = z.array(z.object({ key: z.string(), summary: KpiSummaryWire }));

export const QueueFiguresWire = z.object({
  offered: z.number(),
  answered: z.number(),
  answeredWithinThreshold: z.number(),
  lost: z.number(),
  short: z.number(),
  callbacks: z.number(),
  missed: z.number(),
  serviceLevel: Ratio,
  abandonRate: Ratio,
  averageSpeedOfAnswerMs: Ratio,
});

const QueueRowWire = z.object({
  key: z.string(),
  lineId: z.string().nullable(),
  /** The line's name as the hub has it now (null: no such line any more, or none). */
  lineName: z.string().nullable(),
  node: z.string().nullable(),
  topic: z.string().nullable(),
  figures: QueueFiguresWire,
});

/** The phone queue of a period (docs/stats-formulas.md, "Phone queue"): by line and by menu choice. */
export const PhoneQueueWire = z.object({
  total: QueueFiguresWire,
  byLine: z.array(QueueRowWire),
  byChoice: z.array(QueueRowWire),
  missedByAgent: z.array(z.object({ agentId: z.string(), missed: z.number() })),
});
export type PhoneQueueWire = z.infer<typeof PhoneQueueWire>;

export const PeriodStatsWire = z.object({
  from: z.number(),
  to: z.number(),
  timeZone: z.string(),
  total: KpiSummaryWire,
  by15min: Keyed,
  byHour: Keyed,
  byDay: Keyed,
  byAgent: Keyed,
  byGroup: Keyed,
  byChannel: Keyed,
  /** Absent from hubs without the call queue. */
  phoneQueue: PhoneQueueWire.optional(),
});
export type PeriodStatsWire = z.infer<typeof PeriodStatsWire>;

export const FloorStatus = z.enum(['ready', 'on_call', 'in_chats', 'after_call_work', 'not_ready', 'away', 'offline']);
export type FloorStatus = z.infer<typeof FloorStatus>;

export const StatsSnapshotWire = z.object({
  at: z.number(),
  /** The hub's zone and its calendar day that `today` covers. */
  timeZone: z.string(),
  day: z.string(),
  queues: z.array(z.object({ channel: Channel, waiting: z.number(), oldestWaitMs: z.number() })),
  agents: z.array(
    z.object({
      agentId: z.string(),
      name: z.string(),
      status: FloorStatus,
      sinceMs: z.number(),
      openThreads: z.number(),
    }),
  ),
  byStatus: z.partialRecord(FloorStatus, z.number()),
  today: KpiSummaryWire,
  offeredLastHour: z.number(),
  staffing: z.object({ agents: z.number(), erlangs: z.number(), serviceLevel: z.number() }).nullable(),
});
export type StatsSnapshotWire = z.infer<typeof StatsSnapshotWire>;

export const StatsPeriodInput = z.object({
  /** YYYY-MM-DD in `timeZone`; omit for today. */
  day: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  days: z.number().int().min(1).max(62).default(1),
  /** Omit for the hub's configured zone. */
  timeZone: z.string().min(1).max(64).optional(),
});

/** The softphone's live calls as the agent's core reports them (for "on call" on the lead's floor). */
export const CallStateInput = z.object({ liveCalls: z.number().int().min(0).max(20) });
