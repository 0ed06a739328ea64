/**
 * A ringtone made with WebAudio (425 Hz, 1 s on / 3 s off, the Russian ringback cadence), so no
 * file needs to load. It plays through an <audio> element so it can go to the speaker chosen in
 * the phone's audio settings (HTMLMediaElement.setSinkId, where the browser has it).
 */
import { routeToSpeaker } from './audioDevices.js';

export interface Ringtone {
  start(): void;
  stop(): void;
  /** The speaker for the next ring ('' = the system default). */
  setOutput(deviceId: string): void;
}

export function createRingtone(): Ringtone {
  let context: AudioContext | null = null;
  let destination: MediaStreamAudioDestinationNode | null = null;
  let element: HTMLAudioElement | null = null;
  let outputId = '';
  let timer: ReturnType<typeof setInterval> | null = null;

  const beep = () => {
    if (!context || !destination) return;
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.frequency.value = 425;
    gain.gain.value = 0.2;
    oscillator.connect(gain).connect(destination);
    oscillator.start();
    oscillator.stop(context.currentTime + 1);
  };

  return {
    start() {
      if (timer !== null) return;
      try {
        context ??= new AudioContext();
        destination ??= context.createMediaStreamDestination();
        element ??= new Audio();
        element.srcObject = destination.stream;
      } catch {
        return; // no audio output: the call card still shows
      }
      const playing = element;
      void routeToSpeaker(playing, outputId).finally(() => {
        void playing.play().catch(() => undefined);
      });
      beep();
      timer = setInterval(beep, 4000);
    },
    stop() {
      if (timer !== null) clearInterval(timer);
      timer = null;
      element?.pause();
    },
    setOutput(deviceId) {
      outputId = deviceId;
      if (element) void routeToSpeaker(element, deviceId);
    },
  };
}
