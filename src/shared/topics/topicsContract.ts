/** The app contract's part for the topic tree and wrap-up (issue 15, decision 0032): requests and events. */
import { z } from 'zod';
import { Id } from '../domain.js';
import { topicsApi } from '../hubApi/topicsApi.js';
import { TopicId } from './topicTree.js';

const api = topicsApi;

export const topicsRequests = {
  /** The whole tree, retired topics included (flagged): pickers hide them, history names them. */
  'topics.tree': { input: z.object({}), output: api.tree.output },
  /** A contact's topics, the routing topic to pre-select, and whether its group requires one to close. */
  'topics.forThread': { input: z.object({ threadId: Id }), output: api.forThread.output },
  /** Replaces the contact's topics (any channel, open or ended). */
  'topics.setForThread': {
    input: z.object({ threadId: Id }).extend(api.setForThread.input.shape),
    output: api.setForThread.output,
  },
  /** Leads: add a topic (no id) or rename it / change its keywords. */
  'topics.save': { input: api.save.input, output: api.save.output },
  /** Leads: move under another parent (or to the roots) and/or to another place among its siblings. */
  'topics.move': { input: api.move.input, output: api.move.output },
  'topics.retire': { input: z.object({ topicId: TopicId }), output: api.retire.output },
  'topics.restore': { input: z.object({ topicId: TopicId }), output: api.restore.output },
  /** Leads: the tree's history, newest first. */
  'topics.changes': { input: api.changes.input, output: api.changes.output },
};

export const topicsEvents = {};
