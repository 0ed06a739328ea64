/** Loads the floor snapshot every second and the period figures less often, while mounted. */
import { useEffect, useState } from 'react';
import type { RequestOutput } from '../../../shared/contract.js';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { selectStatsSnapshot } from './statsSlice.js';
import { loadStatsNow, loadStatsPeriod } from './statsThunks.js';
import { dayBefore, todayIn } from './statsFormat.js';

export type Snapshot = RequestOutput<'stats.now'>;
export type Period = RequestOutput<'stats.period'>;

/** Asks once (the core then opens the hub's live stats socket and forwards each push), and again every `everyMs` as a fallback. */
export function useStatsNow(everyMs = 10_000): Snapshot | null {
  const dispatch = useAppDispatch();
  const snapshot = useAppSelector(selectStatsSnapshot);
  useEffect(() => {
    // The hub's zone: "today" is the contact center's day, the same for every lead.
    const load = () => void dispatch(loadStatsNow({}));
    load();
    const timer = setInterval(load, everyMs);
    return () => clearInterval(timer);
  }, [dispatch, everyMs]);
  return snapshot;
}

/**
 * Today and (when asked) yesterday, as the hub's zone counts days: today is asked without a day or
 * zone, yesterday is the day before the one the hub answered with.
 */
export function useStatsPeriods(
  withYesterday: boolean,
  everyMs = 15_000,
): { today: Period | null; yesterday: Period | null } {
  const dispatch = useAppDispatch();
  const [periods, setPeriods] = useState<{ today: Period | null; yesterday: Period | null }>({
    today: null,
    yesterday: null,
  });
  useEffect(() => {
    let stopped = false;
    const load = async () => {
      try {
        const today = await dispatch(loadStatsPeriod({})).unwrap();
        const yesterday = withYesterday
          ? await dispatch(
              loadStatsPeriod({ day: dayBefore(todayIn(today.timeZone, today.from)), timeZone: today.timeZone }),
            ).unwrap()
          : null;
        if (!stopped) setPeriods({ today, yesterday });
      } catch {
        // Shown as "no data" until the next load succeeds.
      }
    };
    void load();
    const timer = setInterval(() => void load(), everyMs);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [dispatch, everyMs, withYesterday]);
  return periods;
}
