/**
 * The app contract's part for customer satisfaction ratings in every channel (issue 16): requests the
 * core forwards to the hub's csatApi. Nothing of it is cached.
 */
import { z } from 'zod';
import { csatApi } from '../hubApi/csatApi.js';

const api = csatApi;

export const csatRequests = {
  'csat.settings': { input: z.object({}), output: api.settings.output },
  'csat.saveSettings': { input: api.saveSettings.input, output: api.saveSettings.output },
  /**
   * Asked as the agent hangs up a queue call: a one-time address to transfer the caller to for the
   * rating after the call, or null (hang up as usual).
   */
  'csat.ratingAddress': { input: api.ratingAddress.input, output: api.ratingAddress.output },
};

export const csatEvents = {};
