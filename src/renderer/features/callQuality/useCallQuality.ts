/** Samples a live call's connection every SAMPLE_MS and says whether it is poor now (decision 0040). */
import { useEffect, useRef, useState } from 'react';
import type { CallState } from '../../../shared/softphone/callMachine.js';
import type { SoftphoneService } from '../softphone/softphoneService.js';
import { qualityTracker } from './callQualityLedger.js';
import { readStats, sampleBetween, type Counters } from './statsSample.js';

export const SAMPLE_MS = 2000;

export function useCallQuality(call: CallState, service: SoftphoneService): boolean {
  const [poor, setPoor] = useState(false);
  const talking = call.phase === 'established';
  // Kept across a hold, so the counters after it are not counted again from the call's start.
  const previous = useRef<Counters | null>(null);
  useEffect(() => {
    if (!talking) {
      setPoor(false);
      return;
    }
    const tracker = qualityTracker(call.id);
    setPoor(tracker.poor);
    let stopped = false;
    const sample = async () => {
      const pc = service.peerConnection(call.id);
      if (!pc) return;
      const report = await pc.getStats();
      if (stopped) return;
      const entries: Record<string, unknown>[] = [];
      report.forEach((stat: Record<string, unknown>) => entries.push(stat));
      const reading = readStats(entries);
      const next = sampleBetween(Date.now(), previous.current, reading);
      if (reading.counters) previous.current = reading.counters;
      if (next) setPoor(tracker.add(next).poor);
    };
    const timer = setInterval(() => void sample().catch(() => {}), SAMPLE_MS);
    void sample().catch(() => {});
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [call.id, talking, service]);
  return poor;
}
