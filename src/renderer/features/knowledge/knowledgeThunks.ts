/** The knowledge base's calls to the core (src/shared/knowledge/knowledgeContract.ts). Results stay with the component that asked. */
import type { RequestInput } from '../../../shared/contract.js';
import { createAppAsyncThunk, invokeOrReject } from '../../app/thunk.js';

export const loadArticleTree = createAppAsyncThunk('knowledge/tree', (_: void, api) =>
  invokeOrReject(api, 'knowledge.tree', {}),
);

export const searchArticles = createAppAsyncThunk('knowledge/search', (input: RequestInput<'knowledge.search'>, api) =>
  invokeOrReject(api, 'knowledge.search', input),
);

export const suggestArticles = createAppAsyncThunk('knowledge/suggest', (arg: { threadId: string }, api) =>
  invokeOrReject(api, 'knowledge.suggest', { threadId: arg.threadId }),
);

export const openArticle = createAppAsyncThunk('knowledge/open', (input: RequestInput<'knowledge.open'>, api) =>
  invokeOrReject(api, 'knowledge.open', input),
);

export const loadVersions = createAppAsyncThunk('knowledge/versions', (arg: { articleId: string }, api) =>
  invokeOrReject(api, 'knowledge.versions', { articleId: arg.articleId }),
);

export const saveArticle = createAppAsyncThunk('knowledge/save', (input: RequestInput<'knowledge.save'>, api) =>
  invokeOrReject(api, 'knowledge.save', input),
);

export const moveArticle = createAppAsyncThunk('knowledge/move', (input: RequestInput<'knowledge.move'>, api) =>
  invokeOrReject(api, 'knowledge.move', input),
);

export const retireArticle = createAppAsyncThunk('knowledge/retire', (input: RequestInput<'knowledge.retire'>, api) =>
  invokeOrReject(api, 'knowledge.retire', input),
);

export const uploadDocument = createAppAsyncThunk(
  'knowledge/uploadDocument',
  (input: RequestInput<'knowledge.uploadDocument'>, api) => invokeOrReject(api, 'knowledge.uploadDocument', input),
);

export const fetchDocument = createAppAsyncThunk('knowledge/document', (arg: { documentId: string }, api) =>
  invokeOrReject(api, 'knowledge.document', { documentId: arg.documentId }),
);
