/** The app contract's part for the knowledge base (issue 15, decision 0032): requests and events. */

export const knowledgeRequests = {};

export const knowledgeEvents = {};
