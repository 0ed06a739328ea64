/**
 * The auto-reply rules on the hub's API, each route built from its row in
 * src/shared/hubApi/autoRepliesApi.ts: everyone may read them, leads replace them (as JSON, or a
 * rule file with line-numbered errors).
 */
import type { FastifyInstance } from 'fastify';
import { parseRulesJson, RuleSyntaxError, type AutoReplyRuleInput } from '../../../shared/autoReplies/autoReplyRule.js';
import { OknoError } from '../../../shared/errors.js';
import { autoRepliesApi } from '../../../shared/hubApi/autoRepliesApi.js';
import { uuidv7 } from '../../../shared/ids.js';
import type { HubStore } from '../../storage/hubStore.js';
import { endpointRoute } from '../endpointRoute.js';

export function registerAutoReplyRoutes(app: FastifyInstance, store: HubStore, now: () => number): void {
  const api = autoRepliesApi;
  endpointRoute(app, api.list, () => ({ rules: store.rules.all() }));

  // A rule saved again keeps its id, so its once-per-thread guard still holds.
  const replace = (inputs: (AutoReplyRuleInput & { id?: string | undefined })[]) => {
    const at = now();
    const rules = inputs.map((rule) => ({ ...rule, id: rule.id ?? uuidv7(at) }));
    store.db.transaction(() => store.rules.replaceAll(rules, at))();
    return { rules };
  };

  endpointRoute(app, api.replace, (_agent, { rules }) => replace(rules));

  endpointRoute(app, api.import, (_agent, { source }) => {
    try {
      return replace(parseRulesJson(source));
    } catch (error) {
      if (error instanceof RuleSyntaxError) {
        throw new OknoError('bad_request', error.message, [{ path: `line ${error.line}`, message: error.reason }]);
      }
      throw error;
    }
  });
}
