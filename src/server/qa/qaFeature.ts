import type { HubFeature, HubFeatureContext } from '../features/hubFeature.js';

/** Quality scoring (issue 16): scoring forms, scores of calls and transcripts, the report. */
export function startQaFeature(context: HubFeatureContext): HubFeature {
  void context;
  return { name: 'qa' };
}
