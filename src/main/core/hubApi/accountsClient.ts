/**
 * The core's side of the hub's accounts API (src/shared/hubApi/accountsApi.ts): every row is
 * called by name through callEndpoint, so no path is written here a second time.
 */
import type { ParsedInput, RequestOutput } from '../../../shared/contract.js';
import { accountsApi } from '../../../shared/hubApi/accountsApi.js';
import { callEndpoint, type EndpointArgs, type EndpointOutput } from './callEndpoint.js';
import { createHubCall, type HubCallDeps } from './hubCall.js';

type AccountsApi = typeof accountsApi;
export type AccountsEndpointName = keyof AccountsApi;

export interface AccountsClient {
  call<K extends AccountsEndpointName>(
    name: K,
    args: EndpointArgs<AccountsApi[K]>,
  ): Promise<EndpointOutput<AccountsApi[K]>>;
  /** Ends this session on the hub (its live socket closes too). */
  signOut(): Promise<{ signedOut: boolean }>;
  changePassword(input: ParsedInput<'account.changePassword'>): Promise<RequestOutput<'account.changePassword'>>;
  disableAgent(agentId: string): Promise<RequestOutput<'team.disableAgent'>>;
  enableAgent(agentId: string): Promise<RequestOutput<'team.enableAgent'>>;
  setPassword(input: ParsedInput<'team.setPassword'>): Promise<RequestOutput<'team.setPassword'>>;
}

export function createAccountsClient(deps: HubCallDeps): AccountsClient {
  const hubCall = createHubCall(deps, 'accounts');
  const call: AccountsClient['call'] = (name, args) => callEndpoint(hubCall, accountsApi[name], args);
  const none = {};
  return {
    call,
    signOut: () => call('signOut', { params: none, input: none }),
    changePassword: (input) => call('changePassword', { params: none, input }),
    disableAgent: (agentId) => call('disableAgent', { params: { id: agentId }, input: none }),
    enableAgent: (agentId) => call('enableAgent', { params: { id: agentId }, input: none }),
    setPassword: ({ agentId, newPassword }) =>
      call('setAgentPassword', { params: { id: agentId }, input: { newPassword } }),
  };
}
