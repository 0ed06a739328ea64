/** The platform inside Electron: the preload's allow-listed `window.okno` bridge. */
import {
  isEventName,
  type EventName,
  type RequestInput,
  type RequestName,
  type RequestOutput,
} from '../../shared/contract.js';
import type { OknoBridge } from '../../shared/contractWire.js';
import { createLogger } from '../../shared/log.js';
import { unwrapResult } from './callResult.js';
import type { HostLink, Platform } from './platform.js';

const log = createLogger('renderer:electron');

export class ElectronPlatform implements Platform {
  constructor(private readonly bridge: OknoBridge) {}

  async invoke<N extends RequestName>(name: N, input: RequestInput<N>): Promise<RequestOutput<N>> {
    return unwrapResult(name, await this.bridge.invoke(name, input));
  }

  onEvent(listener: (name: EventName, payload: unknown) => void): () => void {
    return this.bridge.onEvent((name, payload) => {
      if (isEventName(name)) listener(name, payload);
      else log.warn('ignored an unknown event', { name: String(name).slice(0, 100) });
    });
  }

  /** IPC to the main process does not drop: the link is always up. */
  onHostLink(_listener: (link: HostLink) => void): () => void {
    return () => {};
  }
}
