import type { ContractHandlers } from '../../../shared/contract.js';
import type { shiftCheckRequests } from '../../../shared/shiftCheck/shiftCheckContract.js';
import { createShiftCheckClient } from '../hubApi/shiftCheckClient.js';
import type { HandlerDeps } from './contractHandlers.js';

/** The shift check's request, forwarded to the hub (decision 0043); nothing of it is cached. */
export function shiftCheckHandlers(deps: HandlerDeps): Pick<ContractHandlers, keyof typeof shiftCheckRequests> {
  const hub = createShiftCheckClient({ link: () => deps.session.link() });
  return {
    'shiftCheck.result': ({ token }) => hub.call('result', { params: { token }, input: {} }),
  };
}
