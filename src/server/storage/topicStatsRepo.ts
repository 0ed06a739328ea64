/**
 * What stats by topic read (decision 0033): the topic tree (retired topics included, so their names
 * still resolve) and the precomputed contacts of a period (`stats_contacts`, the period tables'
 * rows) with the topics set on each contact's thread at wrap-up (`thread_topics`).
 */
import type { ContactRecord } from '../../shared/stats/contact.js';
import type { TopicNode } from '../../shared/stats/topicStats.js';
import type { Database } from './sqlite.js';

export interface StoredTopicContact {
  /** When the contact's thread was created (the period tables choose their contacts by it). */
  createdAt: number;
  contact: ContactRecord;
  topicIds: string[];
}

/** The few facts seasonality needs of a contact: whether it is complete, when its thread began, its topics. */
export interface SeasonTopicContact {
  createdAt: number;
  offeredAt: number | null;
  answeredAt: number | null;
  abandonedAt: number | null;
  topicIds: string[];
}

const TOPICS_OF = `(SELECT json_group_array(topic_id) FROM thread_topics WHERE thread_id = s.thread_id) AS topics`;

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
    this.seasonStmt = db.prepare(
      `SELECT s.created_at AS createdAt,
         json_extract(s.contact_json, '$.offeredAt') AS offeredAt,
         json_extract(s.contact_json, '$.answeredAt') AS answeredAt,
         json_extract(s.contact_json, '$.abandonedAt') AS abandonedAt,
         ${TOPICS_OF}
       FROM stats_contacts s WHERE s.created_at >= ? AND s.created_at < ? AND s.contact_json IS NOT NULL`,
    );
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

  /** As `contacts`, only the times seasonality needs (no contact JSON parsed: spans are long). */
  seasonContacts(from: number, to: number): SeasonTopicContact[] {
    return (
      this.seasonStmt.all(from, to) as {
        createdAt: number;
        offeredAt: number | null;
        answeredAt: number | null;
        abandonedAt: number | null;
        topics: string | null;
      }[]
    ).map((r) => ({
      createdAt: r.createdAt,
      offeredAt: r.offeredAt,
      answeredAt: r.answeredAt,
      abandonedAt: r.abandonedAt,
      topicIds: topicIdsOf(r.topics),
    }));
  }
}
