/**
 * The hub's composition root: opens the store, makes sure someone can sign in, wires the gateway,
 * the live feed and the HTTP API, and listens. Everything is passed in here and nowhere else.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LIVE_HEARTBEAT_MS } from '../shared/sync.js';
import { createLogger, type Logger } from '../shared/log.js';
import { bootstrapAdmin } from './agents/bootstrapAdmin.js';
import { createHttpApp } from './http/createHttpApp.js';
import { startHeartbeat } from './sockets/heartbeat.js';
import { openHubStore } from './storage/hubStore.js';
import { WebchatGateway } from './webchat/webchatGateway.js';

export interface HubOptions {
  dataDir: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** 0 picks a free port. Default 0. */
  port?: number;
  /** Where okno-widget.js is built; default <repo>/dist/widget. */
  widgetDir?: string;
  initialAdminPassword?: string;
  now?: () => number;
  log?: Logger;
  /** How often live sockets are pinged; default LIVE_HEARTBEAT_MS (tests turn it down). */
  heartbeatMs?: number;
}

export interface Hub {
  /** http://HOST:PORT */
  url: string;
  hubId: string;
  /** The administrator created at THIS start (first start of an empty database); null otherwise. */
  bootstrap: { login: string; password: string } | null;
  close(): Promise<void>;
}

const DEFAULT_WIDGET_DIR = fileURLToPath(new URL('../../dist/widget', import.meta.url));

export async function createHub(options: HubOptions): Promise<Hub> {
  const log = options.log ?? createLogger('hub');
  const now = options.now ?? Date.now;
  const host = options.host ?? '127.0.0.1';
  const store = openHubStore(path.resolve(options.dataDir), now, log.child('store'));
  const heartbeat = startHeartbeat(options.heartbeatMs ?? LIVE_HEARTBEAT_MS);
  try {
    const bootstrap = await bootstrapAdmin(store, options.initialAdminPassword);
    const gateway = new WebchatGateway(store, now, log.child('webchat'));
    const app = await createHttpApp({
      store,
      gateway,
      heartbeat,
      widgetDir: options.widgetDir ?? DEFAULT_WIDGET_DIR,
      now,
      log,
    });
    await app.listen({ host, port: options.port ?? 0 });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    log.info('hub listening', { url, hubId: store.hubId });

    let closing: Promise<void> | null = null;
    return {
      url,
      hubId: store.hubId,
      bootstrap,
      close: () => {
        closing ??= (async () => {
          heartbeat.stop();
          try {
            await app.close();
          } finally {
            store.close();
            log.info('hub closed', { url });
          }
        })();
        return closing;
      },
    };
  } catch (error) {
    heartbeat.stop();
    store.close();
    throw error;
  }
}
