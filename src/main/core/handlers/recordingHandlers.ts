import type { ContractHandlers } from '../../../shared/contract.js';
import type { recordingRequests } from '../../../shared/recording/recordingContract.js';
import type { HandlerDeps } from './contractHandlers.js';

/** The requests of call recordings: playback, pause and resume, settings (issue 16). */
export function recordingHandlers(deps: HandlerDeps): Pick<ContractHandlers, keyof typeof recordingRequests> {
  void deps;
  return {} as Pick<ContractHandlers, keyof typeof recordingRequests>;
}
