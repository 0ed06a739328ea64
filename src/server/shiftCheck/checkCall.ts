/**
 * One check call, start to end (decision 0043): "speak after the tone", the tone, ~4 s of the agent's
 * leg recorded by rtpengine, the level measured, "this is what we heard", the recording played back,
 * then the call is ended (480 Check complete). The call never leaves early media: nothing here needs an
 * agent, a thread or the queue. A step that fails ends the check with the failure in its result.
 */
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../../shared/log.js';
import { micVerdict, type CheckLanguage } from '../../shared/shiftCheck/shiftCheck.js';
import type { CallControl } from '../calls/callQueue.js';
import type { PromptPlayer } from '../calls/promptPlayer.js';
import type { RtpengineNg } from '../pbx/rtpengineNg.js';
import { encodeWav, SAMPLE_RATE } from '../recording/pcapAudio.js';
import { measureLevel } from './audioLevel.js';
import { readRecordedVoice, removeRecording } from './checkRecording.js';
import type { CheckResults } from './checkResults.js';

export interface CheckCallDeps {
  ng: RtpengineNg;
  control: CallControl;
  player: PromptPlayer;
  results: CheckResults;
  /** rtpengine's --recording-dir (the hub reads the pcap there). */
  recordingDir: string;
  /** The hub's own folder for the check (the tone, the WAV played back). */
  workDir: string;
  beepFile: string;
  recordMs: number;
  log: Logger;
}

export interface CheckCallInfo {
  callId: string;
  fromTag: string;
  tindex: number;
  tlabel: number;
  language: CheckLanguage;
  token: string | null;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** How long to look for the pcap after `stop recording` (rtpengine writes it as packets come). */
const PCAP_WAIT_MS = 2000;

export class CheckCall {
  private gone = false;

  constructor(
    private readonly call: CheckCallInfo,
    private readonly deps: CheckCallDeps,
  ) {}

  private get media() {
    return { callId: this.call.callId, mediaCallId: `q-${this.call.callId}`, fromTag: this.call.fromTag };
  }

  /** The agent hung up (CANCEL): the steps still running see it and stop. */
  hungUp(): void {
    if (this.gone) return;
    this.gone = true;
    this.deps.player.stop(this.media, false);
    this.result({ state: 'failed', failure: 'hung_up' }, (current) => current.state === 'waiting');
  }

  async run(): Promise<void> {
    const { deps, call } = this;
    const mediaCallId = this.media.mediaCallId;
    const wav = path.join(deps.workDir, `${mediaCallId}.wav`);
    try {
      this.result({ state: 'waiting' });
      await deps.player.play({ ...this.media, language: call.language }, ['check_speak']);
      if (this.gone) return;
      await this.playFile(deps.beepFile);
      if (this.gone) return;
      const target = { 'call-id': mediaCallId, 'from-tag': call.fromTag };
      await deps.ng.command('start recording', target);
      await sleep(deps.recordMs);
      if (this.gone) return;
      await deps.ng.command('stop recording', target);
      const voice = await this.recorded(mediaCallId);
      const level = measureLevel(voice?.samples ?? new Int16Array(0));
      this.result({
        state: 'done',
        mic: micVerdict(voice && voice.packets > 0 ? level.activeDbfs : null),
        ...level,
        packets: voice?.packets ?? 0,
        recordedMs: Math.round(((voice?.samples.length ?? 0) * 1000) / SAMPLE_RATE),
      });
      deps.log.info('shift check measured', { callId: call.callId, packets: voice?.packets ?? 0, ...level });
      if (this.gone || !voice || voice.samples.length === 0) return;
      await writeFile(wav, encodeWav(voice.samples));
      await deps.player.play({ ...this.media, language: call.language }, ['check_playback']);
      if (this.gone) return;
      await this.playFile(wav);
      if (!this.gone) this.result({ playedBack: true });
    } catch (error) {
      deps.log.warn('shift check failed', { callId: call.callId, error: String(error) });
      this.result({ state: 'failed', failure: 'recording_failed' }, (current) => current.state === 'waiting');
    } finally {
      if (!this.gone) {
        deps.control.send({
          cmd: 'reject',
          callId: call.callId,
          tindex: call.tindex,
          tlabel: call.tlabel,
          code: 480,
          reason: 'Check complete',
        });
      }
      this.gone = true;
      await rm(wav, { force: true }).catch(() => undefined);
      await removeRecording(deps.recordingDir, mediaCallId).catch(() => undefined);
    }
  }

  /** Plays a file to the agent and waits for it to end (rtpengine says how long it is). */
  private async playFile(file: string): Promise<void> {
    const played = await this.deps.ng.playMedia({ callId: this.media.mediaCallId, fromTag: this.call.fromTag, file });
    await sleep(played.durationMs ?? 1000);
  }

  private async recorded(mediaCallId: string) {
    const until = Date.now() + PCAP_WAIT_MS;
    for (;;) {
      const voice = await readRecordedVoice(this.deps.recordingDir, mediaCallId);
      if ((voice && voice.packets > 0) || Date.now() > until) return voice;
      await sleep(200);
    }
  }

  private result(
    change: Parameters<CheckResults['set']>[1],
    when: (current: NonNullable<ReturnType<CheckResults['get']>>) => boolean = () => true,
  ): void {
    const { token } = this.call;
    if (token === null) return;
    const current = this.deps.results.get(token);
    if (current && !when(current)) return;
    this.deps.results.set(token, change);
  }
}
