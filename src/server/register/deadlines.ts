/** Complaint deadlines in the hub's time zone (decision 0035): the end of the Nth business day. */
import { addBusinessDays, addDays, type BusinessCalendar } from '../../shared/register/businessDays.js';
import { DUE_SOON_MS, type DeadlineWarning, type ComplaintStatus } from '../../shared/register/registerSchemas.js';
import { dayOf, startOfDay } from '../stats/zonedDay.js';

/**
 * The last millisecond of the `days`th business day after the day `createdAt` falls on in `timeZone`:
 * a complaint registered on Friday with 1 day is due by the end of Monday.
 */
export function deadlineOf(createdAt: number, days: number, calendar: BusinessCalendar, timeZone: string): number {
  const due = addBusinessDays(dayOf(createdAt, timeZone), days, calendar);
  return startOfDay(addDays(due, 1), timeZone) - 1;
}

/** Overdue: past the deadline and not resolved or closed; due soon: less than a day left. */
export function warningOf(status: ComplaintStatus, deadlineAt: number, now: number): DeadlineWarning {
  if (status === 'resolved' || status === 'closed') return 'none';
  if (now > deadlineAt) return 'overdue';
  if (deadlineAt - now < DUE_SOON_MS) return 'due_soon';
  return 'none';
}
