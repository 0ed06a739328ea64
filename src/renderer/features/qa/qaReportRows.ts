/** The report's two tables as rows of cells, for the screen and for CSV/XLSX (one sheet, agents then criteria). */
import type { QaReport } from '../../../shared/qa/qaForm.js';

export type Cell = string | number | null;

export interface ReportWords {
  agent: string;
  scores: string;
  average: string;
  criticalFailures: string;
  form: string;
  criterion: string;
  answers: string;
  criterionAverage: string;
}

export const agentHeader = (w: ReportWords): string[] => [w.agent, w.scores, w.average, w.criticalFailures];
export const criterionHeader = (w: ReportWords): string[] => [
  w.form,
  w.criterion,
  w.answers,
  w.criterionAverage,
  w.criticalFailures,
];

export const agentRows = (report: QaReport): Cell[][] =>
  report.agents.map((a) => [a.agentName, a.scores, a.averageTotal, a.criticalFailures]);

export const criterionRows = (report: QaReport): Cell[][] =>
  report.criteria.map((c) => [c.formName, c.label, c.answers, c.average, c.criticalFailures]);

/** Both tables in one sheet, a blank row between them. */
export const exportRows = (report: QaReport, w: ReportWords): Cell[][] => [
  agentHeader(w),
  ...agentRows(report),
  [],
  criterionHeader(w),
  ...criterionRows(report),
];
