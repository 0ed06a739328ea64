/**
 * Templates are served by the hub (decision 0008): the core forwards the renderer's template
 * requests to the hub's authenticated API with the session's token and validates every answer.
 * The last library seen is kept in memory, so the picker still opens while the hub is away.
 */
import type { RequestOutput } from '../../../shared/contract.js';
import { OknoError } from '../../../shared/errors.js';
import { templatesApi } from '../../../shared/hubApi/templatesApi.js';
import { callEndpoint } from '../hubApi/callEndpoint.js';
import { createHubCall, type HubCallDeps } from '../hubApi/hubCall.js';

export interface TemplatesService {
  list(): Promise<RequestOutput<'templates.list'>>;
  suggest(threadId: string, limit: number): Promise<RequestOutput<'templates.suggest'>>;
  render(templateId: string, threadId: string): Promise<RequestOutput<'templates.render'>>;
  chosen(templateId: string, threadId: string): Promise<RequestOutput<'templates.chosen'>>;
}

export type TemplatesServiceDeps = HubCallDeps;

export function createTemplatesService(deps: TemplatesServiceDeps): TemplatesService {
  let cached: RequestOutput<'templates.list'> | null = null;

  const call = createHubCall(deps, 'templates');
  const library = () => callEndpoint(call, templatesApi.list, { params: {}, input: {} });

  /**
   * The conflict rule for a template deleted on the hub (e.g. while the agent was offline and the
   * picker showed the last library seen): a `not_found` for a template the hub no longer lists
   * becomes `template_deleted`, and the template leaves the cached library. Nothing the agent typed
   * depends on it: inserting only ever adds text to the composer, and a reply carries text, never
   * a template id, so replies already typed from it are sent as typed.
   */
  async function deletedOnHub(error: unknown, templateId: string): Promise<unknown> {
    if (!(error instanceof OknoError) || error.code !== 'not_found') return error;
    const known = cached?.templates.find((t) => t.id === templateId) ?? null;
    const now = await library().catch(() => null);
    if (!now || now.templates.some((t) => t.id === templateId)) return error; // the thread was missing, not the template
    cached = now;
    const title = known?.title ?? templateId;
    return new OknoError('template_deleted', `template "${title}" was deleted on the hub`, undefined, { title });
  }

  return {
    async list() {
      try {
        cached = await library();
      } catch (error) {
        if (!(error instanceof OknoError) || error.code !== 'hub_unreachable' || !cached) throw error;
      }
      return cached;
    },
    async suggest(threadId, limit) {
      const reply = await callEndpoint(call, templatesApi.suggest, { params: {}, input: { threadId, limit } });
      return { suggestions: reply.suggestions.map(({ template, score }) => ({ template, score })) };
    },
    async render(templateId, threadId) {
      const reply = await callEndpoint(call, templatesApi.render, {
        params: { id: templateId },
        input: { threadId },
      }).catch(async (error: unknown) => {
        throw await deletedOnHub(error, templateId);
      });
      return reply.result.ok
        ? { text: reply.result.text, source: reply.source, problems: [] }
        : { text: null, source: reply.source, problems: reply.result.problems.map((p) => p.reason) };
    },
    // Learning from a choice is a nicety: a template deleted meanwhile is simply not learnt from.
    chosen: (templateId, threadId) =>
      callEndpoint(call, templatesApi.chosen, { params: { id: templateId }, input: { threadId } }).catch(
        async (error: unknown) => {
          const settled = await deletedOnHub(error, templateId);
          if (settled instanceof OknoError && settled.code === 'template_deleted') return { recorded: false };
          throw settled;
        },
      ),
  };
}
