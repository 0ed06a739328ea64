/**
 * The ringtone: resources/sounds/ringtone.wav (one 425 Hz ring cycle, made by
 * scripts/make-ringtone.ts), looped on an <audio> element so it plays on the speaker chosen in
 * the phone's audio settings (HTMLMediaElement.setSinkId, where the browser has it). Vite copies
 * the file into the bundle, so it loads from the app itself under the strict CSP.
 */
import ringtoneUrl from '../../../../resources/sounds/ringtone.wav?url';
import { routeToSpeaker } from './audioDevices.js';

export interface Ringtone {
  start(): void;
  stop(): void;
  /** The speaker for the next ring ('' = the system default). */
  setOutput(deviceId: string): void;
}

export function createRingtone(source: string = ringtoneUrl): Ringtone {
  let element: HTMLAudioElement | null = null;
  let outputId = '';
  let ringing = false;

  return {
    start() {
      if (ringing) return;
      try {
        element ??= new Audio(source);
      } catch {
        return; // no audio output: the call card still shows
      }
      ringing = true;
      const playing = element;
      playing.loop = true;
      playing.currentTime = 0;
      void routeToSpeaker(playing, outputId).finally(() => {
        // Autoplay may be refused before the first user gesture; the call card still shows.
        if (ringing) void playing.play().catch(() => undefined);
      });
    },
    stop() {
      ringing = false;
      element?.pause();
    },
    setOutput(deviceId) {
      outputId = deviceId;
      if (element) void routeToSpeaker(element, deviceId);
    },
  };
}
