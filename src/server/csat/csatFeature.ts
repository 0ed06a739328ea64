import type { HubFeature, HubFeatureContext } from '../features/hubFeature.js';

/** Customer satisfaction in every channel (issue 16): the rating after a call and rating requests on closed threads. */
export function startCsatFeature(context: HubFeatureContext): HubFeature {
  void context;
  return { name: 'csat' };
}
