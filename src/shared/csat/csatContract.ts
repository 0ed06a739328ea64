/** The app contract's part for customer satisfaction ratings in every channel (issue 16): requests and events. */

export const csatRequests = {};

export const csatEvents = {};
