import type { HubFeature, HubFeatureContext } from '../features/hubFeature.js';

/** Call quality (issue 16): jitter, loss, round trip and MOS per call, and the per-agent summary. */
export function startCallQualityFeature(context: HubFeatureContext): HubFeature {
  void context;
  return { name: 'callQuality' };
}
