import type { ContractHandlers } from '../../../shared/contract.js';
import type { callQualityRequests } from '../../../shared/callQuality/callQualityContract.js';
import { createCallQualityClient } from '../hubApi/callQualityClient.js';
import type { HandlerDeps } from './contractHandlers.js';

/** The requests of call quality (decision 0040), forwarded to the hub. */
export function callQualityHandlers(deps: HandlerDeps): Pick<ContractHandlers, keyof typeof callQualityRequests> {
  const hub = createCallQualityClient({ link: () => deps.session.link() });
  return {
    'callQuality.summary': (input) => hub.call('summary', { params: {}, input }),
  };
}
