/**
 * The agent's side (decision 0039): while a lead whispers or barges, the app taps the lead's voice
 * (a receiving connection to rtpengine) and plays it to the agent only; in barge it also mixes it into
 * what the call sends (bargeMix), so the caller hears the lead too. Each poll's answer is applied with
 * update(); everything is undone when the lead stops, returns to listening or the call ends.
 */
import type { AgentMonitor } from '../../../shared/monitoring/monitoring.js';
import { mixIntoCall, type BargeMix } from './bargeMix.js';
import type { MonitoringInvoke } from './monitoringRequests.js';
import { play, receive } from './monitorPeers.js';

interface Hearing {
  sessionId: string;
  pc: RTCPeerConnection;
  player: HTMLAudioElement | null;
  stream: MediaStream | null;
}

export class AgentHearing {
  private hearing: Hearing | null = null;
  private mix: BargeMix | null = null;
  private busy: Promise<void> = Promise.resolve();

  constructor(
    private readonly invoke: MonitoringInvoke,
    /** The call's own connection (the softphone's), for barge. */
    private readonly callPeer: () => RTCPeerConnection | null,
  ) {}

  /** Applies the hub's view; calls are queued so two polls never set up the same thing twice. */
  update(monitor: AgentMonitor | null): Promise<void> {
    this.busy = this.busy.then(() => this.apply(monitor)).catch(() => undefined);
    return this.busy;
  }

  stop(): Promise<void> {
    return this.update(null);
  }

  private async apply(monitor: AgentMonitor | null): Promise<void> {
    const wanted = monitor?.voice ? monitor.sessionId : null;
    if (this.hearing && this.hearing.sessionId !== wanted) await this.endHearing();
    if (!monitor || !wanted) return;
    if (!this.hearing) await this.startHearing(wanted);
    const stream = this.hearing?.stream ?? null;
    if (monitor.mode === 'barge' && !this.mix && stream) {
      const call = this.callPeer();
      if (call) this.mix = await mixIntoCall(call, stream);
    } else if (monitor.mode !== 'barge' && this.mix) {
      await this.mix.stop();
      this.mix = null;
    }
  }

  private async startHearing(sessionId: string): Promise<void> {
    const { sdp } = await this.invoke('monitoring.hear', { sessionId });
    const receiving = await receive(sdp);
    const hearing: Hearing = { sessionId, pc: receiving.pc, player: null, stream: null };
    this.hearing = hearing;
    try {
      await this.invoke('monitoring.hearAnswer', { sessionId, sdp: receiving.answer });
    } catch (error) {
      await this.endHearing();
      throw error;
    }
    const stream = await receiving.stream;
    if (this.hearing !== hearing) return;
    hearing.stream = stream;
    hearing.player = play(stream);
  }

  private async endHearing(): Promise<void> {
    await this.mix?.stop();
    this.mix = null;
    if (this.hearing?.player) this.hearing.player.srcObject = null;
    this.hearing?.pc.close();
    this.hearing = null;
  }
}
