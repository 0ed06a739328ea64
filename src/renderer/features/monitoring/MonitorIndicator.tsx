import type { CallState } from '../../../shared/softphone/callMachine.js';

/** On the agent's call card: a lead is whispering (or has joined). */
export function MonitorIndicator({ call }: { call: CallState }) {
  void call;
  return null;
}
