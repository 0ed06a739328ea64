/**
 * Runs one microphone and network check (decision 0043): dials the check address on early media as a
 * call of its own (not in the call list or the log), reads getStats every half second while the hub
 * speaks, records and plays back, and when the hub ends the call asks it for the level it measured.
 */
import {
  checkAddress,
  type CheckLanguage,
  type NetworkFigures,
  type ShiftCheckResult,
} from '../../../shared/shiftCheck/shiftCheck.js';
import type { SoftphoneService } from '../softphone/softphoneService.js';
import { NetworkSampler } from './networkSampler.js';

export interface ShiftCheckOutcome {
  /** The hub's figures; null when it never had any (see problem). */
  result: ShiftCheckResult | null;
  network: NetworkFigures;
  problem: 'call_failed' | 'no_result' | null;
}

export interface RunShiftCheckDeps {
  service: SoftphoneService;
  /** host[:port] of the agent's PBX. */
  domain: string;
  language: CheckLanguage;
  /** shiftCheck.result through the core; rejects until the hub knows the token. */
  fetchResult(token: string): Promise<ShiftCheckResult>;
  /** Each time the figures change (the screen shows them live). */
  onProgress?(network: NetworkFigures): void;
  sampleMs?: number;
  /** The longest a check may take before the app hangs up (the hub's is ~12 s). */
  maxMs?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function newToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export async function runShiftCheck(deps: RunShiftCheckDeps): Promise<ShiftCheckOutcome> {
  const token = newToken();
  const sampler = new NetworkSampler();
  const uri = `sip:${checkAddress(deps.language, token)}@${deps.domain}`;
  const id = await deps.service.call(uri, { earlyMedia: true, detached: true }).catch(() => null);
  if (id === null) return { result: null, network: sampler.figures(), problem: 'call_failed' };
  const until = Date.now() + (deps.maxMs ?? 40_000);
  for (;;) {
    const pc = deps.service.peerConnection(id);
    if (!pc) break; // the hub ended the call (or it failed)
    if (Date.now() > until) {
      await deps.service.hangUp(id).catch(() => undefined);
      break;
    }
    try {
      sampler.add((await pc.getStats()).values() as Iterable<Record<string, unknown>>);
      deps.onProgress?.(sampler.figures());
    } catch {
      // the connection closed between the two calls: the next round sees it gone
    }
    await sleep(deps.sampleMs ?? 500);
  }
  // The hub measured before it played back, so the result is there once the call ended; allow a moment.
  for (let attempt = 0; attempt < 10; attempt += 1) {
    try {
      const result = await deps.fetchResult(token);
      if (result.state !== 'waiting') return { result, network: sampler.figures(), problem: null };
    } catch {
      // not known yet (or the hub is away): ask again
    }
    await sleep(500);
  }
  return { result: null, network: sampler.figures(), problem: sampler.count === 0 ? 'call_failed' : 'no_result' };
}
