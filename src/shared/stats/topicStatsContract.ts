/**
 * The app contract's part for stats by topic (issue 15, decision 0033): requests, forwarded by the core
 * to the hub's topicStatsApi. Leads and admins only (the hub refuses agents).
 */
import { topicStatsApi } from '../hubApi/topicStatsApi.js';
import { TopicCompareInput, TopicPeriodInput, TopicSeasonInput } from './topicStatsWire.js';

const api = topicStatsApi;

export const topicStatsRequests = {
  /** One period (the lead's days from–to, both included): figures per topic, parents rolled up, and "No topic". */
  'topicStats.period': { input: TopicPeriodInput, output: api.period.output },
  /** Volume per topic per month or week across a span (the seasonality chart). */
  'topicStats.season': { input: TopicSeasonInput, output: api.season.output },
  /** Period A against period B: both periods' figures per topic and the change (B − A, and %). */
  'topicStats.compare': { input: TopicCompareInput, output: api.compare.output },
};

export const topicStatsEvents = {};
