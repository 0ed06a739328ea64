/**
 * The hub's PBX settings from the environment (`npm run pbx` prints them): Kamailio's evapi socket,
 * rtpengine's ng port and the port rtpengine sends callers' digits to. All three or none; a wrong
 * value stops the hub with a message naming the variable. Optional: rtpengine's recording folder
 * (OKNO_HUB_PBX_RECORDINGS, its --recording-dir), where the hub reads the pcaps of recorded calls.
 */
import type { PbxOptions } from './startCallQueue.js';

export const PBX_ENV = {
  evapi: 'OKNO_HUB_PBX_EVAPI',
  rtpengine: 'OKNO_HUB_PBX_RTPENGINE',
  dtmfPort: 'OKNO_HUB_PBX_DTMF_PORT',
} as const;

export const PBX_RECORDINGS_ENV = 'OKNO_HUB_PBX_RECORDINGS';

function address(name: string, text: string): { host: string; port: number } {
  const match = /^([A-Za-z0-9.-]+|\[[0-9a-fA-F:]+\]):(\d{1,5})$/.exec(text.trim());
  const port = Number(match?.[2]);
  if (!match?.[1] || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${name} must be HOST:PORT such as 127.0.0.1:8090, got "${text}"`);
  }
  return { host: match[1].replace(/^\[|\]$/g, ''), port };
}

export function pbxFromEnv(env: NodeJS.ProcessEnv): PbxOptions | null {
  const evapi = env[PBX_ENV.evapi]?.trim();
  const rtpengine = env[PBX_ENV.rtpengine]?.trim();
  const dtmf = env[PBX_ENV.dtmfPort]?.trim();
  if (!evapi && !rtpengine && !dtmf) return null;
  if (!evapi || !rtpengine || !dtmf) {
    throw new Error(`set all of ${Object.values(PBX_ENV).join(', ')} (npm run pbx prints them), or none`);
  }
  const dtmfPort = Number(dtmf);
  if (!Number.isInteger(dtmfPort) || dtmfPort < 1 || dtmfPort > 65535) {
    throw new Error(`${PBX_ENV.dtmfPort} must be a port number from 1 to 65535, got "${dtmf}"`);
  }
  const recordingDir = env[PBX_RECORDINGS_ENV]?.trim();
  return {
    evapi: address(PBX_ENV.evapi, evapi),
    rtpengine: address(PBX_ENV.rtpengine, rtpengine),
    dtmfPort,
    ...(recordingDir ? { recordingDir } : {}),
  };
}
