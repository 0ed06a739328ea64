/**
 * The customer desk's audit as leads read and export it (decision 0031): who did what to which
 * customer from which contact. The CSV is built here so the renderer and the tests make the same file.
 */
import { z } from 'zod';
import { Id } from '../domain.js';

export const AUDIT_PAGE_MAX = 5000;
export const AUDIT_EXPORT_MAX = 100_000;

export const AuditDetailValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const AuditEntryView = z.object({
  id: z.string(),
  at: z.number().int(),
  agentId: z.string(),
  agentName: z.string(),
  action: z.string(),
  customerId: z.string().nullable(),
  customerName: z.string().nullable(),
  threadId: z.string().nullable(),
  /** The contact's number as agents know it (#1042), when the thread still exists. */
  threadNumber: z.number().int().nullable(),
  detail: z.record(z.string(), AuditDetailValue),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;

/** A period (epoch ms, `to` exclusive) and optional customer / agent. */
export const AuditQueryInput = z
  .object({
    from: z.coerce.number().int().nonnegative(),
    to: z.coerce.number().int().positive(),
    customerId: Id.optional(),
    agentId: Id.optional(),
    limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(1000),
  })
  .refine((q) => q.from < q.to, { message: 'the period ends before it starts', path: ['to'] });
export type AuditQueryInput = z.infer<typeof AuditQueryInput>;

export const AuditExportFormat = z.enum(['csv', 'xlsx']);
export type AuditExportFormat = z.infer<typeof AuditExportFormat>;

export const AUDIT_COLUMNS = [
  'time',
  'agent',
  'action',
  'customer',
  'customer id',
  'contact',
  'contact id',
  'detail',
] as const;

/** The table of an export: one header row, then one row per entry (time as ISO 8601 UTC). */
export function auditTable(entries: readonly AuditEntryView[]): string[][] {
  return [
    [...AUDIT_COLUMNS],
    ...entries.map((e) => [
      new Date(e.at).toISOString(),
      e.agentName,
      e.action,
      e.customerName ?? '',
      e.customerId ?? '',
      e.threadNumber === null ? '' : `#${e.threadNumber}`,
      e.threadId ?? '',
      Object.entries(e.detail)
        .map(([key, value]) => `${key}=${String(value)}`)
        .join('; '),
    ]),
  ];
}

/** RFC 4180 CSV; a cell starting with = + - @ is prefixed with ' so a spreadsheet does not run it. */
export function auditCsv(entries: readonly AuditEntryView[]): string {
  const cell = (value: string) => {
    const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    return /[",\r\n;]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
  };
  return auditTable(entries)
    .map((row) => row.map(cell).join(','))
    .join('\r\n')
    .concat('\r\n');
}
