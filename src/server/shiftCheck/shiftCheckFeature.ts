/**
 * The microphone and network check before a shift (issue 16, decision 0043): a few seconds recorded
 * through the PBX and played back. The softphone dials `okno-check-<language>-<token>`; Kamailio holds
 * it on early media like any unknown number and says `arrived`; this hook claims it (the queue never
 * sees it) and runs a CheckCall. The app reads the measured level by its token.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { OknoError } from '../../shared/errors.js';
import { shiftCheckApi } from '../../shared/hubApi/shiftCheckApi.js';
import type { PbxEvent } from '../../shared/calls/pbxProtocol.js';
import { parseCheckAddress } from '../../shared/shiftCheck/shiftCheck.js';
import type { HubFeature, HubFeatureContext } from '../features/hubFeature.js';
import { endpointRoute } from '../http/endpointRoute.js';
import { encodeWav } from '../recording/pcapAudio.js';
import { beepSamples } from './audioLevel.js';
import { CheckCall } from './checkCall.js';
import { CheckResults } from './checkResults.js';

/** How long the agent is recorded: long enough for a sentence, short enough to run before every shift. */
export const CHECK_RECORD_MS = 4000;

export function startShiftCheckFeature(context: HubFeatureContext, options: { recordMs?: number } = {}): HubFeature {
  const log = context.log.child('shift-check');
  const results = new CheckResults(context.now);
  const calls = new Map<string, CheckCall>();
  const workDir = path.join(context.dataDir, 'shift-check');
  let beepFile: string | null = null;
  const beep = (): string => {
    if (beepFile) return beepFile;
    mkdirSync(workDir, { recursive: true });
    const file = path.join(workDir, 'beep.wav');
    writeFileSync(file, encodeWav(beepSamples()));
    beepFile = file;
    return file;
  };

  const arrived = (event: Extract<PbxEvent, { event: 'arrived' }>): boolean => {
    const address = parseCheckAddress(event.to);
    if (!address) return false;
    const { ng, pbx } = context;
    if (!ng || !pbx?.recordingDir) {
      log.warn('a shift check arrived but the hub has no media server or recording folder', { callId: event.callId });
      if (address.token) results.set(address.token, { state: 'failed', failure: 'no_media_server' });
      context.control.send({ ...tx(event), cmd: 'reject', code: 503, reason: 'Check unavailable' });
      return true;
    }
    const call = new CheckCall(
      { ...tx(event), fromTag: event.fromTag, language: address.language, token: address.token },
      {
        ng,
        control: context.control,
        player: context.player,
        results,
        recordingDir: pbx.recordingDir,
        workDir,
        beepFile: beep(),
        recordMs: options.recordMs ?? CHECK_RECORD_MS,
        log,
      },
    );
    calls.set(event.callId, call);
    log.info('shift check started', { callId: event.callId, from: event.from });
    void call.run().finally(() => calls.delete(event.callId));
    return true;
  };

  return {
    name: 'shiftCheck',
    hook: {
      onEvent(event) {
        if (event.event === 'arrived') return arrived(event);
        if (event.event === 'synced' || !calls.has(event.callId)) return false;
        if (event.event === 'abandoned') calls.get(event.callId)?.hungUp();
        return true;
      },
      onDigit: (callId) => calls.has(callId),
    },
    routes(scope) {
      endpointRoute(scope, shiftCheckApi.result, (_agent, _input, { token }) => {
        const result = results.get(token);
        if (!result) throw new OknoError('not_found', 'no check call with this token has reached the hub');
        return result;
      });
    },
  };
}

function tx(event: { tindex: number; tlabel: number; callId: string }) {
  return { callId: event.callId, tindex: event.tindex, tlabel: event.tlabel };
}
