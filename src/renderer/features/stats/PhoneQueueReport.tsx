import { useTranslation } from 'react-i18next';
import type { Cell } from './periodTable.js';
import { lineLabel, QUEUE_COLUMNS, queueRows, type PhoneQueue } from './phoneQueueTable.js';
import { csvOf } from './statsFormat.js';
import { downloadBlob, xlsxOf } from './statsDownload.js';

/** One table with its caption and CSV / XLSX export of the cells shown. */
function QueueTable({
  id,
  caption,
  header,
  rows,
  fileBase,
}: {
  id: string;
  caption: string;
  header: string[];
  rows: Cell[][];
  fileBase: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="stats-queue-table">
      <table className="stats-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {header.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={header.length}>{t('stats.noData')}</td>
            </tr>
          ) : (
            rows.map((row, r) => (
              <tr key={`${String(row[0])}-${r}`}>
                {row.map((cell, i) => (
                  <td key={header[i]}>{cell ?? t('stats.noData')}</td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
      <div className="stats-actions">
        <button
          type="button"
          className="button"
          onClick={() =>
            downloadBlob(`${fileBase}-${id}.csv`, new Blob([csvOf([header, ...rows])], { type: 'text/csv' }))
          }
        >
          {t('stats.phoneQueue.exportCsv', { table: caption })}
        </button>
        <button
          type="button"
          className="button"
          onClick={() =>
            void xlsxOf(id, [header, ...rows]).then((blob) => downloadBlob(`${fileBase}-${id}.xlsx`, blob))
          }
        >
          {t('stats.phoneQueue.exportXlsx', { table: caption })}
        </button>
      </div>
    </div>
  );
}

/**
 * The phone queue of the chosen period: figures from queue entry by line and by menu choice, and
 * the offers that rang out per agent. Hubs without the call queue send none: the section is hidden.
 */
export function PhoneQueueReport({
  queue,
  names,
  fileBase,
}: {
  queue: PhoneQueue | undefined;
  names: ReadonlyMap<string, string>;
  fileBase: string;
}) {
  const { t } = useTranslation();
  if (!queue) return null;
  const none = t('stats.none');
  const header = (key: 'line' | 'choice') =>
    QUEUE_COLUMNS.map((c) => (c === 'key' ? t(`stats.phoneQueue.col_${key}`) : t(`stats.phoneQueue.col_${c}`)));
  const byLine = queueRows(queue.byLine, (row) => lineLabel(row, none));
  const byChoice = queueRows(queue.byChoice, (row) =>
    row.topic
      ? t('stats.phoneQueue.choiceTopic', { line: lineLabel(row, none), node: row.node, topic: row.topic })
      : t('stats.phoneQueue.choice', { line: lineLabel(row, none), node: row.node }),
  );
  const missed: Cell[][] = queue.missedByAgent.map((m) => [names.get(m.agentId) ?? m.agentId, m.missed]);
  return (
    <section className="stats-period" aria-label={t('stats.phoneQueue.title')}>
      <h3>{t('stats.phoneQueue.title')}</h3>
      <p>{t('stats.phoneQueue.note')}</p>
      <QueueTable
        id="queue-by-line"
        caption={t('stats.phoneQueue.byLine')}
        header={header('line')}
        rows={byLine}
        fileBase={fileBase}
      />
      <QueueTable
        id="queue-by-choice"
        caption={t('stats.phoneQueue.byChoice')}
        header={header('choice')}
        rows={byChoice}
        fileBase={fileBase}
      />
      <QueueTable
        id="queue-missed"
        caption={t('stats.phoneQueue.missedByAgent')}
        header={[t('stats.phoneQueue.col_agent'), t('stats.phoneQueue.col_missed')]}
        rows={missed}
        fileBase={fileBase}
      />
    </section>
  );
}
