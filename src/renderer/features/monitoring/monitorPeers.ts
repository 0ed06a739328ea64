/**
 * Peer connections to rtpengine for live monitoring (decision 0039). rtpengine takes no trickled
 * candidates: every description is sent once ICE gathering is complete (or after a short wait, as the
 * softphone's iceGatheringTimeout does).
 */
const GATHER_WAIT_MS = 1000;

function gathered(pc: RTCPeerConnection): Promise<void> {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      pc.removeEventListener('icegatheringstatechange', check);
      resolve();
    };
    const check = () => {
      if (pc.iceGatheringState === 'complete') done();
    };
    const timer = setTimeout(done, GATHER_WAIT_MS);
    pc.addEventListener('icegatheringstatechange', check);
  });
}

function localSdp(pc: RTCPeerConnection): string {
  const sdp = pc.localDescription?.sdp;
  if (!sdp) throw new Error('the browser made no session description');
  return sdp;
}

/** Plays a stream (Chrome decodes a remote track only while something plays it). */
export function play(stream: MediaStream): HTMLAudioElement {
  const audio = new Audio();
  audio.autoplay = true;
  audio.srcObject = stream;
  void audio.play().catch(() => undefined);
  return audio;
}

export interface Receiving {
  pc: RTCPeerConnection;
  answer: string;
  stream: Promise<MediaStream>;
}

/** Answers rtpengine's offer of one voice; `stream` resolves with it when its track arrives. */
export async function receive(offer: string): Promise<Receiving> {
  const pc = new RTCPeerConnection({ iceServers: [] });
  const stream = new Promise<MediaStream>((resolve) => {
    pc.addEventListener('track', (event) => resolve(event.streams[0] ?? new MediaStream([event.track])));
  });
  await pc.setRemoteDescription({ type: 'offer', sdp: offer });
  await pc.setLocalDescription(await pc.createAnswer());
  await gathered(pc);
  return { pc, answer: localSdp(pc), stream };
}

/** An offer that sends the microphone track only; `accept` applies rtpengine's answer. */
export async function send(track: MediaStreamTrack): Promise<{ pc: RTCPeerConnection; offer: string }> {
  const pc = new RTCPeerConnection({ iceServers: [] });
  pc.addTransceiver(track, { direction: 'sendonly' });
  await pc.setLocalDescription(await pc.createOffer());
  await gathered(pc);
  return { pc, offer: localSdp(pc) };
}
