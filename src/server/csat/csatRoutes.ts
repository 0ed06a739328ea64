/**
 * The signed-in routes of ratings (src/shared/hubApi/csatApi.ts): the admin's settings, and the
 * one-time rating address the agent's app transfers a caller to when it hangs up a queue call.
 */
import type { FastifyInstance } from 'fastify';
import { RATING_ADDRESS_PREFIX, type CsatSettings } from '../../shared/csat/csat.js';
import { csatApi } from '../../shared/hubApi/csatApi.js';
import { OknoError } from '../../shared/errors.js';
import { endpointRoute } from '../http/endpointRoute.js';
import type { CsatRepo } from '../storage/csatRepo.js';
import type { HubStore } from '../storage/hubStore.js';
import type { RatingBook } from './ratingBook.js';

/** A rating address is used within moments of the hang-up; an unused one expires. */
export const RATING_ADDRESS_VALID_MS = 120_000;

export function csatRoutes(
  scope: FastifyInstance,
  deps: { store: HubStore; repo: CsatRepo; book: RatingBook; now: () => number },
): void {
  const { store, repo, book } = deps;

  endpointRoute(scope, csatApi.settings, () => repo.settings());

  endpointRoute(scope, csatApi.saveSettings, (_agent, input: CsatSettings) => {
    const unknown = input.lineIds.filter((id) => !store.lines.byId(id));
    if (unknown.length > 0) throw new OknoError('bad_request', `no such line: ${unknown.join(', ')}`);
    const settings = { ...input, lineIds: [...new Set(input.lineIds)], channels: [...new Set(input.channels)] };
    repo.saveSettings(settings, deps.now());
    return settings;
  });

  endpointRoute(scope, csatApi.ratingAddress, (agent, { threadId }) => {
    const thread = store.threads.byId(threadId);
    if (!thread) throw new OknoError('not_found', `thread ${threadId} does not exist`);
    if (thread.channel !== 'phone') throw new OknoError('bad_request', `thread #${thread.number} is not a call`);
    if (thread.assigneeId !== agent.id && agent.role === 'agent') {
      throw new OknoError('forbidden', `thread #${thread.number} is not your call`);
    }
    const lineId = store.queueCalls.lastLineOf(thread.id);
    const line = lineId ? store.lines.byId(lineId) : null;
    // Not a queue call, a line that does not rate, or a conversation rated already: hang up as usual.
    if (!line || !repo.settings().lineIds.includes(line.id) || repo.rated(thread.id)) return { address: null };
    const request = book.issue({
      threadId: thread.id,
      channel: 'phone',
      address: null,
      language: line.language,
      validMs: RATING_ADDRESS_VALID_MS,
      prefix: RATING_ADDRESS_PREFIX,
    });
    return { address: request.token };
  });
}
