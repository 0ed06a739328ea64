import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { EVENT_NAMES, REQUEST_NAMES } from '../../shared/contract.js';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type CallResult, type OknoBridge } from '../../shared/contractWire.js';

type Ipc = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

const REQUESTS = new Set<string>(REQUEST_NAMES);
const EVENTS = new Set<string>(EVENT_NAMES);

/**
 * window.okno: a pipe that lets through only the contract's request names and event names.
 * Nothing of ipcRenderer itself reaches the page.
 */
export function createBridge(ipc: Ipc): OknoBridge {
  return {
    invoke(name, input) {
      if (typeof name !== 'string' || !REQUESTS.has(name)) {
        const refused: CallResult = {
          ok: false,
          error: { code: 'unknown_request', message: `unknown request "${String(name).slice(0, 100)}"` },
        };
        return Promise.resolve(refused);
      }
      return ipc.invoke(IPC_INVOKE_CHANNEL, name, input) as Promise<CallResult>;
    },
    onEvent(listener) {
      const forward = (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
        if (typeof name === 'string' && EVENTS.has(name)) listener(name, payload);
      };
      ipc.on(IPC_EVENT_CHANNEL, forward);
      return () => {
        ipc.removeListener(IPC_EVENT_CHANNEL, forward);
      };
    },
  };
}
