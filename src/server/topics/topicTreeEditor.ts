/**
 * Leads' edits of the topic tree (decision 0032): add, rename / change keywords, move (never under
 * itself or its own descendant), reorder, retire and restore. Every edit and its history row are
 * written in one transaction, so the tree and topic_changes never disagree.
 */
import type { Agent } from '../../shared/domain.js';
import { OknoError } from '../../shared/errors.js';
import { uuidv7 } from '../../shared/ids.js';
import {
  moveProblem,
  slugFor,
  TopicInput,
  type MoveInput,
  type Topic,
  type TopicChange,
} from '../../shared/topics/topicTree.js';
import type { Database } from '../storage/database.js';
import type { TopicsRepo } from '../storage/topicsRepo.js';

export class TopicTreeEditor {
  constructor(
    private readonly db: Database,
    private readonly topics: TopicsRepo,
    private readonly now: () => number,
  ) {}

  tree(): Topic[] {
    return this.topics.all();
  }

  save(actor: Agent, raw: TopicInput): Topic {
    const input = TopicInput.parse(raw);
    return this.db.transaction(() => {
      const at = this.now();
      const keywords = [...new Set(input.keywords)];
      if (input.id !== undefined) {
        const before = this.topics.byId(input.id);
        if (before) return this.edit(actor, before, input.name, keywords, input.parentId, at);
      }
      if (input.parentId !== null) this.existing(input.parentId, 'parent topic');
      const id = input.id ?? slugFor(input.name.en, new Set(this.topics.all().map((t) => t.id)));
      const topic = {
        id,
        parentId: input.parentId,
        name: input.name,
        keywords,
        position: this.topics.nextPosition(input.parentId),
      };
      this.topics.insert(topic, at);
      this.record(actor, id, 'added', { parentId: input.parentId, name: input.name, keywords }, at);
      return this.existing(id, 'topic');
    })();
  }

  private edit(
    actor: Agent,
    before: Topic,
    name: Topic['name'],
    keywords: string[],
    parentId: string | null,
    at: number,
  ): Topic {
    if (parentId !== before.parentId) {
      throw new OknoError(
        'bad_request',
        `topic "${before.name.en}" keeps its place when renamed; move it to change its parent`,
        [{ path: 'parentId', message: 'move the topic to change its parent' }],
      );
    }
    const renamed = name.en !== before.name.en || name.ru !== before.name.ru;
    const rekeyed = JSON.stringify(keywords) !== JSON.stringify(before.keywords);
    if (!renamed && !rekeyed) return before;
    this.topics.update({ id: before.id, name, keywords }, at);
    if (renamed) this.record(actor, before.id, 'renamed', { from: before.name, to: name }, at);
    if (rekeyed) this.record(actor, before.id, 'keywords', { from: before.keywords, to: keywords }, at);
    return this.existing(before.id, 'topic');
  }

  /** Moves a topic under `parentId` at `position` among its new siblings; the others close ranks. */
  move(actor: Agent, input: MoveInput): Topic[] {
    return this.db.transaction(() => {
      const at = this.now();
      const all = this.topics.all();
      const problem = moveProblem(all, input.id, input.parentId);
      if (problem) {
        const code = problem.endsWith('does not exist') ? 'not_found' : 'conflict';
        throw new OknoError(code, problem, [{ path: 'parentId', message: problem }]);
      }
      const topic = all.find((t) => t.id === input.id)!;
      const siblings = all
        .filter((t) => t.parentId === input.parentId && t.id !== topic.id)
        .sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
      const index = Math.min(input.position, siblings.length);
      siblings.splice(index, 0, topic);
      siblings.forEach((sibling, position) => {
        const parentId = sibling.id === topic.id ? input.parentId : sibling.parentId;
        if (sibling.position !== position || sibling.parentId !== parentId) {
          this.topics.place(sibling.id, parentId, position, at);
        }
      });
      if (topic.parentId !== input.parentId) {
        // The old siblings close the gap the topic left.
        all
          .filter((t) => t.parentId === topic.parentId && t.id !== topic.id)
          .sort((a, b) => a.position - b.position || a.id.localeCompare(b.id))
          .forEach((sibling, position) => {
            if (sibling.position !== position) this.topics.place(sibling.id, sibling.parentId, position, at);
          });
      }
      if (topic.parentId !== input.parentId || topic.position !== index) {
        this.record(
          actor,
          topic.id,
          'moved',
          { fromParentId: topic.parentId, toParentId: input.parentId, fromPosition: topic.position, toPosition: index },
          at,
        );
      }
      return this.topics.all();
    })();
  }

  /** Retired: hidden from pickers (with its subtopics), kept in history and stats, its name resolving. */
  setRetired(actor: Agent, id: string, retired: boolean): Topic {
    return this.db.transaction(() => {
      const topic = this.existing(id, 'topic');
      if (topic.retired === retired) return topic;
      const at = this.now();
      this.topics.setRetired(id, retired, at);
      this.record(actor, id, retired ? 'retired' : 'restored', {}, at);
      return this.existing(id, 'topic');
    })();
  }

  changes(limit: number, topicId?: string): TopicChange[] {
    return this.topics.changes(limit, topicId);
  }

  private existing(id: string, what: string): Topic {
    const topic = this.topics.byId(id);
    if (!topic) throw new OknoError('not_found', `${what} "${id}" does not exist`);
    return topic;
  }

  private record(actor: Agent, topicId: string, kind: TopicChange['kind'], data: object, at: number): void {
    this.topics.addChange({
      id: uuidv7(at),
      topicId,
      kind,
      data: data as Record<string, unknown>,
      actorId: actor.id,
      at,
    });
  }
}
