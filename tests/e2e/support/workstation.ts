/**
 * One agent workstation of an e2e stack: an agent core in its worker thread, its data in `dataDir`
 * and the hub embedded at `hubUrl`, served to the browser by the browser host on a port the OS picks.
 */
import path from 'node:path';
import { createFileKeySecretBox, startCoreWorker, type CoreEndpoint } from '../../../src/main/core/index.js';
import { startBrowserHost, type BrowserHost } from '../../../src/main/web/browserHost.js';

const REPO = path.resolve(import.meta.dirname, '../../..');

export interface WorkstationOptions {
  dataDir: string;
  /** The hub the sign-in screen offers (the core's embeddedHubUrl). */
  hubUrl: string;
  /** The built renderer; default dist/renderer. */
  staticDir?: string;
}

export interface Workstation {
  /** Where the browser opens the app. */
  url: string;
  core: CoreEndpoint;
  host: BrowserHost;
  /** The browser host, then the core. */
  close(): Promise<void>;
}

export async function startWorkstation(options: WorkstationOptions): Promise<Workstation> {
  const core = await startCoreWorker({
    dataDir: options.dataDir,
    host: 'browser',
    secretBox: createFileKeySecretBox(options.dataDir),
    embeddedHubUrl: options.hubUrl,
  });
  const host = await startBrowserHost({
    core,
    staticDir: options.staticDir ?? path.join(REPO, 'dist/renderer'),
    port: 0,
  });
  return {
    url: host.url,
    core,
    host,
    async close() {
      await host.close();
      await core.close();
    },
  };
}
