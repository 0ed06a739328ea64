import type { HubFeature, HubFeatureContext } from '../features/hubFeature.js';

/** Live monitoring (issue 16): listen, whisper and barge on live calls. */
export function startMonitoringFeature(context: HubFeatureContext): HubFeature {
  void context;
  return { name: 'monitoring' };
}
