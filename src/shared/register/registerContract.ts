/** The app contract's part for the complaints and requests register (issue 15, decision 0032): requests and events. */

export const registerRequests = {};

export const registerEvents = {};
