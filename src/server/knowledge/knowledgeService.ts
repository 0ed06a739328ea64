/**
 * The knowledge base on the hub (decision 0034): the article tree, saving versions with optimistic
 * concurrency, documents checked by content, search, suggestions for a contact and the record of an
 * article opened for a contact (thread event `article_opened`).
 */
import { createHash } from 'node:crypto';
import type { Agent, Message } from '../../shared/domain.js';
import { OknoError } from '../../shared/errors.js';
import { uuidv7 } from '../../shared/ids.js';
import type { Logger } from '../../shared/log.js';
import { docImageIds, docPlainText, type ArticleDoc } from '../../shared/knowledge/articleDoc.js';
import { checkFile, FILE_KINDS, type FileKind } from '../../shared/knowledge/fileKind.js';
import {
  KNOWLEDGE_DOCUMENT_MAX_BYTES,
  type Article,
  type ArticleDocument,
  type ArticleLanguage,
  type ArticleLink,
  type ArticleSummary,
  type ArticleVersion,
  type DocumentContent,
  type SearchResult,
} from '../../shared/knowledge/knowledgeContract.js';
import { articleQuery, articleSnippet, suggestionQuery } from '../../shared/knowledge/knowledgeSearch.js';
import { cleanFileName } from '../../shared/attachments.js';
import type { HubStore } from '../storage/hubStore.js';
import type { KnowledgeRepo } from '../storage/knowledgeRepo.js';
import { summaryOf, type StoredArticle } from '../storage/knowledgeRepo.js';

/** About how much article text one page of the cache's pull carries. */
const CHANGES_PAGE_CHARS = 2_000_000;

/** The kinds an article's document may be (all of fileKind's). */
const DOCUMENT_KINDS = Object.keys(FILE_KINDS) as FileKind[];

export interface SaveArticle {
  parentId: string | null;
  title: string;
  language: ArticleLanguage;
  doc: ArticleDoc;
  links: ArticleLink[];
}

export class KnowledgeService {
  readonly repo: KnowledgeRepo;

  constructor(
    private readonly store: HubStore,
    private readonly now: () => number,
    private readonly log: Logger,
  ) {
    this.repo = store.knowledge;
  }

  tree(): ArticleSummary[] {
    return this.repo.all().map(summaryOf);
  }

  private article(id: string): StoredArticle {
    const article = this.repo.byId(id);
    if (!article) throw new OknoError('not_found', `article ${id} does not exist`);
    return article;
  }

  /** The article at `version` (default: the current one). */
  read(id: string, version?: number): { article: Article; latestVersion: number } {
    const current = this.article(id);
    const wanted = version ?? current.version;
    const stored = this.repo.version(id, wanted);
    if (!stored)
      throw new OknoError(
        'not_found',
        `article "${current.title}" has no version ${wanted} (latest: ${current.version})`,
      );
    return {
      article: {
        ...summaryOf(current),
        title: stored.title,
        language: stored.language,
        version: stored.version,
        // The tree's time for the current version (moves count), the save's for an older one.
        updatedAt: wanted === current.version ? current.updatedAt : stored.savedAt,
        doc: stored.doc,
        links: stored.links,
        documents: this.repo.documents(id),
        updatedBy: stored.savedByName,
      },
      latestVersion: current.version,
    };
  }

  versions(id: string): ArticleVersion[] {
    this.article(id);
    return this.repo.versions(id);
  }

  private checkParent(id: string | null, parentId: string | null): void {
    if (parentId === null) return;
    const parent = this.repo.byId(parentId);
    if (!parent)
      throw new OknoError('not_found', `parent article ${parentId} does not exist`, [
        { path: 'parentId', message: `parent article ${parentId} does not exist` },
      ]);
    if (id === null) return;
    const self = this.article(id);
    // Walk up from the new parent: meeting the article itself means a cycle.
    for (let at: StoredArticle | null = parent; at; at = at.parentId ? this.repo.byId(at.parentId) : null) {
      if (at.id === id) {
        const message =
          parent.id === id
            ? `"${self.title}" cannot be moved under itself`
            : `"${self.title}" cannot be moved under "${parent.title}": "${parent.title}" is inside "${self.title}"`;
        throw new OknoError('bad_request', message, [{ path: 'parentId', message }]);
      }
    }
  }

  private checkImages(articleId: string | null, doc: ArticleDoc): void {
    const ids = docImageIds(doc);
    if (ids.length === 0) return;
    const own = new Set(articleId ? this.repo.documents(articleId).map((d) => d.id) : []);
    for (const id of ids) {
      if (!own.has(id)) {
        const message = articleId
          ? `an image shows document ${id}, which is not one of this article's documents`
          : `an image shows document ${id}: save the article first, then add its images`;
        throw new OknoError('bad_request', message, [{ path: 'doc', message }]);
      }
      const doc = this.repo.document(id);
      if (doc && !doc.mime.startsWith('image/')) {
        const message = `an image shows "${doc.name}", which is not an image`;
        throw new OknoError('bad_request', message, [{ path: 'doc', message }]);
      }
    }
  }

  create(agent: Agent, input: SaveArticle): Article {
    this.checkParent(null, input.parentId);
    this.checkImages(null, input.doc);
    const id = uuidv7(this.now());
    const at = this.now();
    this.repo.transaction(() => {
      const position = this.repo.children(input.parentId).length;
      this.repo.create(
        { id, parentId: input.parentId, position, title: input.title, language: input.language },
        {
          doc: input.doc,
          plainText: docPlainText(input.doc),
          links: input.links,
          savedBy: agent.id,
          savedByName: agent.name,
          savedAt: at,
        },
        at,
      );
      this.repo.index(this.article(id).pk, input.title, docPlainText(input.doc));
    });
    this.log.info('article created', { articleId: id, by: agent.id });
    return this.read(id).article;
  }

  /** A new version; refused (409) when someone saved after `baseVersion`, keeping nothing of this save. */
  update(agent: Agent, id: string, input: SaveArticle & { baseVersion: number }): Article {
    const at = this.now();
    this.repo.transaction(() => {
      const current = this.article(id);
      if (input.baseVersion !== current.version) {
        const latest = this.repo.version(id, current.version)!;
        throw new OknoError(
          'conflict',
          `"${current.title}" was saved by ${latest.savedByName} (version ${current.version}) after you started editing version ${input.baseVersion}; your text was not saved — it is still in your editor`,
          undefined,
          { savedBy: latest.savedByName, savedAt: latest.savedAt, version: current.version, title: current.title },
        );
      }
      if (input.parentId !== current.parentId) this.checkParent(id, input.parentId);
      this.checkImages(id, input.doc);
      const plainText = docPlainText(input.doc);
      this.repo.saveVersion(
        {
          articleId: id,
          version: current.version + 1,
          title: input.title,
          language: input.language,
          doc: input.doc,
          plainText,
          links: input.links,
          savedBy: agent.id,
          savedByName: agent.name,
          savedAt: at,
        },
        at,
      );
      if (input.parentId !== current.parentId)
        this.placeAt(id, input.parentId, this.repo.children(input.parentId).length, at);
      if (!current.retired) this.repo.index(current.pk, input.title, plainText);
    });
    this.log.info('article saved', { articleId: id, by: agent.id });
    return this.read(id).article;
  }

  private placeAt(id: string, parentId: string | null, position: number, at: number): void {
    const current = this.article(id);
    const oldSiblings = this.repo.children(current.parentId).filter((a) => a.id !== id);
    const siblings = current.parentId === parentId ? oldSiblings : this.repo.children(parentId);
    const index = Math.min(position, siblings.length);
    const order = [...siblings.slice(0, index).map((a) => a.id), id, ...siblings.slice(index).map((a) => a.id)];
    this.repo.place(id, parentId, index, at);
    this.repo.renumber(order);
    if (current.parentId !== parentId) this.repo.renumber(oldSiblings.map((a) => a.id));
    // Siblings whose position changed are pulled again by the caches.
    for (const sibling of [...siblings, ...oldSiblings]) {
      const now = this.repo.byId(sibling.id);
      if (now && now.position !== sibling.position) this.repo.touch(sibling.id, at);
    }
  }

  move(id: string, parentId: string | null, position: number): ArticleSummary {
    this.repo.transaction(() => {
      this.article(id);
      this.checkParent(id, parentId);
      this.placeAt(id, parentId, position, this.now());
    });
    return summaryOf(this.article(id));
  }

  retire(id: string, retired: boolean): ArticleSummary {
    const at = this.now();
    this.repo.transaction(() => {
      const article = this.article(id);
      if (article.retired === retired) return;
      this.repo.setRetired(id, retired ? at : null, at);
      if (retired) this.repo.unindex(article.pk);
      else this.repo.index(article.pk, article.title, this.repo.version(id, article.version)!.plainText);
    });
    return summaryOf(this.article(id));
  }

  upload(agent: Agent, articleId: string, input: { name: string; mime: string; dataBase64: string }): ArticleDocument {
    this.article(articleId);
    const name = cleanFileName(input.name);
    const data = Buffer.from(input.dataBase64, 'base64');
    if (data.length === 0)
      throw new OknoError('bad_request', `"${name}" is empty`, [{ path: 'dataBase64', message: `"${name}" is empty` }]);
    if (data.length > KNOWLEDGE_DOCUMENT_MAX_BYTES)
      throw new OknoError(
        'payload_too_large',
        `"${name}" is over ${KNOWLEDGE_DOCUMENT_MAX_BYTES / 1024} KiB`,
        undefined,
        {
          name,
          size: data.length,
          cap: KNOWLEDGE_DOCUMENT_MAX_BYTES,
        },
      );
    const checked = checkFile(name, input.mime, data, DOCUMENT_KINDS);
    if (!checked.ok)
      throw new OknoError('bad_request', checked.message, [{ path: 'dataBase64', message: checked.message }], { name });
    const document: ArticleDocument = {
      id: uuidv7(this.now()),
      name,
      mime: FILE_KINDS[checked.kind].mime,
      size: data.length,
    };
    const sha256 = createHash('sha256').update(data).digest('hex');
    const at = this.now();
    this.repo.transaction(() => {
      this.repo.addDocument({ ...document, articleId, sha256, data }, agent.id, at);
      // The article's document list changed: caches pull it again.
      this.repo.touch(articleId, at);
    });
    return document;
  }

  document(id: string): DocumentContent {
    const document = this.repo.document(id);
    if (!document) throw new OknoError('not_found', `document ${id} does not exist`);
    return { name: document.name, mime: document.mime, dataBase64: document.data.toString('base64') };
  }

  search(query: string, limit: number): SearchResult[] {
    const match = articleQuery(query);
    if (!match) return [];
    return this.repo.search(match, limit).map((row) => ({
      article: summaryOf(row.article),
      snippet: articleSnippet(row.plainText, query),
    }));
  }

  /** Articles for the thread's last customer message (none when the customer has not written). */
  suggest(threadId: string, limit: number): ArticleSummary[] {
    const last = lastCustomerMessage(this.store, threadId);
    const match = last ? suggestionQuery(last.text) : null;
    if (!match) return [];
    return this.repo.search(match, limit).map((row) => summaryOf(row.article));
  }

  /** Records `article_opened` in the thread's history, once per openId. */
  opened(
    agent: Agent,
    articleId: string,
    input: { openId: string; threadId: string; version: number; openedAt: number },
  ): boolean {
    const { article } = this.read(articleId, input.version);
    if (!this.store.threads.byId(input.threadId))
      throw new OknoError('not_found', `thread ${input.threadId} does not exist`);
    if (this.repo.eventExists(input.openId)) return false;
    this.store.write((tx) => {
      this.store.routing.addEvent({
        id: input.openId,
        threadId: input.threadId,
        kind: 'article_opened',
        text: `${agent.name} opened the article "${article.title}" (version ${article.version})`,
        data: { articleId, version: article.version, title: article.title, agentId: agent.id, agentName: agent.name },
        actorId: agent.id,
        // An opening remembered offline keeps its time; the hub never writes a time ahead of its clock.
        createdAt: Math.min(input.openedAt, tx.now),
      });
    });
    return true;
  }

  changes(after: number, limit: number): { articles: Article[]; cursor: number; more: boolean } {
    const rows = this.repo.changesAfter(after, limit + 1);
    const articles: Article[] = [];
    let cursor = after;
    let chars = 0;
    for (const row of rows.slice(0, limit)) {
      // A page stays a few MB however long the articles are (one article always goes, whatever its size).
      if (articles.length > 0 && chars > CHANGES_PAGE_CHARS) break;
      const { article } = this.read(row.id);
      chars += JSON.stringify(article.doc).length;
      articles.push(article);
      cursor = row.changeSeq;
    }
    return { articles, cursor, more: rows.length > articles.length };
  }
}

function lastCustomerMessage(store: HubStore, threadId: string): Message | null {
  return (
    store.messages
      .recentOf(threadId, 50)
      .filter((m) => m.author.kind === 'customer')
      .at(-1) ?? null
  );
}
