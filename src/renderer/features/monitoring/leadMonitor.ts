/**
 * The lead's side of one monitoring session (decision 0039): a receiving connection per party (the
 * caller's voice and the agent's, both played here), and for whisper and barge the microphone sent to
 * rtpengine as a publisher the agent's app taps. Nothing the lead says reaches anyone while listening:
 * the microphone is not even opened until the first whisper or barge, and is muted on a return to listen.
 */
import type { MonitorMode, MonitorSession } from '../../../shared/monitoring/monitoring.js';
import type { MonitoringInvoke } from './monitoringRequests.js';
import { play, receive, send } from './monitorPeers.js';

export class LeadMonitor {
  private readonly peers: RTCPeerConnection[] = [];
  private readonly players: HTMLAudioElement[] = [];
  private microphone: MediaStreamTrack | null = null;
  private closed = false;

  private constructor(
    private readonly invoke: MonitoringInvoke,
    readonly session: MonitorSession,
    public mode: MonitorMode,
  ) {}

  static async start(invoke: MonitoringInvoke, callId: string, mode: MonitorMode): Promise<LeadMonitor> {
    const session = await invoke('monitoring.start', { callId, mode });
    const monitor = new LeadMonitor(invoke, session, mode);
    try {
      for (const leg of session.legs) {
        const receiving = await receive(leg.sdp);
        monitor.peers.push(receiving.pc);
        void receiving.stream.then((stream) => {
          if (!monitor.closed) monitor.players.push(play(stream));
        });
        await invoke('monitoring.answer', { sessionId: session.sessionId, party: leg.party, sdp: receiving.answer });
      }
      if (mode !== 'listen') await monitor.speak();
    } catch (error) {
      await monitor.stop();
      throw error;
    }
    return monitor;
  }

  async setMode(mode: MonitorMode): Promise<void> {
    if (mode !== 'listen') await this.speak();
    await this.invoke('monitoring.mode', { sessionId: this.session.sessionId, mode });
    this.mode = mode;
    if (this.microphone) this.microphone.enabled = mode !== 'listen';
  }

  /** Ends the session at the hub (already gone with the call is fine) and here. */
  async stop(): Promise<void> {
    this.close();
    await this.invoke('monitoring.stop', { sessionId: this.session.sessionId }).catch(() => undefined);
  }

  /** Here only: the call ended and the hub dropped the session itself. */
  close(): void {
    this.closed = true;
    for (const player of this.players) player.srcObject = null;
    for (const pc of this.peers) pc.close();
    this.microphone?.stop();
  }

  private async speak(): Promise<void> {
    if (this.microphone) {
      this.microphone.enabled = true;
      return;
    }
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: false });
    const [track] = stream.getAudioTracks();
    if (!track) throw new Error('no microphone');
    this.microphone = track;
    const sending = await send(track);
    this.peers.push(sending.pc);
    const { sdp } = await this.invoke('monitoring.voice', { sessionId: this.session.sessionId, sdp: sending.offer });
    await sending.pc.setRemoteDescription({ type: 'answer', sdp });
  }
}
