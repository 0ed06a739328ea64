import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type CallResult } from '../../shared/contractWire.js';
import type { Logger } from '../../shared/log.js';
import type { CoreEndpoint } from '../core/index.js';
import { isOurPage } from './trustedPage.js';

/**
 * The contract over Electron IPC. A call counts only when it comes from our window's main frame
 * showing our own page; events go to that window alone. Returns a function that undoes both.
 */
export function registerContractIpc(options: {
  core: CoreEndpoint;
  window: () => BrowserWindow | null;
  indexUrl: string;
  log: Logger;
}): () => void {
  const { core, indexUrl, log } = options;

  ipcMain.handle(
    IPC_INVOKE_CHANNEL,
    async (event: IpcMainInvokeEvent, name: unknown, input: unknown): Promise<CallResult> => {
      const window = options.window();
      const frame = event.senderFrame;
      if (
        !window ||
        event.sender !== window.webContents ||
        frame !== window.webContents.mainFrame ||
        !isOurPage(frame?.url, indexUrl)
      ) {
        log.warn('refused a contract call from a foreign frame', { url: frame?.url });
        return {
          ok: false,
          error: { code: 'forbidden', message: 'contract calls are accepted only from the Okno window' },
        };
      }
      return core.invoke(name, input);
    },
  );

  const unsubscribe = core.onEvent((name, payload) => {
    const window = options.window();
    if (window && !window.isDestroyed()) window.webContents.send(IPC_EVENT_CHANNEL, name, payload);
  });

  return () => {
    ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
    unsubscribe();
  };
}
