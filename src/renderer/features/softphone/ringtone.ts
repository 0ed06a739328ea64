/**
 * A ringtone made with WebAudio (425 Hz, 1 s on / 3 s off, the Russian ringback cadence), so no
 * file needs to load and the output device is the page's.
 */
export interface Ringtone {
  start(): void;
  stop(): void;
}

export function createRingtone(): Ringtone {
  let context: AudioContext | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;

  const beep = () => {
    if (!context) return;
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.frequency.value = 425;
    gain.gain.value = 0.2;
    oscillator.connect(gain).connect(context.destination);
    oscillator.start();
    oscillator.stop(context.currentTime + 1);
  };

  return {
    start() {
      if (timer !== null) return;
      try {
        context ??= new AudioContext();
      } catch {
        return; // no audio output: the call card still shows
      }
      beep();
      timer = setInterval(beep, 4000);
    },
    stop() {
      if (timer !== null) clearInterval(timer);
      timer = null;
    },
  };
}
