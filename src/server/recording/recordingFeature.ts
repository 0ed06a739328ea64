import type { HubFeature, HubFeatureContext } from '../features/hubFeature.js';

/** Call recording (issue 16): policy, rtpengine recording, the audio store, retention, playback. */
export function startRecordingFeature(context: HubFeatureContext): HubFeature {
  void context;
  return { name: 'recording' };
}
