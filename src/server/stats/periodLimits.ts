/**
 * How many days of figures one request may ask for, by role. A period is read on the hub's event
 * loop, so the longest one bounds the work any single request can cause: an agent, who reads only
 * their own figures, gets a week; leads and admins, who read the whole floor, the longest period
 * the API has (62 days, two months).
 */
import type { AgentRole } from '../../shared/domain.js';
import { OknoError } from '../../shared/errors.js';

export const MAX_PERIOD_DAYS: Readonly<Record<AgentRole, number>> = { agent: 7, lead: 62, admin: 62 };

/** Refuses (forbidden, naming the limit) a period longer than the role may ask for. */
export function checkPeriodLength(role: AgentRole, days: number): void {
  const max = MAX_PERIOD_DAYS[role];
  if (days <= max) return;
  const message = `${/^[aeiou]/.test(role) ? 'an' : 'a'} ${role} may ask for at most ${max} days of figures at once; ${days} were asked for`;
  throw new OknoError('forbidden', message, [{ path: 'days', message: `at most ${max} for the role ${role}` }], {
    maxDays: max,
    days,
  });
}
