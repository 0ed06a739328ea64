/**
 * Editing templates on the hub: the shared library (leads) and each agent's personal ones, and the
 * shared library as a JSON or CSV file. The hub checks roles and template syntax; its issues
 * (which text, which line) come back to the form.
 */
import { z } from 'zod';
import type { ParsedInput, RequestOutput, TemplateFileFormat } from '../../../shared/contract.js';
import { OknoError } from '../../../shared/errors.js';
import { TEMPLATE_EXPORT_PATH, templatesApi } from '../../../shared/hubApi/templatesApi.js';
import { TemplateInput } from '../../../shared/templates/template.js';
import { callEndpoint } from '../hubApi/callEndpoint.js';
import { createHubCall, type HubCallDeps } from '../hubApi/hubCall.js';

export interface TemplateLibrary {
  save(input: ParsedInput<'templates.save'>): Promise<RequestOutput<'templates.save'>>;
  remove(templateId: string): Promise<RequestOutput<'templates.delete'>>;
  exportLibrary(format: TemplateFileFormat): Promise<RequestOutput<'templates.export'>>;
  importLibrary(input: ParsedInput<'templates.import'>): Promise<RequestOutput<'templates.import'>>;
}

export function createTemplateLibrary(deps: HubCallDeps): TemplateLibrary {
  const call = createHubCall(deps, 'template library');
  return {
    save({ id, scope, ...template }) {
      // The hub keeps a template's scope once created; it is only chosen when creating.
      if (!id) return callEndpoint(call, templatesApi.create, { params: {}, input: { ...template, scope } });
      // Deleted on the hub meanwhile (another session, or while this one was offline): say so;
      // the edited text stays in the form and can be saved again as a new template.
      return callEndpoint(call, templatesApi.update, { params: { id }, input: template }).catch((error: unknown) => {
        if (!(error instanceof OknoError) || error.code !== 'not_found') throw error;
        throw new OknoError('template_deleted', `template "${template.title}" was deleted on the hub`, undefined, {
          title: template.title,
        });
      });
    },
    remove: (templateId) => callEndpoint(call, templatesApi.remove, { params: { id: templateId }, input: {} }),
    async exportLibrary(format) {
      const content =
        format === 'csv'
          ? await call(z.string(), `${TEMPLATE_EXPORT_PATH}?format=csv`, undefined, { text: true })
          : JSON.stringify(
              await call(z.object({ templates: z.array(TemplateInput) }), `${TEMPLATE_EXPORT_PATH}?format=json`),
              null,
              2,
            );
      return { format, content };
    },
    importLibrary: (input) => callEndpoint(call, templatesApi.import, { params: {}, input }),
  };
}
