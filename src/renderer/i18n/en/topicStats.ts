/** English strings of stats by topic; ru/topicStats.ts is typed against it through en.ts. */
export const topicStatsEn = {
  title: 'Stats by topic',
};
