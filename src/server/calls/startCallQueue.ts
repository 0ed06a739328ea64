/**
 * Wires the call queue once (from the hub's composition root): the link to Kamailio's evapi, the
 * rtpengine ng client, the DTMF listener and the prompt player. Without a PBX configured the queue
 * still answers the app (lines, blocklist, callbacks) but no call arrives.
 */
import type { Logger } from '../../shared/log.js';
import type { PbxCommand } from '../../shared/calls/pbxProtocol.js';
import type { RoutingConfig } from '../../shared/routing/routingConfig.js';
import { Router } from '../contactCenter/router.js';
import type { ChannelStore } from '../gateways/channelStore.js';
import { recognizeCustomer } from '../gateways/recognizeCustomer.js';
import { listenDtmf } from '../pbx/dtmfListener.js';
import { connectPbx } from '../pbx/pbxLink.js';
import { RtpengineNg } from '../pbx/rtpengineNg.js';
import type { HubStore } from '../storage/hubStore.js';
import { CallQueue } from './callQueue.js';
import path from 'node:path';
import { LineAdmin, uploadedPromptFile } from './lineAdmin.js';
import { PromptPlayer, type MediaPlayer } from './promptPlayer.js';
import { promptFile, shippedPromptNames } from './shippedPrompts.js';
import type { HubFeature, StartHubFeature } from '../features/hubFeature.js';
import { HUB_FEATURES } from '../features/hubFeatures.js';

export interface PbxOptions {
  /** Kamailio's evapi socket. */
  evapi: { host: string; port: number };
  /** rtpengine's ng control port. */
  rtpengine: { host: string; port: number };
  /** Where the hub listens for rtpengine's DTMF log (0 picks a free port). */
  dtmfPort?: number;
  /** How long one agent's softphone rings before the next (default 15 s). */
  offerSeconds?: number;
  /** The folder rtpengine writes its recordings to (its --recording-dir); the hub reads the pcaps there. */
  recordingDir?: string;
}

export interface StartedCallQueue {
  queue: CallQueue;
  router: Router;
  admin: LineAdmin;
  dtmfPort: number | null;
  /** Recording, monitoring, quality, ratings, the shift check, scoring (src/server/features). */
  features: HubFeature[];
  stop(): Promise<void>;
}

const NO_MEDIA: MediaPlayer = {
  playMedia: () => Promise.reject(new Error('no media server configured')),
  stopMedia: () => Promise.resolve(),
};

export async function startCallQueue(deps: {
  store: HubStore;
  channels: ChannelStore;
  /** The hub's data folder: uploaded prompts live in its prompts/ folder. */
  dataDir: string;
  routingConfig: () => RoutingConfig;
  now: () => number;
  log: Logger;
  pbx: PbxOptions | null;
  /** The features to start (default: HUB_FEATURES). */
  features?: readonly StartHubFeature[];
}): Promise<StartedCallQueue> {
  const { store, log, pbx } = deps;
  const link = pbx ? connectPbx({ ...pbx.evapi, log: log.child('pbx') }) : null;
  const ng = pbx ? new RtpengineNg({ ...pbx.rtpengine, log: log.child('rtpengine') }) : null;
  const promptsDir = path.join(deps.dataDir, 'prompts');
  const player = new PromptPlayer(
    ng ?? NO_MEDIA,
    (language, name) => uploadedPromptFile(promptsDir, name) ?? promptFile(language, name),
    log.child('prompts'),
  );
  // The router needs the queue's live calls and the queue needs the router: one holder ties them.
  let queue: CallQueue | null = null;
  const router = new Router(store, { liveCallsByAgent: () => queue?.liveCallsByAgent() ?? new Map() });
  const control = { send: (command: PbxCommand) => link?.send(command) ?? false };
  const features = (deps.features ?? HUB_FEATURES).map((start) =>
    start({ store, ng, control, player, dataDir: deps.dataDir, pbx, now: deps.now, log }),
  );
  queue = new CallQueue({
    store,
    router,
    control,
    hooks: features.flatMap((feature) => (feature.hook ? [feature.hook] : [])),
    player,
    recognize: (tx, number, name) =>
      recognizeCustomer(tx, store, deps.channels, { kind: 'phone', value: number, name: name || null }),
    routingConfig: deps.routingConfig,
    now: deps.now,
    log,
    offerSeconds: pbx?.offerSeconds,
  });
  const started = queue;
  const unsubscribe = link?.onEvent((event) => started.handle(event)) ?? (() => {});
  const dtmf = pbx
    ? await listenDtmf({ host: '127.0.0.1', port: pbx.dtmfPort ?? 0, log: log.child('dtmf') }, (d) =>
        started.digit(d.callId, d.digit),
      )
    : null;
  return {
    queue: started,
    router,
    admin: new LineAdmin(store, () => shippedPromptNames(), promptsDir, deps.now),
    dtmfPort: dtmf?.port ?? null,
    features,
    stop: async () => {
      started.stop();
      unsubscribe();
      await Promise.allSettled(features.map(async (feature) => feature.stop?.()));
      await Promise.allSettled([link?.close(), dtmf?.close(), ng?.close()]);
    },
  };
}
