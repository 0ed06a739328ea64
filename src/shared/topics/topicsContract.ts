/** The app contract's part for the topic tree and wrap-up (issue 15, decision 0032): requests and events. */

export const topicsRequests = {};

export const topicsEvents = {};
