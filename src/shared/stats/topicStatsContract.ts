/** The app contract's part for stats by topic (issue 15, decision 0032): requests and events. */

export const topicStatsRequests = {};

export const topicStatsEvents = {};
