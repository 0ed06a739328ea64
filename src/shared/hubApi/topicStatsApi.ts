/**
 * The hub's API for stats by topic (decision 0033): one period's figures per topic, the seasonality
 * (volume per topic per month or week) and two periods compared. Leads and admins only. Read by the
 * hub's routes and the core's client alike (src/shared/hubApi/endpoint.ts); queries are flat strings.
 */
import { z } from 'zod';
import {
  TopicCompareWire,
  TopicPeriodInput,
  TopicPeriodWire,
  TopicSeasonInput,
  TopicSeasonWire,
} from '../stats/topicStatsWire.js';
import { endpoint, LEADS, None } from './endpoint.js';

/** Two periods as a flat query: aFrom, aTo, bFrom, bTo (days) and the zone; checked as TopicCompareInput on the hub. */
export const TopicCompareQuery = z.object({
  aFrom: z.string(),
  aTo: z.string(),
  bFrom: z.string(),
  bTo: z.string(),
  timeZone: z.string(),
});
export type TopicCompareQuery = z.infer<typeof TopicCompareQuery>;

/** The query's two periods as the contract names them (validated by the caller: TopicCompareInput). */
export const compareOfQuery = (q: TopicCompareQuery) => ({
  a: { from: q.aFrom, to: q.aTo },
  b: { from: q.bFrom, to: q.bTo },
  timeZone: q.timeZone,
});

export const topicStatsApi = {
  period: endpoint({
    method: 'GET',
    path: '/api/v1/stats/topics',
    params: None,
    input: TopicPeriodInput,
    output: TopicPeriodWire,
    roles: LEADS,
  }),
  season: endpoint({
    method: 'GET',
    path: '/api/v1/stats/topics/season',
    params: None,
    input: TopicSeasonInput,
    output: TopicSeasonWire,
    roles: LEADS,
  }),
  compare: endpoint({
    method: 'GET',
    path: '/api/v1/stats/topics/compare',
    params: None,
    input: TopicCompareQuery,
    output: TopicCompareWire,
    roles: LEADS,
  }),
} as const;
