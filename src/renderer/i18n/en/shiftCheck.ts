/** English strings of microphone and network check (issue 16); ru/shiftCheck.ts is typed against it through en.ts. */
export const shiftCheckEn = {
  title: 'Microphone and network check',
  run: 'Check microphone and network',
  result: 'Result of the check',
  runAgain: 'Check again',
  running: 'Checking: speak after the tone, then listen to your voice played back…',
  refused: {
    notRegistered: 'The check needs the phone line: it is not ready.',
    onCall: 'Finish the call first: the check uses the phone line.',
    ready: 'You are Ready, so calls are offered to you: set Not ready to run the check.',
  },
  mic: {
    heard: 'Microphone: heard ({{level}} dBFS).',
    quiet: 'Microphone: too quiet ({{level}} dBFS). Move it closer or turn up its volume.',
    silent: 'Microphone: silent — no sound reached the PBX. Check that it is plugged in and not muted.',
  },
  network: {
    good: 'Network: good.',
    poor: 'Network: poor — the customer may hear you break up.',
    unknown: 'Network: no figures were measured.',
  },
  figures: 'Round trip {{rtt}} ms, jitter {{jitter}} ms, packet loss {{loss}} %',
  sentLevel: 'Microphone level sent by this computer: {{level}} % of full scale (the loudest moment).',
  noFigure: '—',
  playback: 'You should have heard your own voice played back. If you did not, check your speaker or headset.',
  problem: {
    call_failed: 'The check call could not be placed.',
    no_result: 'The hub did not send the result of the check.',
    no_media_server: 'The PBX cannot record here, so the microphone was not checked.',
    recording_failed: 'The recording failed, so the microphone was not checked.',
    hung_up: 'The check ended before it was done.',
  },
};
