/**
 * The browser's audio devices for the softphone: listing them, routing playback to the chosen
 * speaker, and the microphone level meter. The choices themselves live in audioPrefs.ts.
 */
import { rmsLevel } from './audioPrefs.js';

export interface AudioDevice {
  id: string;
  label: string;
}

/** Microphones and speakers the browser offers (labels need the microphone permission). */
export async function listAudioDevices(): Promise<{ inputs: AudioDevice[]; outputs: AudioDevice[] }> {
  const devices = await navigator.mediaDevices.enumerateDevices();
  const pick = (kind: MediaDeviceKind) =>
    devices
      .filter((d) => d.kind === kind && d.deviceId !== '' && d.deviceId !== 'default')
      .map((d, index) => ({ id: d.deviceId, label: d.label || `${kind} ${index + 1}` }));
  return { inputs: pick('audioinput'), outputs: pick('audiooutput') };
}

/** getUserMedia constraints for the chosen microphone. */
export function microphoneConstraints(inputId: string): MediaStreamConstraints {
  return { audio: inputId ? { deviceId: { exact: inputId } } : true, video: false };
}

type SinkElement = HTMLMediaElement & { setSinkId?: (id: string) => Promise<void> };

/** Plays this element on the chosen speaker where the browser can (setSinkId); else the default. */
export async function routeToSpeaker(element: HTMLMediaElement, outputId: string): Promise<boolean> {
  const sink = element as SinkElement;
  if (typeof sink.setSinkId !== 'function') return false;
  try {
    await sink.setSinkId(outputId);
    return true;
  } catch {
    return false; // the device went away: the default speaker still plays
  }
}

/** The microphone's level (0…1, RMS) every `everyMs`, from a WebAudio AnalyserNode; returns the stop. */
export async function startLevelMeter(
  inputId: string,
  onLevel: (level: number) => void,
  everyMs = 100,
): Promise<() => void> {
  const stream = await navigator.mediaDevices.getUserMedia(microphoneConstraints(inputId));
  const context = new AudioContext();
  const analyser = context.createAnalyser();
  analyser.fftSize = 1024;
  context.createMediaStreamSource(stream).connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  const timer = setInterval(() => {
    analyser.getFloatTimeDomainData(samples);
    onLevel(rmsLevel(samples));
  }, everyMs);
  return () => {
    clearInterval(timer);
    stream.getTracks().forEach((t) => t.stop());
    void context.close().catch(() => undefined);
  };
}
