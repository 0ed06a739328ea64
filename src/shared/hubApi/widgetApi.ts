/**
 * The agent's side of the web-chat widget on the hub: "agent is typing" to the customer, and the
 * widget's start menu (topics with self-service answers), which everyone reads and leads and
 * admins edit. The widget's own routes (its script, socket and uploads) are not rows: they serve
 * files and sockets to customers, not JSON to agents.
 */
import { z } from 'zod';
import { WidgetTopic, WidgetTopics } from '../widgetProtocol.js';
import { ALL, endpoint, LEADS, None } from './endpoint.js';

const Menu = z.object({ topics: z.array(WidgetTopic) });

export const widgetApi = {
  /** Sent: the thread is an open web chat, so the customer sees it; otherwise nothing is sent. */
  typing: endpoint({
    method: 'POST',
    path: '/api/v1/threads/:id/typing',
    params: z.object({ id: z.string() }),
    input: None,
    output: z.object({ sent: z.boolean() }),
    roles: ALL,
  }),
  topics: endpoint({
    method: 'GET',
    path: '/api/v1/widget-topics',
    params: None,
    input: None,
    output: Menu,
    roles: ALL,
  }),
  /** The menu's topics come from the topic tree, current (the hub checks each id). */
  saveTopics: endpoint({
    method: 'PUT',
    path: '/api/v1/widget-topics',
    params: None,
    input: z.object({ topics: WidgetTopics }),
    output: Menu,
    roles: LEADS,
  }),
} as const;
