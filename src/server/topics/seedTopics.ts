/**
 * The tree a hub starts with (decision 0032): resources/defaults/topics.json, loaded once into an empty
 * tree. An upgraded hub already has its topics from migration 15 (the flat keyword list, the widget menu,
 * topics threads were routed by); a new one gets the same topics the shipped routing settings detect, so
 * detection, voice menus and the widget name topics that exist.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { TopicId, TopicName } from '../../shared/topics/topicTree.js';
import type { TopicsRepo } from '../storage/topicsRepo.js';
import type { Database } from '../storage/database.js';

interface SeedTopic {
  id: string;
  name: { en: string; ru: string };
  keywords: string[];
  children?: SeedTopic[];
}

const SeedTopic: z.ZodType<SeedTopic> = z.lazy(() =>
  z.object({
    id: TopicId,
    name: TopicName,
    keywords: z.array(z.string().trim().min(1)).default([]),
    children: z.array(SeedTopic).optional(),
  }),
);

export function seedTopics(db: Database, topics: TopicsRepo, defaultsDir: string, now: number): void {
  if (topics.all().length > 0) return;
  const file = path.join(defaultsDir, 'topics.json');
  if (!existsSync(file)) return;
  const tree = z.array(SeedTopic).parse(JSON.parse(readFileSync(file, 'utf8')));
  db.transaction(() => {
    const add = (list: SeedTopic[], parentId: string | null) => {
      list.forEach((topic, position) => {
        topics.insert({ id: topic.id, parentId, name: topic.name, keywords: topic.keywords, position }, now);
        add(topic.children ?? [], topic.id);
      });
    };
    add(tree, null);
  })();
}
