/**
 * Barge (decision 0039): the caller hears the lead because the agent's app mixes the lead's voice into
 * what it sends on the call (WebAudio: microphone + lead → one track, swapped in with replaceTrack, no
 * renegotiation); stop() puts the microphone's own track back.
 */
export interface BargeMix {
  stop(): Promise<void>;
}

export async function mixIntoCall(call: RTCPeerConnection, lead: MediaStream): Promise<BargeMix> {
  const sender = call.getSenders().find((s) => s.track?.kind === 'audio');
  const microphone = sender?.track;
  if (!sender || !microphone) throw new Error('the call sends no audio to mix the lead into');
  const context = new AudioContext();
  // a context made without a user gesture may start suspended: nothing would flow
  if (context.state === 'suspended') await context.resume().catch(() => undefined);
  const mixed = context.createMediaStreamDestination();
  context.createMediaStreamSource(new MediaStream([microphone])).connect(mixed);
  context.createMediaStreamSource(lead).connect(mixed);
  const [track] = mixed.stream.getAudioTracks();
  if (!track) throw new Error('WebAudio made no track to send');
  await sender.replaceTrack(track);
  let stopped = false;
  return {
    async stop() {
      if (stopped) return;
      stopped = true;
      if (call.connectionState !== 'closed') await sender.replaceTrack(microphone).catch(() => undefined);
      track.stop();
      await context.close();
    },
  };
}
