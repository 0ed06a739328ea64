/**
 * The quality trackers of the calls up now, by softphone call id (decision 0040). The call card's
 * warning feeds its call's tracker while the call is up; the softphone takes the summary when it logs
 * the ended call, so the figures travel with the call record. Plain data, no live objects.
 */
import { QualityTracker, type CallQualitySummary } from '../../../shared/callQuality/callQuality.js';

const trackers = new Map<string, QualityTracker>();

export function qualityTracker(callId: string): QualityTracker {
  let tracker = trackers.get(callId);
  if (!tracker) {
    tracker = new QualityTracker();
    trackers.set(callId, tracker);
  }
  return tracker;
}

/** The call's summary (null when nothing was sampled); the tracker is forgotten. */
export function takeCallQuality(callId: string): CallQualitySummary | null {
  const tracker = trackers.get(callId);
  trackers.delete(callId);
  return tracker?.summary() ?? null;
}
