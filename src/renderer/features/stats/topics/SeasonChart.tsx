import {
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { useEffect, useRef } from 'react';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Legend, Tooltip);

export interface SeasonLine {
  label: string;
  values: number[];
}

/** Colours that stay apart for the first dozen lines (then they repeat). */
const COLORS = [
  '#1f5fbf',
  '#c2410c',
  '#15803d',
  '#7e22ce',
  '#b91c1c',
  '#0e7490',
  '#a16207',
  '#be185d',
  '#4d7c0f',
  '#475569',
  '#9333ea',
  '#0369a1',
];

/** Volume per topic per month or week (chart.js, as the trend chart); the figure's label says what it shows. */
export function SeasonChart({ label, buckets, lines }: { label: string; buckets: string[]; lines: SeasonLine[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart | null>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const datasets = lines.map((l, i) => ({
      label: l.label,
      data: l.values,
      borderColor: COLORS[i % COLORS.length],
      backgroundColor: COLORS[i % COLORS.length],
      pointRadius: 2,
    }));
    if (!chart.current) {
      chart.current = new Chart(canvas.current, {
        type: 'line',
        data: { labels: buckets, datasets },
        options: {
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
        },
      });
    } else {
      chart.current.data.labels = buckets;
      chart.current.data.datasets = datasets;
      chart.current.update('none');
    }
  }, [buckets, lines]);
  useEffect(
    () => () => {
      chart.current?.destroy();
      chart.current = null;
    },
    [],
  );
  return (
    <figure className="stats-trend">
      <figcaption>{label}</figcaption>
      <div className="stats-trend-canvas">
        <canvas ref={canvas} role="img" aria-label={label} />
      </div>
    </figure>
  );
}
