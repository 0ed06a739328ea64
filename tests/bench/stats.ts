export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function summarize(samplesMs: readonly number[]): { median: number; p95: number; min: number; max: number; n: number } {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    median: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    min: round(sorted[0] ?? Number.NaN),
    max: round(sorted[sorted.length - 1] ?? Number.NaN),
    n: sorted.length,
  };
}

/** summarize() plus the 99th percentile, for figures with a tail worth watching (search). */
export function summarizeWithP99(samplesMs: readonly number[]): ReturnType<typeof summarize> & { p99: number } {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  return { ...summarize(sorted), p99: Math.round(percentile(sorted, 99) * 1000) / 1000 };
}

/** How many samples, their median (p50), p95 and max, in ms to 0.1: the latency benches' figures. */
export interface Spread {
  count: number;
  p50: number;
  p95: number;
  max: number;
}

export function spread(samplesMs: readonly number[]): Spread {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    max: round(sorted.at(-1) ?? Number.NaN),
  };
}
