/**
 * The customer desk's identification part of the app contract (requests), forwarded by the core to the
 * hub's identificationApi (decision 0031). Commercial data (full documents, products) passes through
 * the core to the renderer and is never written to the local cache.
 */
import { z } from 'zod';
import { Id } from '../domain.js';
import { identificationApi } from '../hubApi/identificationApi.js';
import { AUDIT_PAGE_MAX, AuditExportFormat } from './identificationAudit.js';
import { QuestionResult } from './identification.js';

const api = identificationApi;
const ByThread = z.object({ threadId: Id });

/** A period of the audit (epoch ms, `to` exclusive) with an optional customer and agent. */
const AuditFilter = z.object({
  from: z.number().int().nonnegative(),
  to: z.number().int().positive(),
  customerId: Id.optional(),
  agentId: Id.optional(),
});

export const identificationRequests = {
  /** Leads: the questions, how many must pass, the attempt limit and the lock time. */
  'identification.settings': { input: z.object({}), output: api.settings.output },
  'identification.saveSettings': { input: api.saveSettings.input, output: api.saveSettings.output },
  /** Where identification of the thread's customer stands, for this thread. */
  'identification.state': { input: ByThread, output: api.state.output },
  /** A mark (pass/fail) for agent-checked questions, or what the customer said for the hub to check. */
  'identification.answer': {
    input: z
      .object({
        threadId: Id,
        questionId: z.string().min(1).max(40),
        verdict: QuestionResult.optional(),
        answer: z.string().max(200).optional(),
      })
      .refine((i) => (i.verdict === undefined) !== (i.answer === undefined), {
        message: 'give either a verdict or what the customer said',
        path: ['answer'],
      }),
    output: api.answer.output,
  },
  /** Identified contacts only (the hub refuses others): full documents and complaints in progress. */
  'identification.commercial': { input: ByThread, output: api.commercial.output },
  /** Identified contacts only: the bank system's products, or why there are none to show. */
  'identification.products': { input: ByThread, output: api.products.output },
  /** Leads: the bank adapter's address and timeout; the token goes in and never comes back. */
  'bankAdapter.get': { input: z.object({}), output: api.bankAdapter.output },
  'bankAdapter.save': { input: api.saveBankAdapter.input, output: api.saveBankAdapter.output },
  /** Leads: the desk audit, newest first. */
  'audit.list': {
    input: AuditFilter.extend({ limit: z.number().int().min(1).max(AUDIT_PAGE_MAX).default(1000) }),
    output: api.audit.output,
  },
  /** Leads: the rows of an export (recorded on the hub); the renderer writes the CSV or XLSX. */
  'audit.export': { input: AuditFilter.extend({ format: AuditExportFormat }), output: api.exportAudit.output },
};
