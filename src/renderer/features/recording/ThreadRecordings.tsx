/** In the thread's history: its call recordings with a waveform, seek and download. */
export function ThreadRecordings({ threadId }: { threadId: string }) {
  void threadId;
  return null;
}
