/**
 * The register's report (decision 0035): per complaint type, over the days of a period in a time zone,
 * how many were received, resolved and overdue (definitions on ReportRow). Types with nothing in the
 * period are listed with zeros unless retired.
 */
import type { ReportInput, ReportOutput } from '../../shared/register/registerSchemas.js';
import { addDays } from '../../shared/register/businessDays.js';
import type { HubStore } from '../storage/hubStore.js';
import { startOfDay, zoneFormatter } from '../stats/zonedDay.js';

export function registerReport(store: HubStore, input: ReportInput, hubZone: string, now: number): ReportOutput {
  const timeZone = input.timeZone ?? hubZone;
  zoneFormatter(timeZone);
  const fromMs = startOfDay(input.from, timeZone);
  const toMs = startOfDay(addDays(input.to, 1), timeZone);
  const counts = new Map(store.register.report(fromMs, toMs, now).map((c) => [c.typeId, c]));
  const rows = store.register
    .types()
    .filter((t) => !t.retired || counts.has(t.id))
    .map((t) => {
      const c = counts.get(t.id);
      return {
        typeId: t.id,
        typeName: t.name,
        received: c?.received ?? 0,
        resolved: c?.resolved ?? 0,
        overdue: c?.overdue ?? 0,
      };
    });
  const total = rows.reduce(
    (sum, r) => ({
      received: sum.received + r.received,
      resolved: sum.resolved + r.resolved,
      overdue: sum.overdue + r.overdue,
    }),
    { received: 0, resolved: 0, overdue: 0 },
  );
  return { fromMs, toMs, timeZone, rows, total };
}
