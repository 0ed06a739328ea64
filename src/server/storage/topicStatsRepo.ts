/**
 * What stats by topic read (decision 0033): the topic tree (retired topics included, so their names
 * still resolve) and the precomputed contacts of a period (`stats_contacts`, the period tables'
 * rows) with the topics set on each contact's thread at wrap-up (`thread_topics`).
 */
import type { ContactRecord } from '../../shared/stats/contact.js';
import type { TopicNode } from '../../shared/stats/topicStats.js';
import type { Database } from './database.js';

export interface StoredTopicContact {
  /** When the contact's thread was created (the period tables choose their contacts by it). */
  createdAt: number;
  contact: ContactRecord;
  topicIds: string[];
}

/** Complete contacts of one day (index into the days asked for) that had exactly these topics. */
export interface DayTopicRow {
  day: number;
  topicIds: string[];
  count: number;
}

const TOPICS_OF = `(SELECT json_group_array(topic_id) FROM thread_topics WHERE thread_id = s.thread_id) AS topics`;

// Counted in SQL, a day at a time through the created_at index: a two-year span never brings its
// contacts into JavaScript. "Complete" is isComplete (src/shared/stats/kpi.ts) in SQL: an offer,
// and no answer or abandon before it (the integration test checks these counts against `offered`).
const SEASON_SQLITE = `SELECT day, topics, count(*) AS n FROM (
         SELECT CAST(d.key AS INTEGER) AS day, ${TOPICS_OF},
           json_extract(s.contact_json, '$.offeredAt') AS offered,
           json_extract(s.contact_json, '$.answeredAt') AS answered,
           json_extract(s.contact_json, '$.abandonedAt') AS abandoned
         FROM json_each(?) d
         JOIN stats_contacts s ON s.created_at >= json_extract(d.value, '$[0]') AND s.created_at < json_extract(d.value, '$[1]')
         WHERE s.contact_json IS NOT NULL)
       WHERE offered IS NOT NULL
         AND CASE WHEN answered IS NOT NULL THEN answered >= offered
                  WHEN abandoned IS NOT NULL THEN abandoned >= offered ELSE 1 END
       GROUP BY day, topics`;

/** The same count in PostgreSQL's jsonb: days by their ordinal, JSON numbers compared as numbers. */
const SEASON_PG = `SELECT day, topics, count(*) AS n FROM (
         SELECT d.ordinality - 1 AS day, ${TOPICS_OF},
           json_extract(s.contact_json, '$.offeredAt') AS offered,
           json_extract(s.contact_json, '$.answeredAt') AS answered,
           json_extract(s.contact_json, '$.abandonedAt') AS abandoned
         FROM jsonb_array_elements(CAST(? AS jsonb)) WITH ORDINALITY AS d(value, ordinality)
         JOIN stats_contacts s ON s.created_at >= (d.value ->> 0)::bigint AND s.created_at < (d.value ->> 1)::bigint
         WHERE s.contact_json IS NOT NULL) contacts
       WHERE offered IS NOT NULL
         AND CASE WHEN answered IS NOT NULL THEN answered >= offered
                  WHEN abandoned IS NOT NULL THEN abandoned >= offered ELSE true END
       GROUP BY day, topics`;

const topicIdsOf = (json: string | null): string[] => {
  const ids = json ? (JSON.parse(json) as unknown[]) : [];
  return ids.filter((id): id is string => typeof id === 'string');
};

export class TopicStatsRepo {
  private readonly topicsStmt;
  private readonly contactsStmt;
  private readonly seasonStmt;

  constructor(db: Database) {
    this.topicsStmt = db.prepare(
      `SELECT id, parent_id AS parentId, name_en AS en, name_ru AS ru, position, retired_at AS retiredAt
       FROM topics ORDER BY position, id`,
    );
    this.contactsStmt = db.prepare(
      `SELECT s.created_at AS createdAt, s.contact_json AS json, ${TOPICS_OF}
       FROM stats_contacts s WHERE s.created_at >= ? AND s.created_at < ? AND s.contact_json IS NOT NULL`,
    );
    this.seasonStmt = db.prepare(db.engine === 'postgres' ? SEASON_PG : SEASON_SQLITE);
  }

  /** Every topic, retired ones too. */
  topics(): TopicNode[] {
    return (
      this.topicsStmt.all() as {
        id: string;
        parentId: string | null;
        en: string;
        ru: string;
        position: number;
        retiredAt: number | null;
      }[]
    ).map((r) => ({
      id: r.id,
      parentId: r.parentId,
      name: { en: r.en, ru: r.ru },
      position: r.position,
      retired: r.retiredAt !== null,
    }));
  }

  /** The contacts of the threads created in [from, to), each with its thread's topics. */
  contacts(from: number, to: number): StoredTopicContact[] {
    return (this.contactsStmt.all(from, to) as { createdAt: number; json: string; topics: string | null }[]).map(
      (r) => ({ createdAt: r.createdAt, contact: JSON.parse(r.json) as ContactRecord, topicIds: topicIdsOf(r.topics) }),
    );
  }

  /** Complete contacts per day (each day's [from, to)) and set of topics: what seasonality counts. */
  seasonCounts(days: readonly { from: number; to: number }[]): DayTopicRow[] {
    const bounds = JSON.stringify(days.map((d) => [d.from, d.to]));
    return (this.seasonStmt.all(bounds) as { day: number; topics: string | null; n: number }[]).map((r) => ({
      day: r.day,
      topicIds: topicIdsOf(r.topics),
      count: r.n,
    }));
  }
}
