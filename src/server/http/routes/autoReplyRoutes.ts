/** The auto-reply rules: everyone may read them, leads replace them (as JSON, or a rule file with line-numbered errors). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AutoReplyRuleInput, parseRulesJson, RuleSyntaxError } from '../../../shared/autoReplies/autoReplyRule.js';
import { Id } from '../../../shared/domain.js';
import { OknoError } from '../../../shared/errors.js';
import { uuidv7 } from '../../../shared/ids.js';
import type { HubStore } from '../../storage/hubStore.js';
import { agentOf, requireRole } from '../auth.js';
import { parseInput } from '../errorReplies.js';

export function registerAutoReplyRoutes(app: FastifyInstance, store: HubStore, now: () => number): void {
  app.get('/api/v1/auto-replies', async () => ({ rules: store.rules.all() }));

  // A rule saved again keeps its id, so its once-per-thread guard still holds.
  const replace = (inputs: (AutoReplyRuleInput & { id?: string | undefined })[]) => {
    const at = now();
    const rules = inputs.map((rule) => ({ ...rule, id: rule.id ?? uuidv7(at) }));
    store.db.transaction(() => store.rules.replaceAll(rules, at))();
    return { rules };
  };

  app.put('/api/v1/auto-replies', async (request) => {
    requireRole(agentOf(request), ['lead', 'admin']);
    return replace(
      parseInput(z.object({ rules: z.array(AutoReplyRuleInput.extend({ id: Id.optional() })) }), request.body, 'rules')
        .rules,
    );
  });

  app.post('/api/v1/auto-replies/import', async (request) => {
    requireRole(agentOf(request), ['lead', 'admin']);
    const { source } = parseInput(z.object({ source: z.string().max(1_000_000) }), request.body, 'rule file');
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
