/**
 * A feature of the hub that follows calls and serves its own routes (issue 16: recording, live
 * monitoring, call quality, ratings in every channel, the shift check). Each is started once by the
 * call queue's wiring with the media clients it needs, and the HTTP app mounts its routes; so adding one
 * touches its own folder and one line of hubFeatures.ts.
 */
import type { FastifyInstance } from 'fastify';
import type { Logger } from '../../shared/log.js';
import type { CallControl, CallQueue } from '../calls/callQueue.js';
import type { CallHook } from '../calls/callHooks.js';
import type { PbxOptions } from '../calls/startCallQueue.js';
import type { PromptPlayer } from '../calls/promptPlayer.js';
import type { ContactCenter } from '../contactCenter/contactCenter.js';
import type { RtpengineNg } from '../pbx/rtpengineNg.js';
import type { HubStore } from '../storage/hubStore.js';
import type { DeliverOutbound } from '../sync/pushMutations.js';

/** What a feature gets when the hub starts (before the HTTP app exists). */
export interface HubFeatureContext {
  store: HubStore;
  /** rtpengine's ng client; null when the hub runs without a PBX. */
  ng: RtpengineNg | null;
  /** Commands to Kamailio (reject, offer). */
  control: CallControl;
  /** Prompts to a waiting caller's queue leg. */
  player: PromptPlayer;
  /** The hub's data folder (features keep their files in a folder of their own under it). */
  dataDir: string;
  /** The PBX options the hub was started with (rtpengine's recording folder among them); null without a PBX. */
  pbx: PbxOptions | null;
  now: () => number;
  log: Logger;
}

/** What its routes get (inside the signed-in scope, or the public one). */
export interface HubFeatureRouteDeps {
  store: HubStore;
  center: ContactCenter;
  calls: CallQueue;
  deliver: DeliverOutbound;
  now: () => number;
  log: Logger;
  /** The contact center's zone (stats days). */
  timeZone: string;
}

export interface HubFeature {
  name: string;
  /** Follows the calls of the queue. */
  hook?: CallHook;
  /** Routes for signed-in people (the session is checked before they run). */
  routes?(scope: FastifyInstance, deps: HubFeatureRouteDeps): void;
  /** Routes without a session (a customer's rating link): they check their own token. */
  publicRoutes?(app: FastifyInstance, deps: HubFeatureRouteDeps): void;
  /** Called once the HTTP app exists and the hub is about to listen (subscriptions to the change feed). */
  started?(deps: HubFeatureRouteDeps): void;
  stop?(): Promise<void> | void;
}

export type StartHubFeature = (context: HubFeatureContext) => HubFeature;
