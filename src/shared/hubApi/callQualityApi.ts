/**
 * The hub's API for call quality (decision 0040): the per-agent summary for a period (leads and admins)
 * and a call's stored figures by thread. The figures themselves arrive with the call record (sync) and
 * from rtpengine on the hub. Read by the hub's routes and the core's client alike.
 */
import { z } from 'zod';
import { CallQualitySummary, QualityPeriod, QualitySummaryReply } from '../callQuality/callQuality.js';
import { Id, Millis } from '../domain.js';
import { endpoint, LEADS, None } from './endpoint.js';

export const EngineLegWire = z.object({
  tag: z.string(),
  packets: z.number().int().nonnegative(),
  lost: z.number().int().nonnegative(),
  jitterMs: z.number().nullable(),
  mos: z.number().nullable(),
});

export const CallQualityEntry = z.object({
  source: z.enum(['agent', 'rtpengine']),
  agentId: Id.nullable(),
  endedAt: Millis,
  summary: CallQualitySummary,
  legs: z.array(EngineLegWire),
});
export type CallQualityEntry = z.infer<typeof CallQualityEntry>;

export const callQualityApi = {
  summary: endpoint({
    method: 'GET',
    path: '/api/v1/call-quality/summary',
    params: None,
    input: QualityPeriod,
    output: QualitySummaryReply,
    roles: LEADS,
  }),
  ofThread: endpoint({
    method: 'GET',
    path: '/api/v1/call-quality/threads/:threadId',
    params: z.object({ threadId: Id }),
    input: None,
    output: z.object({ calls: z.array(CallQualityEntry) }),
    roles: LEADS,
  }),
};
