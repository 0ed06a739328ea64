/** The app contract's part for planned activities (issue 15, decision 0032): requests and events. */

export const activitiesRequests = {};

export const activitiesEvents = {};
