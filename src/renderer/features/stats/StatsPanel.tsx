import { useMemo, useState } from 'react';
import { LiveMonitor } from '../monitoring/LiveMonitor.js';
import { QualitySummary } from '../callQuality/QualitySummary.js';
import { QaReport } from '../qa/QaReport.js';
import { useTranslation } from 'react-i18next';
import type { FloorStatus } from '../../../shared/stats/statsWire.js';
import { PeriodReport } from './PeriodReport.js';
import { downloadBlob, xlsxOf } from './statsDownload.js';
import {
  against,
  ABANDON_TARGET,
  csvOf,
  duration,
  localTimeZone,
  percent,
  SERVICE_LEVEL_TARGET,
  slotOf,
} from './statsFormat.js';
import { TopicStatsReport } from './topics/TopicStatsReport.js';
import { TrendChart, type TrendSeries } from './TrendChart.js';
import { useStatsNow, useStatsPeriods, type Period, type Snapshot } from './useStats.js';

type Column = 'name' | 'status' | 'since' | 'offered' | 'answered' | 'asa' | 'aht';
const COLUMNS = [
  { id: 'name', label: 'stats.colAgent' },
  { id: 'status', label: 'stats.colStatus' },
  { id: 'since', label: 'stats.colSince' },
  { id: 'offered', label: 'stats.colOffered' },
  { id: 'answered', label: 'stats.colAnswered' },
  { id: 'asa', label: 'stats.colAsa' },
  { id: 'aht', label: 'stats.colAht' },
] as const satisfies readonly { id: Column; label: string }[];

interface AgentRow {
  agentId: string;
  name: string;
  status: FloorStatus;
  since: number;
  offered: number;
  answered: number;
  asa: number | null;
  aht: number | null;
}

function agentRows(snapshot: Snapshot | null, today: Period | null): AgentRow[] {
  const figures = new Map(today?.byAgent.map((r) => [r.key, r.summary]) ?? []);
  return (snapshot?.agents ?? []).map((a) => {
    const s = figures.get(a.agentId);
    return {
      agentId: a.agentId,
      name: a.name,
      status: a.status,
      since: a.sinceMs,
      offered: s?.offered ?? 0,
      answered: s?.answered ?? 0,
      asa: s?.averageSpeedOfAnswerMs ?? null,
      aht: s?.averageHandleTimeMs ?? null,
    };
  });
}

function compare(a: AgentRow, b: AgentRow, column: Column): number {
  const key = column === 'since' ? 'since' : column;
  const x = a[key];
  const y = b[key];
  if (x === y) return 0;
  if (x === null) return 1;
  if (y === null) return -1;
  return x < y ? -1 : 1;
}

const FLOOR: readonly FloorStatus[] = [
  'ready',
  'on_call',
  'in_chats',
  'after_call_work',
  'not_ready',
  'away',
  'offline',
];
const CSAT_TARGET = 4;

function Tile({ title, figure, state, note }: { title: string; figure: string; state: string; note: string }) {
  return (
    <li className={`stats-tile ${state}`} aria-label={title}>
      <h3>{title}</h3>
      <div className="figure">{figure}</div>
      <div>{note}</div>
    </li>
  );
}

/** The lead's floor: tiles against targets, queues, agents by status, the staffing hint, the agents table and the trend. */
export function StatsPanel() {
  const { t } = useTranslation();
  const snapshot = useStatsNow();
  const { today, yesterday } = useStatsPeriods(true);
  const timeZone = snapshot?.timeZone ?? today?.timeZone ?? localTimeZone();
  const names = useMemo(() => new Map((snapshot?.agents ?? []).map((a) => [a.agentId, a.name])), [snapshot]);
  const [sort, setSort] = useState<{ column: Column; ascending: boolean }>({ column: 'name', ascending: true });
  const rows = useMemo(() => {
    const list = agentRows(snapshot, today);
    list.sort((a, b) => compare(a, b, sort.column) * (sort.ascending ? 1 : -1));
    return list;
  }, [snapshot, today, sort]);
  const series = useMemo<TrendSeries[]>(() => {
    const toSeries = (period: Period | null, label: string, color: string) => {
      const values = new Array<number>(96).fill(0);
      for (const r of period?.by15min ?? []) values[slotOf(r.key, timeZone)] = r.summary.offered;
      return { label, values, color };
    };
    return [toSeries(today, t('stats.today'), '#1f5fbf'), toSeries(yesterday, t('stats.yesterday'), '#999999')];
  }, [today, yesterday, t, timeZone]);

  const kpi = snapshot?.today ?? null;
  const tileFor = (value: number | null, target: number, higher: boolean) => {
    const state = against(value, target, higher);
    const verdict =
      state === 'none' ? t('stats.noData') : state === 'good' ? t('stats.onTarget') : t('stats.offTarget');
    return { state, note: `${verdict} (${t('stats.target', { target: percent(target) })})` };
  };
  const sl = tileFor(kpi?.serviceLevel ?? null, SERVICE_LEVEL_TARGET, true);
  const ab = tileFor(kpi?.abandonRate ?? null, ABANDON_TARGET, false);

  const tableRows = (): (string | number | null)[][] => [
    COLUMNS.map((c) => t(c.label)),
    ...rows.map((r) => [r.name, t(`stats.status_${r.status}`), r.since, r.offered, r.answered, r.asa, r.aht]),
  ];
  const exportXlsx = async () => downloadBlob('okno-agents.xlsx', await xlsxOf('agents', tableRows()));
  const csat = kpi?.csatAverage ?? null;
  const csatState = against(csat, CSAT_TARGET, true);

  return (
    <section className="stats-panel" aria-label={t('stats.title')}>
      <h2>{t('stats.title')}</h2>
      <p>{snapshot ? t('stats.todayIs', { day: snapshot.day, zone: snapshot.timeZone }) : t('stats.noData')}</p>
      <ul className="stats-tiles" aria-live="polite">
        <Tile
          title={t('stats.serviceLevel')}
          figure={percent(kpi?.serviceLevel ?? null) ?? t('stats.noData')}
          state={sl.state}
          note={sl.note}
        />
        <Tile
          title={t('stats.abandonRate')}
          figure={percent(kpi?.abandonRate ?? null) ?? t('stats.noData')}
          state={ab.state}
          note={ab.note}
        />
        <Tile
          title={t('stats.csat')}
          figure={csat === null ? t('stats.noData') : csat.toFixed(2)}
          state={csatState}
          note={t('stats.csatNote', { count: kpi?.csatResponses ?? 0 })}
        />
        {(snapshot?.queues ?? []).map((q) => (
          <Tile
            key={q.channel}
            title={t('stats.queue', { channel: t(`channel.${q.channel}`) })}
            figure={String(q.waiting)}
            state={q.waiting > 0 ? 'bad' : 'good'}
            note={t('stats.queueFigure', { waiting: q.waiting, wait: duration(q.oldestWaitMs) })}
          />
        ))}
        {snapshot && snapshot.queues.length === 0 ? (
          <Tile title={t('stats.queue', { channel: '—' })} figure="0" state="good" note={t('stats.queuesEmpty')} />
        ) : null}
      </ul>
      <LiveMonitor />
      <section aria-label={t('stats.agentsByStatus')}>
        <h3>{t('stats.agentsByStatus')}</h3>
        <ul className="stats-tiles">
          {FLOOR.map((s) => (
            <li key={s} className="stats-tile">
              {t(`stats.status_${s}`)}: <strong>{snapshot?.byStatus[s] ?? 0}</strong>
            </li>
          ))}
        </ul>
      </section>
      <p role="status">
        {snapshot?.staffing
          ? t('stats.staffing', { agents: snapshot.staffing.agents, perHour: snapshot.offeredLastHour })
          : snapshot
            ? t('stats.staffingNone')
            : t('stats.noData')}
      </p>
      <div className="stats-actions">
        <button
          type="button"
          className="button"
          onClick={() => downloadBlob('okno-agents.csv', new Blob([csvOf(tableRows())], { type: 'text/csv' }))}
        >
          {t('stats.exportCsv')}
        </button>
        <button type="button" className="button" onClick={() => void exportXlsx()}>
          {t('stats.exportXlsx')}
        </button>
      </div>
      <table className="stats-table">
        <caption>{t('stats.agentsTable')}</caption>
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th
                key={c.id}
                scope="col"
                aria-sort={sort.column === c.id ? (sort.ascending ? 'ascending' : 'descending') : 'none'}
              >
                <button
                  type="button"
                  aria-label={t('stats.sortBy', { column: t(c.label) })}
                  onClick={() => setSort((s) => ({ column: c.id, ascending: s.column === c.id ? !s.ascending : true }))}
                >
                  {t(c.label)}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.agentId}>
              <td>{r.name}</td>
              <td>{t(`stats.status_${r.status}`)}</td>
              <td>{duration(r.since)}</td>
              <td>{r.offered}</td>
              <td>{r.answered}</td>
              <td>{duration(r.asa) ?? t('stats.noData')}</td>
              <td>{duration(r.aht) ?? t('stats.noData')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <TrendChart label={t('stats.trend')} series={series} />
      <PeriodReport timeZone={timeZone} names={names} />
      <TopicStatsReport timeZone={timeZone} />
      <QualitySummary timeZone={timeZone} />
      <QaReport timeZone={timeZone} />
    </section>
  );
}
