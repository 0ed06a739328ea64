/**
 * Whether recording may go on (decision 0037): the folder's size against the admins' cap, the disk's
 * free space, failed writes and a media server that does not answer. Past the cap or short of space no
 * recording starts and the live ones stop — the calls themselves are never touched — the hub logs an
 * error once per change and the admins' alert reads `health()`.
 */
import type { Logger } from '../../shared/log.js';
import type { RecordingHealth } from '../../shared/recording/recording.js';
import type { RecordingsRepo } from '../storage/recordingsRepo.js';
import type { AudioStore } from './audioStore.js';

type State = RecordingHealth['state'];

export interface HealthDeps {
  repo: RecordingsRepo;
  audio: AudioStore;
  now: () => number;
  log: Logger;
  /** Below this many free bytes on the disk nothing more is recorded. */
  minFreeBytes: number;
  /** Bytes rtpengine holds for calls still being recorded (their pcaps). */
  liveBytes: () => Promise<number>;
  /** Told when recording must stop (cap reached or disk full). */
  onBlocked: (state: State) => void;
}

export class RecordingHealthWatch {
  private state: State = 'ok';
  private since: number | null = null;
  private usedBytes = 0;
  private freeBytes: number | null = null;
  /** Files in the folder that are not stored recordings (leftovers, anything else), from the last full scan. */
  private otherBytes = 0;
  private writeFailedAt: number | null = null;

  constructor(private readonly deps: HealthDeps) {}

  health(): RecordingHealth {
    return {
      state: this.state,
      usedBytes: this.usedBytes,
      capBytes: this.deps.repo.settings().capBytes,
      freeBytes: this.freeBytes,
      since: this.since,
    };
  }

  /** Recording may start: nothing blocks it (a silent media server is tried again each time). */
  canRecord(): boolean {
    return this.state === 'ok' || this.state === 'no_media_server';
  }

  /** Measures again; `full` walks the folder too (at start, when settings change, now and then). */
  async check(full = false): Promise<RecordingHealth> {
    const { repo, audio } = this.deps;
    const stored = repo.storedBytes();
    if (full) this.otherBytes = Math.max(0, (await audio.folderBytes()) - stored);
    this.usedBytes = stored + this.otherBytes + (await this.deps.liveBytes());
    this.freeBytes = await audio.freeBytes();
    const cap = repo.settings().capBytes;
    // A failed write counts as a full disk until the space is measured well again (a minute later).
    const recentFailure = this.writeFailedAt !== null && this.deps.now() - this.writeFailedAt < 60_000;
    if ((this.freeBytes !== null && this.freeBytes < this.deps.minFreeBytes) || recentFailure) this.set('disk_full');
    else if (this.usedBytes >= cap) this.set('cap_reached');
    else if (this.state !== 'no_media_server') this.set('ok');
    return this.health();
  }

  writeFailed(error: unknown): void {
    this.writeFailedAt = this.deps.now();
    this.deps.log.error('a recording could not be written', { error: String(error) });
    this.set('disk_full');
  }

  mediaServer(answered: boolean, error?: unknown): void {
    if (answered && this.state === 'no_media_server') this.set('ok');
    if (!answered && this.canRecord()) {
      this.deps.log.error('rtpengine did not start a recording', { error: String(error) });
      this.set('no_media_server');
    }
  }

  private set(state: State): void {
    if (state === this.state) return;
    const was = this.state;
    this.state = state;
    this.since = state === 'ok' ? null : this.deps.now();
    if (state === 'cap_reached' || state === 'disk_full') {
      this.deps.log.error('recording stopped: no more room for recordings', {
        state,
        usedBytes: this.usedBytes,
        freeBytes: this.freeBytes,
      });
      this.deps.onBlocked(state);
    } else if (state === 'ok') this.deps.log.info('recording can go on again', { was });
  }
}
