/**
 * The customer's email as written (decision 0026): the raw HTML part and the full text part of an
 * inbound message, from the hub (channelsApi.messageBody). The synced Message keeps its
 * small shape (decision 0011); a body is asked for when the agent opens the thread, kept in memory
 * for the session (a few hundred at most), and an HTML part too large for one contract frame is
 * left out so the view shows the text part. The HTML is never interpreted here: the renderer
 * sanitises it and shows it in a sandboxed frame.
 */
import type { RequestOutput } from '../../../shared/contract.js';
import { MESSAGE_HTML_MAX_CHARS } from '../../../shared/contract.js';
import { channelsApi } from '../../../shared/hubApi/channelsApi.js';
import type { Logger } from '../../../shared/log.js';
import { callEndpoint } from './callEndpoint.js';
import { createHubCall, type HubCallDeps } from './hubCall.js';

export interface MessageBodies {
  get(messageId: string): Promise<RequestOutput<'message.body'>>;
}

/** Bodies kept for the session; the oldest asked-for leaves first. */
const KEPT = 300;

export function createMessageBodies(deps: HubCallDeps & { log?: Logger }): MessageBodies {
  const call = createHubCall(deps, 'message body');
  const kept = new Map<string, RequestOutput<'message.body'>>();
  return {
    async get(messageId) {
      const known = kept.get(messageId);
      if (known) {
        kept.delete(messageId);
        kept.set(messageId, known);
        return known;
      }
      const reply = await callEndpoint(call, channelsApi.messageBody, { params: { id: messageId }, input: {} });
      const tooLarge = reply.html !== null && reply.html.length > MESSAGE_HTML_MAX_CHARS;
      if (tooLarge) deps.log?.info('email HTML too large to show; the text part stands in', { messageId });
      const body: RequestOutput<'message.body'> = {
        text: reply.text,
        html: tooLarge ? null : reply.html,
        htmlTooLarge: tooLarge,
      };
      kept.set(messageId, body);
      if (kept.size > KEPT) kept.delete(kept.keys().next().value!);
      return body;
    },
  };
}
