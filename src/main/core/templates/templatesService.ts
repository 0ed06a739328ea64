/**
 * Templates are served by the hub (decision 0008): the core forwards the renderer's template
 * requests to the hub's authenticated API with the session's token and validates every answer.
 * The last library seen is kept in memory, so the picker still opens while the hub is away.
 */
import { z } from 'zod';
import type { RequestOutput } from '../../../shared/contract.js';
import { OknoError } from '../../../shared/errors.js';
import { Template } from '../../../shared/templates/template.js';
import { createHubCall, type HubCallDeps } from '../hubApi/hubCall.js';

export interface TemplatesService {
  list(): Promise<RequestOutput<'templates.list'>>;
  suggest(threadId: string, limit: number): Promise<RequestOutput<'templates.suggest'>>;
  render(templateId: string, threadId: string): Promise<RequestOutput<'templates.render'>>;
  chosen(templateId: string, threadId: string): Promise<RequestOutput<'templates.chosen'>>;
}

export type TemplatesServiceDeps = HubCallDeps;

const ListReply = z.object({ templates: z.array(Template) });
const SuggestReply = z.object({ suggestions: z.array(z.object({ template: Template, score: z.number() })) });
const RenderReply = z.object({
  source: z.string(),
  result: z.union([
    z.object({ ok: z.literal(true), text: z.string() }),
    z.object({
      ok: z.literal(false),
      problems: z.array(z.object({ line: z.number(), column: z.number(), reason: z.string() })),
    }),
  ]),
});
const ChosenReply = z.object({ recorded: z.boolean() });

export function createTemplatesService(deps: TemplatesServiceDeps): TemplatesService {
  let cached: RequestOutput<'templates.list'> | null = null;

  const call = createHubCall(deps, 'templates');

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
    const now = await call(ListReply, '/api/v1/templates').catch(() => null);
    if (!now || now.templates.some((t) => t.id === templateId)) return error; // the thread was missing, not the template
    cached = now;
    const title = known?.title ?? templateId;
    return new OknoError('template_deleted', `template "${title}" was deleted on the hub`, undefined, { title });
  }

  return {
    async list() {
      try {
        cached = await call(ListReply, '/api/v1/templates');
      } catch (error) {
        if (!(error instanceof OknoError) || error.code !== 'hub_unreachable' || !cached) throw error;
      }
      return cached;
    },
    suggest: (threadId, limit) =>
      call(SuggestReply, `/api/v1/templates/suggest?threadId=${encodeURIComponent(threadId)}&limit=${limit}`),
    async render(templateId, threadId) {
      const reply = await call(RenderReply, `/api/v1/templates/${encodeURIComponent(templateId)}/render`, {
        threadId,
      }).catch(async (error: unknown) => {
        throw await deletedOnHub(error, templateId);
      });
      return reply.result.ok
        ? { text: reply.result.text, source: reply.source, problems: [] }
        : { text: null, source: reply.source, problems: reply.result.problems.map((p) => p.reason) };
    },
    // Learning from a choice is a nicety: a template deleted meanwhile is simply not learnt from.
    chosen: (templateId, threadId) =>
      call(ChosenReply, `/api/v1/templates/${encodeURIComponent(templateId)}/chosen`, { threadId }).catch(
        async (error: unknown) => {
          const settled = await deletedOnHub(error, templateId);
          if (settled instanceof OknoError && settled.code === 'template_deleted') return { recorded: false };
          throw settled;
        },
      ),
  };
}
