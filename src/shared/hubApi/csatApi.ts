/**
 * The hub's API for ratings (issue 16): the admin's settings and the one-time rating address a
 * softphone transfers a caller to when the agent hangs up (src/shared/hubApi/endpoint.ts).
 */
import { CsatSettings, RatingAddress, RatingAddressInput } from '../csat/csat.js';
import { endpoint, None } from './endpoint.js';

export const csatApi = {
  settings: endpoint({
    method: 'GET',
    path: '/api/v1/csat/settings',
    params: None,
    input: None,
    output: CsatSettings,
    roles: ['agent', 'lead', 'admin'],
  }),
  saveSettings: endpoint({
    method: 'PUT',
    path: '/api/v1/csat/settings',
    params: None,
    input: CsatSettings,
    output: CsatSettings,
    roles: ['admin'],
  }),
  /** Asked by the agent's app as it hangs up a queue call; null address: hang up as usual. */
  ratingAddress: endpoint({
    method: 'POST',
    path: '/api/v1/csat/rating-address',
    params: None,
    input: RatingAddressInput,
    output: RatingAddress,
    roles: ['agent', 'lead', 'admin'],
  }),
};
