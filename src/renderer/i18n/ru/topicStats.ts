import type { RuResource } from '../ru.js';
import type { topicStatsEn } from '../en/topicStats.js';

/** Russian strings of stats by topic. */
export const topicStatsRu: RuResource<typeof topicStatsEn> = {
  title: 'topicStats',
};
