import type { ContractHandlers } from '../../../shared/contract.js';
import type { registerRequests } from '../../../shared/register/registerContract.js';
import { createRegisterClient } from '../hubApi/registerClient.js';
import type { HandlerDeps } from './contractHandlers.js';

/**
 * The requests of the complaints and requests register, forwarded to the hub (decision 0035). The
 * register is the hub's: nothing is cached, so offline these fail with hub_unreachable and the
 * renderer keeps what was typed.
 */
export function registerHandlers(deps: HandlerDeps): Pick<ContractHandlers, keyof typeof registerRequests> {
  // Letters and exports are made on the hub: give them longer than a plain read.
  const hub = createRegisterClient({ link: () => deps.session.link(), timeoutMs: 60_000 });
  const none = {};
  return {
    'register.types': () => hub.call('types', { params: none, input: none }),
    'register.saveType': (input) => hub.call('saveType', { params: none, input }),
    'register.calendar': () => hub.call('calendar', { params: none, input: none }),
    'register.saveCalendar': (input) => hub.call('saveCalendar', { params: none, input }),
    'register.create': (input) => hub.call('create', { params: none, input }),
    'register.list': (input) => hub.call('list', { params: none, input }),
    'register.get': ({ id }) => hub.call('get', { params: { id }, input: none }),
    'register.update': ({ id, ...input }) => hub.call('update', { params: { id }, input }),
    'register.comment': ({ id, text }) => hub.call('comment', { params: { id }, input: { text } }),
    'register.link': ({ id, threadId }) => hub.call('link', { params: { id }, input: { threadId } }),
    'register.attach': ({ id, ...input }) => hub.call('attach', { params: { id }, input }),
    'register.file': ({ fileId }) => hub.call('file', { params: { fileId }, input: none }),
    'register.letter': ({ id, ...input }) => hub.call('letter', { params: { id }, input }),
    'register.export': (input) => hub.call('export', { params: none, input }),
    'register.report': (input) => hub.call('report', { params: none, input }),
  };
}
