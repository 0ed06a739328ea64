/**
 * The template library over the hub's API, each route built from its row in
 * src/shared/hubApi/templatesApi.ts: the shared library (leads edit it) and each agent's personal
 * templates, suggestions for a thread's last customer message, rendering with the thread's values,
 * the record of which template was chosen, and import. Export stays hand-written: its CSV form
 * answers text.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Agent, Message } from '../../../shared/domain.js';
import { OknoError } from '../../../shared/errors.js';
import { TEMPLATE_EXPORT_PATH, templatesApi } from '../../../shared/hubApi/templatesApi.js';
import { uuidv7 } from '../../../shared/ids.js';
import { messageStems, TemplateRanker } from '../../../shared/templates/rankTemplates.js';
import { renderTemplate } from '../../../shared/templates/renderTemplate.js';
import { detectLanguage, pickBody, TemplateInput, type Template } from '../../../shared/templates/template.js';
import { CsvError, templatesFromCsv, templatesToCsv } from '../../../shared/templates/templateCsv.js';
import { templateValues } from '../../../shared/templates/templateValues.js';
import { nextOpening } from '../../../shared/queue/businessHours.js';
import { jsonErrorAt } from '../../../shared/text/jsonErrorAt.js';
import type { ContactCenter } from '../../contactCenter/contactCenter.js';
import type { HubStore } from '../../storage/hubStore.js';
import { requireRole } from '../auth.js';
import { endpointRoute } from '../endpointRoute.js';
import { parseInput } from '../errorReplies.js';

const LEADS = ['lead', 'admin'] as const;

function lastCustomerMessage(store: HubStore, threadId: string): Message | null {
  return (
    store.messages
      .recentOf(threadId, 50)
      .filter((m) => m.author.kind === 'customer')
      .at(-1) ?? null
  );
}

function editable(store: HubStore, agent: Agent, id: string): Template {
  const template = store.templates.byId(id);
  if (!template || (template.scope === 'personal' && template.ownerId !== agent.id)) {
    throw new OknoError('not_found', `template ${id} does not exist`);
  }
  if (template.scope === 'shared') requireRole(agent, LEADS);
  return template;
}

export function registerTemplateRoutes(
  app: FastifyInstance,
  store: HubStore,
  center: ContactCenter,
  now: () => number,
): void {
  const api = templatesApi;
  endpointRoute(app, api.list, (agent) => ({ templates: store.templates.visibleTo(agent.id) }));

  endpointRoute(app, api.create, (agent, input) => {
    if (input.scope === 'shared') requireRole(agent, LEADS);
    const { scope, ...rest } = input;
    const template: Template = {
      ...rest,
      id: uuidv7(now()),
      scope,
      ownerId: scope === 'shared' ? null : agent.id,
      updatedAt: now(),
    };
    store.templates.save(template);
    return template;
  });

  endpointRoute(app, api.update, (agent, input, { id }) => {
    const current = editable(store, agent, id);
    const template: Template = { ...current, ...input, updatedAt: now() };
    store.templates.save(template);
    return template;
  });

  endpointRoute(app, api.remove, (agent, _input, { id }) => {
    editable(store, agent, id);
    store.templates.remove(id);
    return { deleted: id };
  });

  endpointRoute(app, api.suggest, (agent, { threadId, limit }) => {
    const last = lastCustomerMessage(store, threadId);
    if (!last) return { messageId: null, suggestions: [] };
    const templates = store.templates.visibleTo(agent.id);
    const ranked = new TemplateRanker(templates, store.templates.choices()).rank(last.text, limit);
    const byId = new Map(templates.map((t) => [t.id, t]));
    return {
      messageId: last.id,
      suggestions: ranked.map((r) => ({ template: byId.get(r.templateId)!, score: r.score, learned: r.learned })),
    };
  });

  endpointRoute(app, api.render, (agent, { threadId }, { id }) => {
    const template = store.templates.byId(id);
    if (!template || (template.scope === 'personal' && template.ownerId !== agent.id)) {
      throw new OknoError('not_found', `template ${id} does not exist`);
    }
    const thread = store.threads.byId(threadId);
    if (!thread) throw new OknoError('not_found', `thread ${threadId} does not exist`);
    const language = store.routing.threadRouting(thread.id)?.language ?? detectLanguage(thread.subject);
    const body = pickBody(template, language, thread.channel);
    if (!body) throw new OknoError('conflict', `template ${template.title} has no text`);
    const hours = center.routingConfig().sla.businessHours;
    const values = templateValues({
      language: body.language,
      now: now(),
      utcOffsetMinutes: hours?.utcOffsetMinutes ?? 0,
      customer: store.customers.byId(thread.customerId),
      agent,
      thread,
      opening: hours ? nextOpening(hours, now()) : null,
      waitMinutes: center.estimatedWaitMinutes(thread.id),
    });
    return {
      language: body.language,
      channel: body.channel,
      source: body.text,
      result: renderTemplate(body.text, values),
    };
  });

  endpointRoute(app, api.chosen, (_agent, { threadId }, { id }) => {
    if (!store.templates.byId(id)) throw new OknoError('not_found', `template ${id} does not exist`);
    const last = lastCustomerMessage(store, threadId);
    if (last) store.templates.recordChoice(id, messageStems(last.text), now());
    return { recorded: last !== null };
  });

  app.get(TEMPLATE_EXPORT_PATH, async (request, reply) => {
    const { format } = parseInput(
      z.object({ format: z.enum(['json', 'csv']).default('json') }),
      request.query,
      'export query',
    );
    const shared = store.templates
      .shared()
      .map(({ folder, title, tags, hotkey, bodies }) => ({ folder, title, tags, hotkey, bodies }));
    if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(templatesToCsv(shared));
    return { templates: shared };
  });

  endpointRoute(app, api.import, (_agent, body) => {
    let inputs: TemplateInput[];
    try {
      inputs =
        body.format === 'csv'
          ? templatesFromCsv(body.source)
          : parseInput(z.object({ templates: z.array(TemplateInput) }), JSON.parse(body.source), 'template file')
              .templates;
    } catch (error) {
      if (error instanceof CsvError) {
        throw new OknoError('bad_request', error.message, [{ path: `line ${error.line}`, message: error.reason }]);
      }
      if (error instanceof SyntaxError) {
        const where = jsonErrorAt(body.source);
        throw new OknoError('bad_request', `line ${where?.line ?? 1}: ${where?.reason ?? error.message}`);
      }
      throw error;
    }
    const at = now();
    store.db.transaction(() => {
      if (body.replace) for (const t of store.templates.shared()) store.templates.remove(t.id);
      for (const input of inputs)
        store.templates.save({ ...input, id: uuidv7(at), scope: 'shared', ownerId: null, updatedAt: at });
    })();
    return { imported: inputs.length };
  });
}
