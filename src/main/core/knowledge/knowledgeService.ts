/**
 * The knowledge base in the agent core (decision 0034). Reads go to the hub while it is online and to
 * the local copy when it is away (answers say `source: 'cache'`); the copy is refreshed by pulling the
 * hub's changes after a cursor whenever the link comes back, every minute while online and after the
 * agent's own edits. An article opened for a contact is written down locally first and then sent; the
 * hub records each opening once (by its id), so an opening made offline reaches the contact's history
 * when the hub is back. Edits (leads) need the hub.
 */
import type { ParsedInput, RequestOutput } from '../../../shared/contract.js';
import { OknoError } from '../../../shared/errors.js';
import { uuidv7 } from '../../../shared/ids.js';
import type { Logger } from '../../../shared/log.js';
import type { KnowledgeSource, knowledgeRequests } from '../../../shared/knowledge/knowledgeContract.js';
import { articleQuery, articleSnippet, suggestionQuery } from '../../../shared/knowledge/knowledgeSearch.js';
import type { EventBus } from '../events/eventBus.js';
import { createKnowledgeClient, type KnowledgeClient } from '../hubApi/knowledgeClient.js';
import type { SessionService } from '../session/sessionService.js';
import type { LocalStore } from '../store/localStore.js';
import type { ConnectionTracker } from '../sync/connectionTracker.js';
import { createKnowledgeCache, type KnowledgeCache } from './knowledgeCache.js';

/** Documents up to this size are kept in the local copy once fetched. */
export const DOCUMENT_CACHE_MAX_BYTES = 256 * 1024;
const REFRESH_EVERY_MS = 60_000;
const HUB_TIMEOUT_MS = 5_000;
const PULL_TIMEOUT_MS = 30_000;
const HUB: KnowledgeSource = 'hub';
const CACHE: KnowledgeSource = 'cache';

export interface KnowledgeServiceDeps {
  store: LocalStore;
  session: SessionService;
  connection: ConnectionTracker;
  events: EventBus;
  now: () => number;
  log: Logger;
  /** Default: through the session's link. */
  client?: KnowledgeClient;
  refreshEveryMs?: number;
}

type Name = keyof typeof knowledgeRequests;
type In<N extends Name> = ParsedInput<N>;
type Out<N extends Name> = RequestOutput<N>;

export interface KnowledgeService {
  tree(): Promise<Out<'knowledge.tree'>>;
  search(input: In<'knowledge.search'>): Promise<Out<'knowledge.search'>>;
  suggest(input: In<'knowledge.suggest'>): Promise<Out<'knowledge.suggest'>>;
  open(input: In<'knowledge.open'>): Promise<Out<'knowledge.open'>>;
  versions(input: In<'knowledge.versions'>): Promise<Out<'knowledge.versions'>>;
  save(input: In<'knowledge.save'>): Promise<Out<'knowledge.save'>>;
  move(input: In<'knowledge.move'>): Promise<Out<'knowledge.move'>>;
  retire(input: In<'knowledge.retire'>): Promise<Out<'knowledge.retire'>>;
  uploadDocument(input: In<'knowledge.uploadDocument'>): Promise<Out<'knowledge.uploadDocument'>>;
  document(input: In<'knowledge.document'>): Promise<Out<'knowledge.document'>>;
  /** Pulls the hub's changes into the copy and sends openings made offline (one run at a time). */
  sync(): Promise<void>;
  /** Openings not yet recorded by the hub. */
  pendingOpens(): number;
  stop(): void;
}

function isUnreachable(error: unknown): boolean {
  return error instanceof OknoError && (error.code === 'hub_unreachable' || error.code === 'not_signed_in');
}

export function createKnowledgeService(deps: KnowledgeServiceDeps): KnowledgeService {
  const { session, connection, events, now, log } = deps;
  const cache: KnowledgeCache = createKnowledgeCache(deps.store.db);
  const client = deps.client ?? createKnowledgeClient({ link: () => session.link(), timeoutMs: HUB_TIMEOUT_MS });
  // Pages of the pull may carry a few MB: they get longer than a click's request.
  const pullClient = deps.client ?? createKnowledgeClient({ link: () => session.link(), timeoutMs: PULL_TIMEOUT_MS });
  const none = {};
  const online = () => connection.get().status === 'online' && session.link() !== null;

  /** Asks the hub while online; when it is away (or stops answering), answers from the copy. */
  async function hubOrCache<T>(fromHub: () => Promise<T>, fromCache: () => T): Promise<T> {
    session.requireAgent();
    if (online()) {
      try {
        return await fromHub();
      } catch (error) {
        if (!isUnreachable(error)) throw error;
        log.info('knowledge base answered from the local copy', { error: String(error) });
      }
    }
    return fromCache();
  }

  /** Versions, uncached documents and edits live on the hub only: when it is known to be away, say so at once. */
  function needHub(what: string): void {
    session.requireAgent();
    // Only a link known to be down fails at once; while it reconnects the hub is tried (and may answer).
    if (connection.get().status === 'offline')
      throw new OknoError('hub_unreachable', `${what} needs the hub, which is not reachable now`);
  }

  let running: Promise<void> | null = null;
  let again = false;

  async function pull(): Promise<void> {
    const link = session.link();
    if (!link) return;
    if (cache.hubUrl() !== link.hubUrl) cache.reset(link.hubUrl);
    let changed = 0;
    for (let pages = 0; pages < 10_000; pages++) {
      const page = await pullClient.call('changes', { params: none, input: { after: cache.cursor() } });
      cache.apply(page.articles, page.cursor);
      changed += page.articles.length;
      if (!page.more) break;
    }
    if (changed > 0) events.emit('knowledge.changed', {});
  }

  async function flushOpens(): Promise<void> {
    const link = session.link();
    const agent = session.state().agent;
    if (!link || !agent) return;
    for (const open of cache.pendingOpens()) {
      // Sent only to the hub, and under the agent, it was made for (they may sign in again later).
      if (open.hubUrl !== link.hubUrl || open.agentId !== agent.id) continue;
      try {
        await client.call('opened', {
          params: { id: open.articleId },
          input: { openId: open.id, threadId: open.threadId, version: open.version, openedAt: open.openedAt },
        });
        cache.removeOpen(open.id);
      } catch (error) {
        if (error instanceof OknoError && ['not_found', 'forbidden', 'bad_request'].includes(error.code)) {
          // The contact or article is gone, or out of this agent's reach: the hub will never take it.
          log.warn('an article opening was refused by the hub and dropped', { openId: open.id, error: error.message });
          cache.removeOpen(open.id);
          continue;
        }
        throw error;
      }
    }
  }

  function sync(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        if (!online()) break;
        try {
          await flushOpens();
          await pull();
        } catch (error) {
          log.info('knowledge base sync stopped', { error: String(error) });
          break;
        }
      } while (again);
    })().finally(() => {
      running = null;
    });
    return running;
  }

  const unsubscribe = events.on((name, payload) => {
    if (name === 'connection.changed' && (payload as { status: string }).status === 'online') void sync();
  });
  const timer = setInterval(() => void sync(), deps.refreshEveryMs ?? REFRESH_EVERY_MS);
  timer.unref?.();

  /** After an edit: the copy follows at once (the hub answered, so it is there). */
  function edited<T>(result: T): T {
    void sync();
    return result;
  }

  return {
    tree: () =>
      hubOrCache(
        async () => ({
          articles: (await client.call('tree', { params: none, input: none })).articles,
          source: HUB,
        }),
        () => ({ articles: cache.tree(), source: CACHE }),
      ),

    search: ({ query, limit }) =>
      hubOrCache(
        async () => ({
          results: (await client.call('search', { params: none, input: { query, limit } })).results,
          source: HUB,
        }),
        () => {
          const match = articleQuery(query);
          const rows = match ? cache.search(match, limit) : [];
          return {
            results: rows.map((row) => ({ article: row.article, snippet: articleSnippet(row.plainText, query) })),
            source: CACHE,
          };
        },
      ),

    suggest: ({ threadId, limit }) =>
      hubOrCache(
        async () => ({
          articles: (await client.call('suggest', { params: none, input: { threadId, limit } })).articles,
          source: HUB,
        }),
        () => {
          const last = deps.store.messages
            .page(threadId, undefined, 50)
            .messages.filter((m) => m.author.kind === 'customer')
            .at(-1);
          const match = last ? suggestionQuery(last.text) : null;
          return { articles: match ? cache.search(match, limit).map((r) => r.article) : [], source: CACHE };
        },
      ),

    async open({ articleId, threadId, version }) {
      const agent = session.requireAgent();
      const link = session.link();
      const result = await hubOrCache(
        async () => {
          const reply = await client.call('article', { params: { id: articleId }, input: { version } });
          return { ...reply, source: HUB };
        },
        () => {
          const article = cache.article(articleId);
          if (!article) {
            const summary = cache.summary(articleId);
            throw new OknoError(
              summary ? 'hub_unreachable' : 'not_found',
              summary
                ? `"${summary.title}" is retired and not kept offline; it opens when the hub is back`
                : `article ${articleId} is not in the offline copy of the knowledge base`,
            );
          }
          if (version !== undefined && version !== article.version)
            throw new OknoError(
              'hub_unreachable',
              `version ${version} of "${article.title}" opens when the hub is back (the offline copy holds version ${article.version})`,
            );
          return { article, latestVersion: article.version, source: CACHE };
        },
      );
      if (threadId && link) {
        // Written down first, so the opening survives a crash or a lost link; sent now if the hub is there.
        cache.addOpen({
          id: uuidv7(now()),
          hubUrl: link.hubUrl,
          agentId: agent.id,
          articleId,
          threadId,
          version: result.article.version,
          openedAt: now(),
        });
        // Sent at once, not behind a running pull; should a sync send it too, the hub records it once (by id).
        if (result.source === 'hub')
          await flushOpens().catch((error: unknown) =>
            log.info('an article opening waits for the hub', { error: String(error) }),
          );
      }
      return result;
    },

    versions: async ({ articleId }) => {
      needHub('the versions of an article');
      return client.call('versions', { params: { id: articleId }, input: none });
    },

    save: async ({ id, baseVersion, ...article }) => {
      needHub('saving an article');
      if (id === undefined) return edited(await client.call('create', { params: none, input: article }));
      if (baseVersion === undefined) {
        const message = 'editing an article needs the version the edit started from (baseVersion)';
        throw new OknoError('bad_request', message, [{ path: 'baseVersion', message }]);
      }
      return edited(await client.call('update', { params: { id }, input: { ...article, baseVersion } }));
    },

    async move({ articleId, parentId, position }) {
      needHub('moving an article');
      return edited(await client.call('move', { params: { id: articleId }, input: { parentId, position } }));
    },

    async retire({ articleId, retired }) {
      needHub(retired ? 'retiring an article' : 'restoring an article');
      return edited(await client.call('retire', { params: { id: articleId }, input: { retired } }));
    },

    async uploadDocument({ articleId, ...file }) {
      needHub(`adding "${file.name}"`);
      return edited(await client.call('upload', { params: { id: articleId }, input: file }));
    },

    async document({ documentId }) {
      session.requireAgent();
      const cached = cache.document(documentId);
      if (cached) return cached;
      needHub('this document');
      const content = await client.call('document', { params: { id: documentId }, input: none });
      const bytes = Math.floor((content.dataBase64.length * 3) / 4);
      if (bytes <= DOCUMENT_CACHE_MAX_BYTES) cache.putDocument(documentId, content, now());
      return content;
    },

    sync,
    pendingOpens: () => cache.countOpens(),
    stop() {
      clearInterval(timer);
      unsubscribe();
    },
  };
}
