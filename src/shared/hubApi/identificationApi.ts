/**
 * The hub's API for identification, commercial data, the bank adapter's settings and the desk audit
 * (decision 0031). Read by the hub's routes and the core's client alike (src/shared/hubApi/endpoint.ts).
 * Commercial data crosses only here, only for a contact whose customer is identified, and the core
 * passes it straight to the renderer without caching it.
 */
import { z } from 'zod';
import { Id } from '../domain.js';
import { StoredDocument } from '../customers/bankKeys.js';
import { AnswerInput, IdentificationSettings, IdentificationState } from '../customers/identification.js';
import {
  AUDIT_EXPORT_MAX,
  AuditEntryView,
  AuditExportFormat,
  AuditQueryInput,
} from '../customers/identificationAudit.js';
import { ProductsReply } from '../customers/products.js';
import { ALL, endpoint, LEADS, None } from './endpoint.js';

const ByThread = z.object({ threadId: Id });

export const BANK_TIMEOUT_MIN_MS = 500;
export const BANK_TIMEOUT_MAX_MS = 30_000;
export const BANK_TIMEOUT_DEFAULT_MS = 3000;

/** The adapter's settings as leads see them: the token goes in and never comes back. */
export const BankAdapterView = z.object({
  url: z.string().nullable(),
  tokenSet: z.boolean(),
  timeoutMs: z.number().int(),
});
export type BankAdapterView = z.infer<typeof BankAdapterView>;

export const BankAdapterInput = z.object({
  /** Empty turns the adapter off. */
  url: z
    .string()
    .trim()
    .max(500)
    .refine(
      (url) => url === '' || /^https?:\/\/[^\s/]+/.test(url),
      'adapter address must start with http:// or https://',
    ),
  /** Omitted keeps the stored token; "" removes it. */
  token: z.string().max(2000).optional(),
  timeoutMs: z.number().int().min(BANK_TIMEOUT_MIN_MS).max(BANK_TIMEOUT_MAX_MS).default(BANK_TIMEOUT_DEFAULT_MS),
});
export type BankAdapterInput = z.infer<typeof BankAdapterInput>;

/** General facts plus, for an identified contact, the full documents and complaints in progress. */
export const CommercialView = z.object({
  threadId: Id,
  customerId: Id,
  documents: z.array(StoredDocument),
  /** Complaints in progress (issue 15 adds the register; empty until then). */
  complaints: z.array(z.object({ id: z.string(), subject: z.string(), openedAt: z.number(), status: z.string() })),
});
export type CommercialView = z.infer<typeof CommercialView>;

export const identificationApi = {
  settings: endpoint({
    method: 'GET',
    path: '/api/v1/identification/settings',
    params: None,
    input: None,
    output: IdentificationSettings,
    roles: LEADS,
  }),
  saveSettings: endpoint({
    method: 'PUT',
    path: '/api/v1/identification/settings',
    params: None,
    input: IdentificationSettings,
    output: IdentificationSettings,
    roles: LEADS,
  }),
  /** Where identification of this contact's customer stands. */
  state: endpoint({
    method: 'GET',
    path: '/api/v1/identification/threads/:threadId',
    params: ByThread,
    input: None,
    output: IdentificationState,
    roles: ALL,
  }),
  /** One answer; a locked customer gets the state back with `status: 'locked'` and `lockedUntil`. */
  answer: endpoint({
    method: 'POST',
    path: '/api/v1/identification/threads/:threadId/answers',
    params: ByThread,
    input: AnswerInput,
    output: IdentificationState,
    roles: ALL,
  }),
  /** 403 until the customer is identified for this contact; every opening is audited. */
  commercial: endpoint({
    method: 'GET',
    path: '/api/v1/identification/threads/:threadId/commercial',
    params: ByThread,
    input: None,
    output: CommercialView,
    roles: ALL,
  }),
  /** The bank's system asked now; never an error for a slow or broken bank, a state instead. */
  products: endpoint({
    method: 'GET',
    path: '/api/v1/identification/threads/:threadId/products',
    params: ByThread,
    input: None,
    output: ProductsReply,
    roles: ALL,
  }),
  bankAdapter: endpoint({
    method: 'GET',
    path: '/api/v1/bank-adapter',
    params: None,
    input: None,
    output: BankAdapterView,
    roles: LEADS,
  }),
  saveBankAdapter: endpoint({
    method: 'PUT',
    path: '/api/v1/bank-adapter',
    params: None,
    input: BankAdapterInput,
    output: BankAdapterView,
    roles: LEADS,
  }),
  audit: endpoint({
    method: 'GET',
    path: '/api/v1/desk-audit',
    params: None,
    input: AuditQueryInput,
    output: z.object({ entries: z.array(AuditEntryView), truncated: z.boolean() }),
    roles: LEADS,
  }),
  /** The rows of an export (the renderer writes the file); the export itself is audited. */
  exportAudit: endpoint({
    method: 'POST',
    path: '/api/v1/desk-audit/export',
    params: None,
    input: z.object({
      from: z.number().int().nonnegative(),
      to: z.number().int().positive(),
      customerId: Id.optional(),
      agentId: Id.optional(),
      format: AuditExportFormat,
    }),
    output: z.object({ entries: z.array(AuditEntryView).max(AUDIT_EXPORT_MAX), truncated: z.boolean() }),
    roles: LEADS,
  }),
} as const;
