/**
 * The hub's template API: the shared library (leads edit it) and each agent's personal templates,
 * suggestions for a thread's last customer message, rendering with the thread's values, the
 * record of which template was chosen, and importing a library file. Who may edit a template
 * depends on the template (shared: leads; personal: its owner), so the hub checks that per request.
 */
import { z } from 'zod';
import { Channel, Id } from '../domain.js';
import { Template, TemplateInput, TemplateLanguage } from '../templates/template.js';
import { TEMPLATE_VARIABLES } from '../templates/templateSyntax.js';
import { ALL, ById, endpoint, LEADS, None } from './endpoint.js';

const ForThread = z.object({ threadId: Id });

/**
 * The shared library as a file (`?format=json` or `?format=csv`): not a row, because the CSV form
 * answers text, not JSON. Everyone may read it.
 */
export const TEMPLATE_EXPORT_PATH = '/api/v1/templates/export';

export const NewTemplate = TemplateInput.extend({ scope: z.enum(['shared', 'personal']).default('personal') });

const TemplateProblem = z.object({ line: z.number(), column: z.number(), reason: z.string() });
export const TemplateRenderReply = z.object({
  language: TemplateLanguage,
  channel: Channel.nullable(),
  source: z.string(),
  result: z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), text: z.string() }),
    z.object({
      ok: z.literal(false),
      problems: z.array(TemplateProblem),
      missing: z.array(z.enum(TEMPLATE_VARIABLES)),
    }),
  ]),
});

export const templatesApi = {
  /** The shared library and the caller's own templates. */
  list: endpoint({
    method: 'GET',
    path: '/api/v1/templates',
    params: None,
    input: None,
    output: z.object({ templates: z.array(Template) }),
    roles: ALL,
  }),
  /** A shared template needs a lead (the hub checks the scope); a personal one belongs to the caller. */
  create: endpoint({
    method: 'POST',
    path: '/api/v1/templates',
    params: None,
    input: NewTemplate,
    output: Template,
    roles: ALL,
    status: 201,
  }),
  update: endpoint({
    method: 'PUT',
    path: '/api/v1/templates/:id',
    params: ById,
    input: TemplateInput,
    output: Template,
    roles: ALL,
  }),
  remove: endpoint({
    method: 'DELETE',
    path: '/api/v1/templates/:id',
    params: ById,
    input: None,
    output: z.object({ deleted: Id }),
    roles: ALL,
  }),
  /** Templates ranked for the thread's last customer message (none when the customer has not written). */
  suggest: endpoint({
    method: 'GET',
    path: '/api/v1/templates/suggest',
    params: None,
    input: ForThread.extend({ limit: z.coerce.number().int().min(1).max(20).default(3) }),
    output: z.object({
      messageId: Id.nullable(),
      suggestions: z.array(z.object({ template: Template, score: z.number(), learned: z.number() })),
    }),
    roles: ALL,
  }),
  render: endpoint({
    method: 'POST',
    path: '/api/v1/templates/:id/render',
    params: ById,
    input: ForThread,
    output: TemplateRenderReply,
    roles: ALL,
  }),
  chosen: endpoint({
    method: 'POST',
    path: '/api/v1/templates/:id/chosen',
    params: ById,
    input: ForThread,
    output: z.object({ recorded: z.boolean() }),
    roles: ALL,
  }),
  /** A JSON or CSV library file added to the shared library; replace: the old library goes first. */
  import: endpoint({
    method: 'POST',
    path: '/api/v1/templates/import',
    params: None,
    input: z.object({
      format: z.enum(['json', 'csv']),
      source: z.string().max(5_000_000),
      replace: z.boolean().default(false),
    }),
    output: z.object({ imported: z.number().int().nonnegative() }),
    roles: LEADS,
  }),
} as const;
