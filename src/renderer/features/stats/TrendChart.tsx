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

export interface TrendSeries {
  label: string;
  values: number[];
  color: string;
}

/** Today against yesterday by quarter hour (chart.js); the figure's label says what it shows. */
export function TrendChart({ label, series }: { label: string; series: TrendSeries[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart | null>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const labels = Array.from(
      { length: 96 },
      (_, i) => `${String(Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}`,
    );
    const datasets = series.map((s) => ({ label: s.label, data: s.values, borderColor: s.color, pointRadius: 0 }));
    if (!chart.current) {
      chart.current = new Chart(canvas.current, {
        type: 'line',
        data: { labels, datasets },
        options: {
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          scales: { y: { beginAtZero: true } },
        },
      });
    } else {
      chart.current.data.datasets = datasets;
      chart.current.update('none');
    }
  }, [series]);
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
