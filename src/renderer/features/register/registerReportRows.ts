/** The register report as table rows (type, received, resolved, overdue), the total last. */
import type { ReportOutput, ReportRow } from '../../../shared/register/registerSchemas.js';

export function reportRows(
  report: ReportOutput,
  nameOf: (row: ReportRow) => string,
  totalLabel: string,
): [string, number, number, number][] {
  return [
    ...report.rows.map((row): [string, number, number, number] => [
      nameOf(row),
      row.received,
      row.resolved,
      row.overdue,
    ]),
    [totalLabel, report.total.received, report.total.resolved, report.total.overdue],
  ];
}

/** The first day of `day`'s month (YYYY-MM-01). */
export function startOfMonth(day: string): string {
  return `${day.slice(0, 7)}-01`;
}
