import type { HubFeature, HubFeatureContext } from '../features/hubFeature.js';

/** The microphone and network check before a shift (issue 16): a few seconds recorded through the PBX and played back. */
export function startShiftCheckFeature(context: HubFeatureContext): HubFeature {
  void context;
  return { name: 'shiftCheck' };
}
