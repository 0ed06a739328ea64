import { describe, expect, it } from 'vitest';
import { pbxFromEnv } from '../../src/server/calls/pbxSettings.js';

describe('the hub reads its PBX settings from the environment', () => {
  it('is off without any of them', () => {
    expect(pbxFromEnv({})).toBeNull();
  });

  it('reads all three', () => {
    expect(
      pbxFromEnv({
        OKNO_HUB_PBX_EVAPI: '127.0.0.1:8090',
        OKNO_HUB_PBX_RTPENGINE: 'localhost:22222',
        OKNO_HUB_PBX_DTMF_PORT: '22223',
      }),
    ).toEqual({
      evapi: { host: '127.0.0.1', port: 8090 },
      rtpengine: { host: 'localhost', port: 22222 },
      dtmfPort: 22223,
    });
  });

  it("reads rtpengine's recording folder when given", () => {
    const base = { OKNO_HUB_PBX_EVAPI: 'a:1', OKNO_HUB_PBX_RTPENGINE: 'a:2', OKNO_HUB_PBX_DTMF_PORT: '3' };
    expect(pbxFromEnv({ ...base, OKNO_HUB_PBX_RECORDINGS: ' /var/spool/rtpengine ' })?.recordingDir).toBe(
      '/var/spool/rtpengine',
    );
    expect(pbxFromEnv(base)).not.toHaveProperty('recordingDir');
  });

  it('names what is missing or wrong', () => {
    expect(() => pbxFromEnv({ OKNO_HUB_PBX_EVAPI: '127.0.0.1:8090' })).toThrow(/set all of OKNO_HUB_PBX_EVAPI/);
    expect(() =>
      pbxFromEnv({ OKNO_HUB_PBX_EVAPI: 'nowhere', OKNO_HUB_PBX_RTPENGINE: 'a:1', OKNO_HUB_PBX_DTMF_PORT: '1' }),
    ).toThrow('OKNO_HUB_PBX_EVAPI must be HOST:PORT such as 127.0.0.1:8090, got "nowhere"');
    expect(() =>
      pbxFromEnv({ OKNO_HUB_PBX_EVAPI: 'a:1', OKNO_HUB_PBX_RTPENGINE: 'a:1', OKNO_HUB_PBX_DTMF_PORT: '99999' }),
    ).toThrow(/OKNO_HUB_PBX_DTMF_PORT must be a port number/);
  });
});
