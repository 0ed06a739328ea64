/**
 * The widget's start menu: topics with a self-service answer each, a lead's setting kept in the
 * hub's meta table. A new hub that seeds defaults starts with resources/defaults/widget-topics.json.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { WidgetTopics, type WidgetTopic } from '../../shared/widgetProtocol.js';
import type { MetaRepo } from '../storage/metaRepo.js';

const KEY = 'widget_topics';
export function loadWidgetTopics(meta: MetaRepo): WidgetTopic[] {
  const text = meta.get(KEY);
  if (!text) return [];
  const parsed = WidgetTopics.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : [];
}

export function saveWidgetTopics(meta: MetaRepo, topics: WidgetTopic[]): void {
  meta.set(KEY, JSON.stringify(topics));
}

/** Sets the shipped menu once, on a hub that has never had one. */
export function seedWidgetTopics(meta: MetaRepo, defaultsDir: string): void {
  if (meta.get(KEY) !== null) return;
  const file = path.join(defaultsDir, 'widget-topics.json');
  if (!existsSync(file)) return;
  saveWidgetTopics(meta, WidgetTopics.parse(JSON.parse(readFileSync(file, 'utf8'))));
}
