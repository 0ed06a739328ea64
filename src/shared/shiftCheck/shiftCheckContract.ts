/** The app contract's part for the shift check (issue 16, decision 0043): the hub's figures by token. */
import { z } from 'zod';
import { shiftCheckApi } from '../hubApi/shiftCheckApi.js';
import { CheckToken } from './shiftCheck.js';

export const shiftCheckRequests = {
  /** The hub's measurement of the check call dialled with this token; a clear error until it arrived. */
  'shiftCheck.result': { input: z.object({ token: CheckToken }), output: shiftCheckApi.result.output },
};
