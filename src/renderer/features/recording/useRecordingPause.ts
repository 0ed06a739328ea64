/**
 * Pauses the recording of a thread's live call while `active` (the identification step, a sensitive
 * template on screen) and resumes it when that goes away, the thread changes or the screen unmounts.
 * Nothing is sent while the thread has no call up; a call that comes up while `active` is paused then.
 */
import { useEffect } from 'react';
import type { PauseReason } from '../../../shared/recording/recording.js';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import type { AppDispatch, RootState } from '../../app/store.js';
import { selectCalls } from '../softphone/softphoneSlice.js';
import { PauseHolds } from './pauseHolds.js';
import { pauseRecording, resumeRecording } from './recordingThunks.js';

/** One set of holds per store (the app has one; tests may make several). */
const holdsByDispatch = new WeakMap<AppDispatch, PauseHolds>();

export function pauseHoldsOf(dispatch: AppDispatch): PauseHolds {
  let holds = holdsByDispatch.get(dispatch);
  if (!holds) {
    holds = new PauseHolds((threadId, reason, action) =>
      dispatch((action === 'pause' ? pauseRecording : resumeRecording)({ threadId, reason })).unwrap(),
    );
    holdsByDispatch.set(dispatch, holds);
  }
  return holds;
}

/** Whether the thread has a call up in this app's softphone (answered, or on hold). */
export function threadCallUp(state: RootState, threadId: string | null): boolean {
  if (!threadId) return false;
  return selectCalls(state).some(
    (call) => call.thread?.threadId === threadId && (call.phase === 'established' || call.phase === 'held'),
  );
}

export function useRecordingPause(threadId: string | null, reason: PauseReason, active: boolean): void {
  const dispatch = useAppDispatch();
  const callUp = useAppSelector((state) => threadCallUp(state, threadId));
  const holding = active && callUp && threadId !== null;
  useEffect(() => {
    if (!holding || !threadId) return;
    return pauseHoldsOf(dispatch).hold(threadId, reason);
  }, [dispatch, holding, threadId, reason]);
}
