/** The app contract's part for live monitoring of calls: listen, whisper, barge (issue 16): requests and events. */

export const monitoringRequests = {};

export const monitoringEvents = {};
