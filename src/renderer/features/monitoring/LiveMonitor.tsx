/** In the lead panel: live calls with Listen, Whisper and Barge. */
export function LiveMonitor() {
  return null;
}
