/**
 * What the e2e specs of calls in the queue share, so each spec tells only its story: Kamailio +
 * rtpengine and a hub with agent cores started as one (tests/e2e/support/callQueueStack.ts), the hub's
 * API as the admin, the phone threads the hub has, Chromium's fake-media flags, a recorder of the app's
 * peer connections, and an agent's softphone connected through the SIP account form.
 */
import path from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import { SYNC_API } from '../../../src/shared/sync.js';
import { startPbxStack, type PbxStack } from '../../support/pbxStack.js';
import type { CallQueueStackInfo, CallQueueStackPbx } from './callQueueStack.js';
import { hubLogin } from './hubApi.js';
import { startStackScript } from './startStack.js';

/** Chromium's fake microphone, granted without a prompt, playing without a gesture, ICE on loopback. */
export const MEDIA_ARGS = [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
  '--allow-loopback-in-peer-connection',
];

/** An init script that keeps every RTCPeerConnection the app makes, so a spec can read its getStats (no hooks in the app). */
export const RECORD_PEER_CONNECTIONS = `(() => {
  const Native = window.RTCPeerConnection;
  window.__okno_pcs = [];
  window.RTCPeerConnection = class extends Native {
    constructor(...args) { super(...args); window.__okno_pcs.push(this); }
  };
})()`;

/** Inbound audio bytes over the live peer connections of a page (needs RECORD_PEER_CONNECTIONS). */
export async function bytesReceived(page: Page): Promise<number> {
  return page.evaluate(`(async () => {
    let bytes = 0;
    for (const pc of window.__okno_pcs || []) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((r) => { if (r.type === 'inbound-rtp' && r.kind === 'audio') bytes += r.bytesReceived || 0; });
    }
    return bytes;
  })()`) as Promise<number>;
}

/**
 * The phase a call card says (Ringing, In call, Call ended): the card's first status; the quality warning
 * and the monitoring notice after it are statuses too.
 */
export const callPhase = (card: Locator): Locator => card.getByRole('status').first();

/** The hub's API with one token: GET, or POST when `json` is given; the reply must be 2xx. */
export type HubRequest = <T = unknown>(route: string, init?: { method?: string; json?: unknown }) => Promise<T>;

export function hubAs(hubUrl: string, token: string): HubRequest {
  return async <T>(route: string, init: { method?: string; json?: unknown } = {}): Promise<T> => {
    const reply = await fetch(`${hubUrl}${route}`, {
      method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
      headers: {
        authorization: `Bearer ${token}`,
        ...(init.json === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
    });
    const text = await reply.text();
    expect(reply.ok, `${route}: ${reply.status} ${text}`).toBe(true);
    return (text ? JSON.parse(text) : null) as T;
  };
}

export interface QueuedCallsStack {
  pbx: PbxStack;
  stack: CallQueueStackInfo & { stop(): Promise<void> };
  /** The admin's hub token, and the hub's API with it. */
  admin: string;
  hub: HubRequest;
}

export interface QueuedCallsOptions {
  /** SIP users with their passwords. */
  users: Record<string, string>;
  /** Agent cores with their browser hosts, one per page that signs in. */
  workstations: number;
  offerSeconds: number;
  /** Point the hub at rtpengine's recording folder (specs that record calls). */
  recording?: boolean;
}

/**
 * Starts the PBX (trunk calls from 127.0.0.2) and the hub stack on it; a PBX whose hub failed to start
 * is stopped again. OKNO_E2E_PBX_LOG=1 shows Kamailio's and rtpengine's logs at debug level.
 */
export async function startQueuedCalls(options: QueuedCallsOptions): Promise<QueuedCallsStack> {
  const pbx = await startPbxStack({
    users: options.users,
    trunkIps: ['127.0.0.2'],
    stdio: process.env.OKNO_E2E_PBX_LOG ? 'inherit' : 'ignore',
    debug: process.env.OKNO_E2E_PBX_LOG ? 3 : undefined,
  });
  const ports: CallQueueStackPbx = {
    evapiPort: pbx.evapiPort,
    ngPort: pbx.ngPort,
    dtmfPort: pbx.dtmfPort,
    offerSeconds: options.offerSeconds,
    workstations: options.workstations,
    recordingDir: options.recording ? path.join(pbx.dir, 'recordings') : undefined,
  };
  try {
    // The stack compiles with tsx and its agent cores start: on a loaded 2-core machine that takes a while.
    const stack = await startStackScript<CallQueueStackInfo>(
      'tests/e2e/support/callQueueStack.ts',
      { OKNO_E2E_PBX: JSON.stringify(ports) },
      180_000,
    );
    const admin = await hubLogin(stack.hubUrl, stack.admin);
    return { pbx, stack, admin, hub: hubAs(stack.hubUrl, admin) };
  } catch (error) {
    await pbx.stop();
    throw error;
  }
}

/** Calls follow one another in these specs: no after-call work (tests/e2e/agent-status.spec.ts covers it). */
export async function withoutAfterCallWork(hub: HubRequest): Promise<void> {
  const config = await hub<{ agentStatus: object }>('/api/v1/routing-config');
  await hub('/api/v1/routing-config', {
    method: 'PUT',
    json: { ...config, agentStatus: { ...config.agentStatus, afterCallWorkSeconds: 0 } },
  });
}

export interface PhoneThread {
  id: string;
  number: number;
  status: string;
  assigneeId: string | null;
  channel: string;
}

/** The phone threads the hub has, in order of their numbers (latest version of each), as a spec reads them. */
export async function phoneThreads<T extends PhoneThread = PhoneThread>(hub: HubRequest): Promise<T[]> {
  const { changes } = await hub<{ changes: { entity: string; data: T }[] }>(`${SYNC_API.pull}?after=0&limit=5000`);
  const byId = new Map<string, T>();
  for (const change of changes) {
    if (change.entity === 'thread' && change.data.channel === 'phone') byId.set(change.data.id, change.data);
  }
  return [...byId.values()].sort((a, b) => a.number - b.number);
}

/**
 * Connects a signed-in agent's softphone through the SIP account form and waits for "Phone ready". The
 * SIP address carries the PBX's UDP port: a caller follows a transfer's Refer-To, which the softphone
 * builds from it. A new PBX origin reloads the page once (its CSP); then the softphone registers with a digest.
 */
export async function connectPhone(
  page: Page,
  pbx: PbxStack,
  account: { sip: string; secret: string; name: string },
): Promise<void> {
  await page.getByRole('button', { name: 'Phone account' }).click();
  const form = page.getByRole('form', { name: 'SIP account' });
  await form.getByLabel('PBX address (WebSocket)').fill(pbx.kamailio.wsUrl);
  await form.getByLabel('SIP address').fill(`sip:${account.sip}@${pbx.domain}:${pbx.udpPort}`);
  await form.getByLabel('Display name').fill(account.name);
  await form.getByLabel('SIP password').fill(account.secret);
  await form.getByRole('button', { name: 'Save and connect' }).click();
  await expect(page.getByRole('status', { name: 'Phone line' })).toHaveText('Phone ready', { timeout: 30_000 });
}
