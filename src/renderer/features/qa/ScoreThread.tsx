/** In the thread's history: score this call or transcript against a form (leads), see its scores. */
export function ScoreThread({ threadId }: { threadId: string }) {
  void threadId;
  return null;
}
