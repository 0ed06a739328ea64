/** In the lead panel: call quality per agent for a period. */
export function QualitySummary({ timeZone }: { timeZone: string }) {
  void timeZone;
  return null;
}
