/**
 * The hub's API for the shift check (decision 0043): the result of a check by the token the app put in
 * the address it dialled. Read by the hub's route and the core's client alike (endpoint.ts).
 */
import { z } from 'zod';
import { CheckToken, ShiftCheckResult } from '../shiftCheck/shiftCheck.js';
import { endpoint } from './endpoint.js';

export const shiftCheckApi = {
  /** 404 until the check call reached the hub; `waiting` while it runs. */
  result: endpoint({
    method: 'GET',
    path: '/api/v1/shift-check/:token',
    params: z.object({ token: CheckToken }),
    input: z.object({}),
    output: ShiftCheckResult,
    roles: ['agent', 'lead', 'admin'],
  }),
};
