/** The app contract's part for quality scoring: forms, scores, the report (issue 16): requests and events. */

export const qaRequests = {};

export const qaEvents = {};
