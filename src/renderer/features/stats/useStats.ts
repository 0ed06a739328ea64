/** Loads the floor snapshot every second and the period figures less often, while mounted. */
import { useEffect, useState } from 'react';
import type { RequestOutput } from '../../../shared/contract.js';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { selectStatsSnapshot } from './statsSlice.js';
import { loadStatsNow, loadStatsPeriod } from './statsThunks.js';
import { dayBefore, localTimeZone, todayIn } from './statsFormat.js';

export type Snapshot = RequestOutput<'stats.now'>;
export type Period = RequestOutput<'stats.period'>;

/** Asks once (the core then opens the hub's live stats socket and forwards each push), and again every `everyMs` as a fallback. */
export function useStatsNow(everyMs = 10_000): Snapshot | null {
  const dispatch = useAppDispatch();
  const snapshot = useAppSelector(selectStatsSnapshot);
  useEffect(() => {
    const timeZone = localTimeZone();
    const load = () => void dispatch(loadStatsNow({ timeZone }));
    load();
    const timer = setInterval(load, everyMs);
    return () => clearInterval(timer);
  }, [dispatch, everyMs]);
  return snapshot;
}

export function useStatsPeriods(everyMs = 15_000): { today: Period | null; yesterday: Period | null } {
  const dispatch = useAppDispatch();
  const [periods, setPeriods] = useState<{ today: Period | null; yesterday: Period | null }>({
    today: null,
    yesterday: null,
  });
  useEffect(() => {
    let stopped = false;
    const timeZone = localTimeZone();
    const load = async () => {
      const day = todayIn(timeZone);
      try {
        const [today, yesterday] = await Promise.all([
          dispatch(loadStatsPeriod({ day, timeZone })).unwrap(),
          dispatch(loadStatsPeriod({ day: dayBefore(day), timeZone })).unwrap(),
        ]);
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
  }, [dispatch, everyMs]);
  return periods;
}
