/**
 * The hub's API for the topic tree and wrap-up (decision 0032). Everyone reads the tree and sets a
 * contact's topics; leads and admins edit the tree (the rows' roles say so, endpointRoute enforces them).
 */
import { z } from 'zod';
import { Id } from '../domain.js';
import {
  MoveInput,
  SetThreadTopicsInput,
  Topic,
  TopicChange,
  TopicId,
  TopicInput,
  ThreadTopics,
} from '../topics/topicTree.js';
import { ALL, endpoint, LEADS, None } from './endpoint.js';

const ByThread = z.object({ threadId: Id });
const ByTopic = z.object({ topicId: TopicId });

export const TopicTreeReply = z.object({ topics: z.array(Topic) });

export const topicsApi = {
  /** The whole tree, retired topics included (pickers hide them; history and stats name them). */
  tree: endpoint({
    method: 'GET',
    path: '/api/v1/topics',
    params: None,
    input: None,
    output: TopicTreeReply,
    roles: ALL,
  }),
  save: endpoint({
    method: 'POST',
    path: '/api/v1/topics',
    params: None,
    input: TopicInput,
    output: Topic,
    roles: LEADS,
  }),
  move: endpoint({
    method: 'POST',
    path: '/api/v1/topics/move',
    params: None,
    input: MoveInput,
    output: TopicTreeReply,
    roles: LEADS,
  }),
  retire: endpoint({
    method: 'POST',
    path: '/api/v1/topics/:topicId/retire',
    params: ByTopic,
    input: None,
    output: Topic,
    roles: LEADS,
  }),
  restore: endpoint({
    method: 'POST',
    path: '/api/v1/topics/:topicId/restore',
    params: ByTopic,
    input: None,
    output: Topic,
    roles: LEADS,
  }),
  /** The tree's history, newest first; one topic's when `topicId` is given. */
  changes: endpoint({
    method: 'GET',
    path: '/api/v1/topic-changes',
    params: None,
    input: z.object({ topicId: TopicId.optional(), limit: z.coerce.number().int().min(1).max(1000).default(200) }),
    output: z.object({ changes: z.array(TopicChange) }),
    roles: LEADS,
  }),
  forThread: endpoint({
    method: 'GET',
    path: '/api/v1/threads/:threadId/topics',
    params: ByThread,
    input: None,
    output: ThreadTopics,
    roles: ALL,
  }),
  setForThread: endpoint({
    method: 'PUT',
    path: '/api/v1/threads/:threadId/topics',
    params: ByThread,
    input: SetThreadTopicsInput,
    output: ThreadTopics,
    roles: ALL,
  }),
} as const;
