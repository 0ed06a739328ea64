import type { CallState } from '../../../shared/softphone/callMachine.js';

/** On the call card: the recorder's state, start (on demand), pause and resume. */
export function RecordingControl({ call }: { call: CallState }) {
  void call;
  return null;
}
